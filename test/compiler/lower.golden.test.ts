/**
 * Golden IR for the fixture specs (regenerate with UPDATE_GOLDENS=1), determinism,
 * validity against the published JSON Schema, and lowering details.
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { CompiledContractSchema, type CompiledContract, type Expr } from "../../src/compiler/ir.js";
import { computeContentHash, serializeContract } from "../../src/compiler/ir-hash.js";
import { lowerProgram } from "../../src/compiler/lower.js";
import { dropsOf } from "../../src/runtime/drops.js";
import { irJsonSchema } from "../../src/compiler/schema/json-schema.js";
import { memoryHost, nodeHost } from "../../src/language/node-host.js";
import { loadProgram } from "../../src/language/program.js";
import { expectGolden } from "../helpers/golden.js";
import { REPO_ROOT } from "../helpers/repo.js";

const FIXTURES = resolve(REPO_ROOT, "test/compiler/fixtures");
const SPECS = readdirSync(FIXTURES).filter((f) => f.endsWith(".contract")).sort();

function compileFixture(entry: string, baseDir = FIXTURES): CompiledContract[] {
  const program = loadProgram([entry], nodeHost(FIXTURES));
  const errors = program.diagnostics.filter((d) => d.severity === "error");
  expect(errors.map((d) => `${d.file}:${d.range.start.line} ${d.message}`)).toEqual([]);
  const r = lowerProgram(program, { compilerVersion: "test", baseDir });
  expect(r.skipped).toEqual([]);
  return r.contracts;
}

function goldenText(contracts: readonly CompiledContract[]): string {
  return `[\n${contracts.map((c) => serializeContract(c).trimEnd().replace(/^/gm, "  ")).join(",\n")}\n]\n`;
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validateIr = ajv.compile(irJsonSchema());

describe("golden IR", () => {
  it("has fixtures", () => expect(SPECS.length).toBeGreaterThanOrEqual(3));
  for (const spec of SPECS) {
    describe(spec, () => {
      const contracts = compileFixture(spec).filter((c) => c.source.file === spec);

      it("matches the golden .ir.json", () => {
        expect(contracts.length).toBeGreaterThan(0);
        expectGolden(goldenText(contracts), join(FIXTURES, spec.replace(/\.contract$/, ".ir.json")));
      });

      it("is byte-identical when lowered again (fresh program, absolute entry path)", () => {
        const again = compileFixture(join(FIXTURES, spec)).filter((c) => c.source.file === spec);
        expect(goldenText(again)).toBe(goldenText(contracts));
      });

      it("validates against the published JSON Schema and the zod schema", () => {
        for (const c of contracts) {
          const json: unknown = JSON.parse(serializeContract(c));
          expect(validateIr(json), JSON.stringify(validateIr.errors)).toBe(true);
          expect(CompiledContractSchema.parse(json)).toEqual(c);
          // Lowering builds the IR in schema key order rather than re-parsing it: a parse changes nothing, key order included.
          expect(JSON.stringify(CompiledContractSchema.parse(c))).toBe(JSON.stringify(c));
        }
      });

      it("has a content hash of its canonical JSON, and no absolute paths", () => {
        for (const c of contracts) {
          expect(c.contentHash).toBe(computeContentHash(c));
          const text = serializeContract(c);
          expect(text).not.toContain(REPO_ROOT);
          expect(text).not.toMatch(/"file": "\//);
        }
      });
    });
  }
});

function lowerSource(files: Record<string, string>, entry = "a.contract") {
  return lowerProgram(loadProgram([entry], memoryHost(files)), { compilerVersion: "test" });
}

function findCall(e: Expr, name: string): Extract<Expr, { kind: "call" }> | undefined {
  if (e.kind === "call") {
    if (e.name === name) return e;
    return (e.subject && findCall(e.subject, name)) ?? Object.values(e.args).map((a) => findCall(a, name)).find(Boolean);
  }
  const kids: Expr[] =
    e.kind === "not" || e.kind === "neg" ? [e.operand]
      : e.kind === "and" || e.kind === "or" ? e.operands
        : e.kind === "compare" || e.kind === "arith" ? [e.left, e.right]
          : e.kind === "inRange" ? [e.subject, e.low, e.high]
            : e.kind === "list" ? e.items : [];
  return kids.map((k) => findCall(k, name)).find(Boolean);
}

describe("lowering", () => {
  const [kitchen] = compileFixture("dependencies.contract");
  const byId = (id: string) => {
    const c = kitchen?.constraints.find((x) => x.id === id);
    if (!c) throw new Error(`no ${id}`);
    return c;
  };

  it("derives clauses, keeping inputs as interpolations", () => {
    expect(byId("length")).toMatchObject({
      clauseDerived: true,
      clause: [{ kind: "text", value: "Use at most " }, { kind: "interpolation", name: "max_words" }, { kind: "text", value: " words." }],
    });
    // Arithmetic on an input cannot stay symbolic: the default is used, as the checker does.
    expect(byId("sized").clause).toEqual([{ kind: "text", value: "Use between 2 and 199 sentences." }]);
    expect(byId("opening").clause).toEqual([{ kind: "text", value: "Start the first line with \"Title:\"." }]);
    expect(byId("pattern").clauseDerived).toBe(false);
  });

  it("fills in default arguments and flattens and/or", () => {
    const tone = byId("tone");
    if (tone.kind !== "hard") throw new Error("hard");
    const contains = findCall(tone.check, "contains");
    expect(Object.keys(contains?.args ?? {})).toEqual(["phrase", "whole_words", "ignore_case"]);
    expect(contains?.args["whole_words"]).toEqual({ kind: "bool", type: "bool", value: false });
    expect(contains?.args["ignore_case"]).toEqual({ kind: "bool", type: "bool", value: true });
    const para = byId("para_two");
    if (para.kind !== "hard") throw new Error("hard");
    expect(para.check.kind).toBe("and");
  });

  it("records the dependency edges from which the runtime derives drop closures", () => {
    const closure = (id: string) => {
      const drops = dropsOf(kitchen!, [id], [id]);
      return kitchen!.constraints.map((c) => c.id).filter((x) => drops.has(x));
    };
    expect(closure("length")).toEqual(["length", "sized", "para_two", "budget"]);
    expect(closure("either")).toEqual(["either", "not_three"]);
    expect(kitchen?.rewrite).not.toHaveProperty("dropClosure");
    expect(kitchen?.rewrite.nonRemovable).toEqual(["opening"]);
    expect(kitchen?.rewrite).toMatchObject({ minKept: 3, layout: "bullets", placement: "before" });
    expect(byId("sized").requires).toEqual(["para_two"]);
  });

  it("records where used constraints come from", () => {
    const [reply] = compileFixture("imports.contract");
    const links = reply?.constraints.find((c) => c.id === "no_links");
    expect(links).toMatchObject({ fromSet: "Safety", source: { file: "shared/policies.contract", line: 3, column: 3 } });
    expect(reply?.source.file).toBe("imports.contract");
  });

  it("skips contracts whose files have errors, and compiles the rest", () => {
    const r = lowerSource({
      "a.contract": `import "b.contract"\ncontract Good { task t "x" check words > 1 }\n`,
      "b.contract": `contract Bad { task t "x" check wrds > 1 }\n`,
    });
    expect(r.contracts.map((c) => c.id)).toEqual(["Good"]);
    expect(r.skipped).toEqual([{ contract: "Bad", file: "b.contract", reason: "errors in `b.contract`" }]);
    expect(r.diagnostics.some((d) => d.severity === "error")).toBe(true);
  });

  it("skips a contract that uses a constraint from a file with errors", () => {
    const r = lowerSource({
      "a.contract": `import "b.contract"\ncontract Uses { task t "x" check words > 1\n use S }\n`,
      "b.contract": `constraints S { task s "y" check wrds > 1 }\n`,
    });
    expect(r.contracts).toEqual([]);
    expect(r.skipped[0]?.reason).toBe("errors in `b.contract`");
  });

  it("hashes the whole IR: any change to the source or the behaviour changes the content hash", () => {
    const src = `contract A { task t "Be short." check words < 10 }`;
    const a = lowerSource({ "a.contract": src }).contracts[0];
    const a2 = lowerSource({ "a.contract": src }).contracts[0];
    const b = lowerSource({ "a.contract": `contract A {\n  task t "Be short."\n    check words<10\n}\n` }).contracts[0];
    const c = lowerSource({ "a.contract": `contract A { task t "Be short." check words < 11 }` }).contracts[0];
    expect(a2?.contentHash).toBe(a?.contentHash);
    expect(b?.source.hash).not.toBe(a?.source.hash);
    expect(b?.contentHash).not.toBe(a?.contentHash);
    expect(c?.contentHash).not.toBe(a?.contentHash);
    // Apart from source hash and locations, reformatting changes nothing.
    const strip = (x: typeof a) => JSON.parse(JSON.stringify(x, (k, v) => (k === "source" || k === "contentHash" ? undefined : v))) as unknown;
    expect(strip(b)).toEqual(strip(a));
  });
});
