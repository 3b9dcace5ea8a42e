/**
 * src/runtime/compiled.ts, the runtime of generated verifiers, adds no semantics of
 * its own: the node helpers generated checks call are the interpreter's
 * (src/runtime/nodes.ts), and verification and hindsight run the interpreter's code
 * (verify.ts `verifyWith`, hindsight.ts `hindsightWith`) with the generated check
 * table as the backend. This test pins that wiring and the paths only the generated
 * backend has (a check table that lacks a constraint or returns a non-boolean).
 * The behavioural guarantee is agreement.property.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompiledContract } from "../../../src/compiler/ir.js";
import * as compiled from "../../../src/runtime/compiled.js";
import { hindsightSync } from "../../../src/runtime/hindsight.js";
import * as nodes from "../../../src/runtime/nodes.js";
import { verifySync } from "../../../src/runtime/verify.js";
import { REPO_ROOT } from "../../helpers/repo.js";
import { buildFromMemory, removeDir, scratchDir } from "./helpers.js";

const SPEC = `contract Gated {
  input limit: int = 2
  prompt "Write."
  task short "Use at most {{limit}} sentences." check sentences <= limit
  task calm "No exclamation marks." check not contains("!")
  task after "End with a period." check ends_with(".")
  after requires short
  replay { min_kept 1 }
}
`;

let dir = "";
let ir: CompiledContract;

beforeAll(async () => {
  dir = scratchDir("surface");
  const built = await buildFromMemory({ "gated.contract": SPEC }, join(dir, "out").slice(REPO_ROOT.length + 1));
  expect(built.errors).toEqual([]);
  ir = built.modules[0]!.contracts[0] as CompiledContract;
});
afterAll(() => removeDir(dir));

describe("the runtime of generated verifiers", () => {
  it("re-exports the interpreter's node helpers (same functions, so the same evidence)", () => {
    for (const name of ["and", "arith", "compare", "inRange", "input", "list", "measure", "neg", "not", "notCompare", "notInRange", "or", "predicate", "selector", "subjectText"] as const) {
      expect(compiled[name], name).toBe(nodes[name]);
    }
    expect(compiled.lit("x")).toEqual(nodes.literal("x"));
    expect(Object.isFrozen(compiled.lit(3))).toBe(true);
    expect(compiled.regex("a+", "i")).toEqual(nodes.regexLiteral("a+", "i"));
  });

  it("never reads a check expression and has no verdict or hindsight logic of its own", () => {
    const src = readFileSync(join(REPO_ROOT, "src/runtime/compiled.ts"), "utf8");
    expect(src).not.toMatch(/evaluateCheck|evaluateNode|evalNode|\.check\b/);
    expect(src).not.toMatch(/function (combine|settle|finish|askJudge|plan|causesOf|ownFailures|conclude|refused|describeCompare)\b/);
  });

  it("hand-written check tables go through the interpreter's gating and evidence", () => {
    const response = "One. Two. Three!";
    const pass = (): compiled.Node => ({ value: true, text: "ok" });
    const checks: compiled.HardChecks = {
      // `short` returns a number, `calm` is missing, `after` passes but requires `short`.
      short: () => ({ value: 3, text: "3 sentences" }),
      after: pass,
    };
    const v = compiled.verifySync<compiled.Verdicts & { byId: Record<string, compiled.Verdict> }>(ir, checks, response, {});
    expect(v.verdicts.map((x) => [x.id, x.status, x.evidence])).toEqual([
      ["short", "unknown", "could not evaluate: the check evaluates to 3, not true or false"],
      ["calm", "unknown", "could not evaluate: internal error: the generated module has no check function for this constraint"],
      ["after", "unknown", "unknown because its prerequisite `short` is unknown; its own check: ok"],
    ]);
    expect(v.byId["after"]?.gatedBy).toEqual(["short"]);
    expect(v.counts).toEqual({ pass: 0, fail: 0, unknown: 3 });
  });

  it("generated and interpreted hindsight share the planning (same refusal for the same verdicts)", () => {
    const response = "One. Two. Three!";
    const interpreted = verifySync(ir, response, {});
    expect(interpreted.verdicts.map((x) => x.status)).toEqual(["fail", "fail", "fail"]);
    const checks: compiled.HardChecks = { short: () => ({ value: false, text: "" }), calm: () => ({ value: false, text: "" }), after: () => ({ value: false, text: "" }) };
    expect(compiled.hindsightSync(ir, checks, interpreted, response, {})).toEqual(hindsightSync(ir, interpreted, response, {}));
  });
});
