/**
 * Issue 8, item 10: names that are JavaScript's own (`__proto__`, `toString`,
 * `constructor`, ...) as contract, input and constraint names. `__proto__` used to
 * break lowering (the IR's old drop-closure record turned the key into a prototype), inputs
 * were lost, and `-i __proto__=...` was ignored. Every name goes through compile
 * (generated code type-checks under strict options), the interpreter's check and
 * hindsight, rendering, and the CLI's input parsing.
 */
import { relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseInputPairs } from "../../src/cli/commands/check.js";
import { lowerProgram } from "../../src/compiler/lower.js";
import { memoryHost } from "../../src/language/node-host.js";
import { loadProgram } from "../../src/language/program.js";
import { hindsightSync } from "../../src/runtime/hindsight.js";
import { render } from "../../src/runtime/render.js";
import { verifySync } from "../../src/runtime/verify.js";
import { REPO_ROOT } from "../helpers/repo.js";
import { buildFromMemory, removeDir, scratchDir, typecheck, writeBuild } from "./codegen/helpers.js";

const RESERVED = [
  "__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
  "toLocaleString", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
];

/** The name as contract, as a text input, and as the id of a constraint that reads it. */
const source = (n: string): string => `contract ${n} {
  input ${n}: text
  input other: int = 2
  prompt "Write about {{${n}}}."
  task ${n} "Mention {{${n}}}." check contains(${n})
  task short "At most {{other}} lines." check lines <= other
  task some "Write something." check words >= 1
  short requires ${n}
}
`;

const dir = scratchDir("reserved-names");
afterAll(() => removeDir(dir));

describe("JavaScript's own names as contract, input and constraint names", () => {
  it("compile to code that passes tsc", async () => {
    const files = Object.fromEntries(RESERVED.map((n, i) => [`r${i}.contract`, source(n)]));
    const built = await buildFromMemory(files, relative(REPO_ROOT, dir));
    expect(built.errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(built.modules.length).toBe(RESERVED.length);
    const written = writeBuild(built, dir);
    expect(typecheck(written)).toEqual([]);
  }, 120_000);

  for (const n of RESERVED) {
    it(`\`${n}\`: check, hindsight and render keep the name as data`, () => {
      const program = loadProgram(["r.contract"], memoryHost({ "r.contract": source(n) }));
      expect(program.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const lowered = lowerProgram(program);
      expect(lowered.skipped).toEqual([]);
      const ir = lowered.contracts[0]!;
      expect(ir.id).toBe(n);
      expect(ir.constraints.find((c) => c.id === "short")?.requires).toEqual([n]);

      const inputs = parseInputPairs([`${n}=Rome`]);
      expect(typeof inputs === "object" && Object.keys(inputs)).toEqual([n]);
      const shown = render(ir, inputs as Record<string, string>);
      expect(shown).toContain("Write about Rome.");
      expect(shown).not.toContain("[object");

      const pass = verifySync(ir, "Rome\nis old", inputs as Record<string, string>);
      expect(pass.inputErrors).toEqual([]);
      expect(pass.verdicts.map((v) => `${v.id}:${v.status}`)).toEqual([`${n}:pass`, "short:pass", "some:pass"]);

      const failing = verifySync(ir, "Paris", inputs as Record<string, string>);
      expect(failing.verdicts[0]!.id).toBe(n);
      expect(failing.verdicts[0]!.status).toBe("fail");
      const h = hindsightSync(ir, failing, "Paris", inputs as Record<string, string>);
      expect(h.outcome).toBe("rewrite");
      expect(h.outcome === "rewrite" && h.dropped.map((d) => d.id)).toEqual([n, "short"]);
      const text = JSON.stringify(h);
      expect(text).not.toContain("[object");
      expect(text).toContain(`"${n}"`);
    });
  }

  it("a missing reserved-name input is reported, not read from Object.prototype", () => {
    const ir = lowerProgram(loadProgram(["r.contract"], memoryHost({ "r.contract": source("toString") }))).contracts[0]!;
    const v = verifySync(ir, "x", {});
    expect(v.inputErrors.map((e) => e.input)).toEqual(["toString"]);
  });
});
