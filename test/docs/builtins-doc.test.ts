import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderBuiltinsDoc } from "../../src/language/builtins/doc.js";
import { BUILTINS, getBuiltin } from "../../src/language/builtins/registry.js";
import { memoryHost } from "../../src/language/node-host.js";
import { loadProgram } from "../../src/language/program.js";
import { verifySync } from "../../src/runtime/verify.js";
import { REPO_ROOT } from "../helpers/repo.js";
import { compileOne } from "../runtime/helpers.js";

const contractFor = (check: string) => `contract Example {\n  prompt "Write."\n  task t "Do it."\n    ${check}\n}\n`;

function errorsOf(check: string): string[] {
  return loadProgram(["e.contract"], memoryHost({ "e.contract": contractFor(check) })).diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
}

describe("built-in registry", () => {
  it("has unique names", () => {
    const names = BUILTINS.map((b) => b.name);
    expect(new Set(names).size).toBe(names.length);
  });
  it("docs/builtins.md is up to date (npx tsx scripts/gen-builtins-doc.ts)", () => {
    expect(readFileSync(join(REPO_ROOT, "docs/builtins.md"), "utf8")).toBe(renderBuiltinsDoc());
  });
  it("links every IFEval compatibility built-in to a general counterpart that exists", () => {
    const ifeval = BUILTINS.filter((b) => b.name.startsWith("ifeval_"));
    expect(ifeval.filter((b) => !b.general).map((b) => b.name)).toEqual([]);
    for (const b of ifeval) {
      for (const name of b.general?.builtins ?? []) expect(getBuiltin(name)?.name, `${b.name} -> ${name}`).toBe(name);
      expect(b.general?.check, b.name).toMatch(/^check /);
    }
    const compat = /^(ifeval|ifbench|ifevalg)_/;
    expect(BUILTINS.filter((b) => !compat.test(b.name) && b.general).map((b) => b.name)).toEqual([]);
    for (const b of BUILTINS.filter((x) => x.general && !x.name.startsWith("ifeval_"))) {
      for (const name of b.general?.builtins ?? []) expect(getBuiltin(name)?.name, `${b.name} -> ${name}`).toBe(name);
    }
  });
  it("renders the IFEval comparison table", () => {
    const doc = renderBuiltinsDoc();
    expect(doc).toContain("## IFEval compatibility form vs general built-in");
    expect(doc).toContain("| `ifeval_detectable_format_number_bullet_lists` | `bullets == 3` |");
    expect(doc).toContain("| `ifeval_punctuation_no_comma` | `not contains(\",\")` |");
    expect(doc).toContain("## IFBench and IFEvalG compatibility form vs general built-in");
    expect(doc).toContain("| `ifbench_format_parentheses` | `bracket_depth >= 5` | *Same verdicts.*");
  });
  it("names only measures in `refines`", () => {
    for (const b of BUILTINS) for (const r of b.refines ?? []) expect(getBuiltin(r)?.kind, `${b.name} refines ${r}`).toBe("measure");
  });
});

describe("built-in examples", () => {
  for (const b of BUILTINS) {
    it(`${b.name}: example type-checks`, () => {
      expect(errorsOf(b.example)).toEqual([]);
    });
    if (b.general) {
      it(`${b.name}: general counterpart type-checks`, () => {
        expect(errorsOf(b.general?.check ?? "")).toEqual([]);
      });
    }
    if (b.samples && b.samples.length > 0) {
      it(`${b.name}: example check passes and fails on the documented samples`, () => {
        const contract = compileOne(contractFor(b.example));
        for (const s of b.samples ?? []) {
          const v = verifySync(contract, s.response, {});
          expect(v.verdicts[0]?.status, `${JSON.stringify(s.response)}: ${v.verdicts[0]?.evidence}`).toBe(s.passes ? "pass" : "fail");
        }
      });
    }
  }
});

describe("checker validates literal JSON schemas", () => {
  it("reports an invalid schema where the literal is", () => {
    expect(errorsOf('check matches_schema("{\\"type\\": \\"objekt\\"}")').join("\n")).toMatch(/invalid `schema` for `matches_schema`: the schema is not a valid JSON Schema: at \/type: must be equal to one of the allowed values/);
    expect(errorsOf('check matches_schema("{type: 1}")').join("\n")).toMatch(/the schema is not valid JSON/);
    expect(errorsOf('check matches_schema("[1]")').join("\n")).toMatch(/must be an object/);
  });
  it("accepts valid schemas, including draft 2020-12", () => {
    expect(errorsOf('check matches_schema("{\\"type\\": \\"array\\", \\"items\\": {\\"type\\": \\"integer\\"}}")')).toEqual([]);
    expect(errorsOf('check matches_schema("{\\"$schema\\": \\"https://json-schema.org/draft/2020-12/schema\\", \\"prefixItems\\": [{\\"type\\": \\"string\\"}]}")')).toEqual([]);
  });
});
