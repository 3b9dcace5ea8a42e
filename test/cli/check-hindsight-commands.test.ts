/** `hir check` and `hir hindsight` command functions, run in-process. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { beforeAll, describe, expect, it } from "vitest";
import { checkCommand, registerCheckCommand, type CheckArgs } from "../../src/cli/commands/check.js";
import { hindsightCommand, registerHindsightCommand } from "../../src/cli/commands/hindsight.js";
import { memoryIO } from "../../src/cli/io.js";
import type { Judge } from "../../src/runtime/judge-interface.js";
import { COMPLIANCE } from "../runtime/helpers.js";

let dir = "";
const GOOD = "- Vendors lapse under POL-7.\n- Audits may find gaps.\n- Costs rise.\n\nRecommendation: start now.\n";
const BAD_BULLETS = "- Vendors lapse under POL-7.\n- Audits may find gaps.\n\nRecommendation: start now.\n";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hir-cli-"));
  writeFileSync(join(dir, "compliance.contract"), COMPLIANCE);
  writeFileSync(join(dir, "two.contract"), `contract A { task t "T." check words > 0 }\ncontract B { task u "U." check words > 1 }\n`);
  writeFileSync(join(dir, "hard.contract"), `contract Hard {
  input n: int = 3
  input who: text
  prompt "Write to {{who}}."
  task count_ok "Use {{n}} bullets." check bullets == n
  task hello "Say hello." check contains("hello", ignore_case: true)
  task bye "Say bye." check contains("bye")
  replay { layout bullets }
}\n`);
  writeFileSync(join(dir, "broken.contract"), `contract X { task t "T." check wrds > 0 }\n`);
  writeFileSync(join(dir, "good.txt"), GOOD);
  writeFileSync(join(dir, "bad.txt"), BAD_BULLETS);
  writeFileSync(join(dir, "hello.txt"), "Hello!\n- a\n- b\n- c\n");
});

const args = (over: Partial<CheckArgs>): CheckArgs => ({ spec: "compliance.contract", inputs: { policy_change: "POL-7 change" }, responseFile: "good.txt", json: false, ...over });
const yes: Judge = { judge: async () => ({ verdict: "yes", reason: "fine" }) };

describe("hir check", () => {
  it("prints aligned verdicts with marks and exits 0 when everything passes", async () => {
    const io = memoryIO({ cwd: dir });
    const code = await checkCommand(io, args({ judge: "http://judge.local/v1" }), { judgeFactory: () => yes });
    expect(io.err).toBe("");
    expect(code).toBe(0);
    expect(io.out).toContain("ComplianceSummary: 7 passed, 0 failed, 0 unknown (of 7) — all constraints pass");
    expect(io.out).toContain("  ✓ three_bullets   task             found 3 bullet lines (lines 1, 2, 3); expected exactly 3\n");
    expect(io.out).toContain("  ✓ cite            pinned task      the response contains \"POL-\" at line 1, column 23\n");
  });

  it("exits 1 on failures and unknowns (no judge: soft constraints are unknown)", async () => {
    const io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ responseFile: "bad.txt" }))).toBe(1);
    expect(io.out).toContain("✗ three_bullets");
    expect(io.out).toContain("? two_risks       task (judge)     no judge configured");
    expect(io.out).toContain("failed because its prerequisite `three_bullets` failed");
  });

  it("prints stable JSON", async () => {
    const io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ json: true, responseFile: "bad.txt" }))).toBe(1);
    const out = JSON.parse(io.out) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["version", "contract", "contentHash", "passed", "counts", "inputErrors", "instruction", "verdicts"]);
    expect(out["counts"]).toEqual({ pass: 3, fail: 2, unknown: 2 });
    expect((out["verdicts"] as unknown[])[2]).toMatchObject({ id: "recommendation", role: "task", pinned: false, kind: "hard", status: "fail", gatedBy: ["three_bullets"] });
  });

  it("reads the response from standard input", async () => {
    const io = memoryIO({ cwd: dir, stdin: GOOD });
    expect(await checkCommand(io, args({ responseFile: "-", judge: "none" }))).toBe(1);
    expect(io.out).toContain("✓ three_bullets");
  });

  it("parses inputs by type and rejects bad values, unknown and missing inputs", async () => {
    let io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ spec: "hard.contract", responseFile: "hello.txt", inputs: { who: "Ann", n: "3" } }))).toBe(1);
    expect(io.out).toContain("✓ count_ok");
    expect(io.out).toContain("✗ bye");
    io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ spec: "hard.contract", responseFile: "hello.txt", inputs: { who: "Ann", n: "three" } }))).toBe(2);
    expect(io.err).toBe('hir check: --input n: expected a whole number, got "three" (`n` is int)\n');
    io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ spec: "hard.contract", responseFile: "hello.txt", inputs: { who: "Ann", nn: "3" } }))).toBe(2);
    expect(io.err).toBe("hir check: `Hard` has no input `nn` (its inputs: n, who)\n");
    io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ spec: "hard.contract", responseFile: "hello.txt", inputs: {} }))).toBe(2);
    expect(io.err).toBe("hir check: missing required input: who (text); pass --input who=...\n");
  });

  it("reads typed inputs from --inputs FILE, with --input overriding them", async () => {
    writeFileSync(join(dir, "inputs.json"), JSON.stringify({ who: "Ann", n: 2 }));
    writeFileSync(join(dir, "bad-type.json"), JSON.stringify({ who: "Ann", n: "3" }));
    writeFileSync(join(dir, "not-object.json"), "[1, 2]");
    writeFileSync(join(dir, "proto.json"), '{"__proto__": {"who": "x"}, "who": "Ann"}');
    let io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ spec: "hard.contract", responseFile: "hello.txt", inputs: {}, inputsFile: "inputs.json" }))).toBe(1);
    expect(io.out).toContain("✗ count_ok");
    io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ spec: "hard.contract", responseFile: "hello.txt", inputs: { n: "3" }, inputsFile: "inputs.json" }))).toBe(1);
    expect(io.out).toContain("✓ count_ok");
    io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ spec: "hard.contract", responseFile: "hello.txt", inputs: {}, inputsFile: "bad-type.json" }))).toBe(2);
    expect(io.err).toBe('hir check: bad-type.json: `n` must be int ("3")\n');
    io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ spec: "hard.contract", responseFile: "hello.txt", inputs: {}, inputsFile: "not-object.json" }))).toBe(2);
    expect(io.err).toContain("expected a JSON object");
    io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ spec: "hard.contract", responseFile: "hello.txt", inputs: {}, inputsFile: "proto.json" }))).toBe(2);
    expect(io.err).toContain("has no input `__proto__`");
    io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ spec: "hard.contract", responseFile: "hello.txt", inputs: {}, inputsFile: "missing.json" }))).toBe(2);
    expect(io.err).toContain("cannot read the inputs file `missing.json`");
  });

  it("requires --contract when a file declares several, listing them", async () => {
    let io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ spec: "two.contract", inputs: {} }))).toBe(2);
    expect(io.err).toBe("hir check: `two.contract` declares 2 contracts; choose one with --contract: A, B\n");
    io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ spec: "two.contract", contract: "C", inputs: {} }))).toBe(2);
    expect(io.err).toBe("hir check: no contract `C` in `two.contract` (it declares: A, B)\n");
    io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ spec: "two.contract", contract: "B", inputs: {} }))).toBe(0);
  });

  it("prints diagnostics and exits 1 for a spec with errors; usage errors exit 2", async () => {
    let io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ spec: "broken.contract", inputs: {} }))).toBe(1);
    expect(io.err).toContain("`wrds` is not an input or a built-in");
    expect(io.err).toContain("hir check: `broken.contract` has errors");
    io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ spec: "missing.contract" }))).toBe(2);
    io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ responseFile: "nope.txt" }))).toBe(2);
    expect(io.err).toBe("hir check: cannot read the response file `nope.txt`\n");
    io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ judge: "http://x" }))).toBe(2);
    expect(io.err).toContain("needs the HTTP judge");
    io = memoryIO({ cwd: dir });
    expect(await checkCommand(io, args({ judge: "ftp://x" }), { judgeFactory: () => yes })).toBe(2);
  });
});

describe("hir hindsight", () => {
  it("prints verdicts, then the rewrite", async () => {
    const io = memoryIO({ cwd: dir });
    expect(await hindsightCommand(io, args({ spec: "hard.contract", responseFile: "hello.txt", inputs: { who: "Ann" } }))).toBe(0);
    expect(io.out).toContain("Hard: 2 passed, 1 failed, 0 unknown (of 3)");
    expect(io.out).toContain("hindsight: rewrite — kept 2 of 3 constraints");
    expect(io.out).toContain("    bye  failed\n");
    expect(io.out).toContain("    │ Write to Ann.\n    │\n    │ - Use 3 bullets.\n    │ - Say hello.\n");
    expect(io.out).toContain("re-verification: 2 passed, 0 failed, 0 unknown (of 2)");
  });

  it("prints the refusal and exits 1", async () => {
    const io = memoryIO({ cwd: dir });
    expect(await hindsightCommand(io, args({ responseFile: "bad.txt" }))).toBe(1);
    expect(io.out).toContain("hindsight: refused (unknown-verdict)");
    expect(io.out).toContain("constraints: two_risks, tone");
  });

  it("prints stable JSON", async () => {
    const io = memoryIO({ cwd: dir });
    expect(await hindsightCommand(io, args({ json: true, responseFile: "bad.txt", judge: "http://j" }), { judgeFactory: () => yes })).toBe(0);
    const out = JSON.parse(io.out) as { hindsight: Record<string, unknown>; verification: Record<string, unknown> };
    expect(Object.keys(out)).toEqual(["version", "contract", "contentHash", "verification", "hindsight"]);
    expect(out.hindsight).toMatchObject({
      outcome: "rewrite",
      kept: ["concise", "tone", "cite", "no_guarantees"],
      dropped: [{ id: "three_bullets", cause: "failed" }, { id: "two_risks", cause: "coupled", via: "three_bullets" }, { id: "recommendation", cause: "requires", via: "three_bullets" }],
    });
    expect((out.hindsight["reverification"] as Record<string, unknown>)["passed"]).toBe(true);
  });
});

describe("commander wiring", () => {
  it("registers check and hindsight with their flags", async () => {
    const io = memoryIO({ cwd: dir });
    let code = -1;
    const program = new Command("hir").exitOverride();
    registerCheckCommand(program, io, (c) => { code = c; });
    registerHindsightCommand(program, io, (c) => { code = c; });
    await program.parseAsync(["check", "hard.contract", "hello.txt", "-i", "who=Ann", "--input", "n=3", "--json"], { from: "user" });
    expect(code).toBe(1);
    expect(JSON.parse(io.out)).toMatchObject({ contract: "Hard", counts: { pass: 2, fail: 1, unknown: 0 } });
    const io2 = memoryIO({ cwd: dir });
    const program2 = new Command("hir").exitOverride();
    registerHindsightCommand(program2, io2, (c) => { code = c; });
    await program2.parseAsync(["hindsight", "hard.contract", "hello.txt", "--input", "whoAnn"], { from: "user" });
    expect(code).toBe(2);
    expect(io2.err).toBe("hir hindsight: --input takes key=value, not `whoAnn`\n");
  });
});
