/**
 * `hir eval ifeval` on bad input: every problem is reported (with its line or key)
 * or becomes a failed verdict with a reason, and one bad row never loses the rest.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import { evaluateIfevalContracts, formatIfevalRecord } from "../../src/interop/ifeval-eval.js";

const input = (key: number | string, prompt: string, ids: string[], kwargs: Array<Record<string, unknown>> = ids.map(() => ({}))) =>
  JSON.stringify({ key, prompt, instruction_id_list: ids, kwargs });
const resp = (prompt: string, response: string) => JSON.stringify({ prompt, response });

const INPUT = [
  input(1, "No commas please.", ["punctuation:no_comma"]),
  input(2, "Title and words.", ["detectable_format:title", "length_constraints:number_words"], [{}, { num_words: 3, relation: "at least" }]),
  input(3, "Unknown id.", ["punctuation:no_comas"]),
  "{not json",
  input(5, "Missing response.", ["startend:quotation"]),
  input(6, "Lowercase.", ["change_case:english_lowercase"]),
].join("\n");

describe("evaluateIfevalContracts on bad input", () => {
  it("reports malformed lines, unknown ids and missing responses, and scores the rest", () => {
    const responses = [
      resp("No commas please.", "Fine by me"),
      "garbage line",
      resp("Title and words.", "<<T>>\none two three"),
      JSON.stringify({ prompt: "Lowercase." }),
      resp("Lowercase.", "all lowercase here"),
      resp("Nobody asked this.", "x"),
    ].join("\n");
    const ev = evaluateIfevalContracts(INPUT, responses);
    expect(ev.strict.rows.map((r) => r.key)).toEqual(["1", "2", "6"]);
    expect(ev.strict.rows.map((r) => r.followAll)).toEqual([true, true, true]);
    expect(ev.missingResponses).toEqual([{ key: "5", line: 5, prompt: "Missing response." }]);
    expect(ev.skippedRows.map((s) => s.line)).toEqual([3, 4]);
    expect(ev.unmatchedResponses).toBe(1);
    const lines = ev.problems.map((p) => `${p.source}:${p.line}:${p.severity}:${p.key ?? ""}:${p.message}`);
    expect(lines).toEqual([
      expect.stringMatching(/^input:3:error:3:unknown instruction id `punctuation:no_comas` \(did you mean `punctuation:no_comma`\?\)/),
      expect.stringMatching(/^input:4:error::invalid JSON/),
      expect.stringMatching(/^input:5:error:5:no response for key 5/),
      expect.stringMatching(/^responses:2:error::malformed JSON/),
      expect.stringMatching(/^responses:4:error::expected \{prompt: string, response: string\}/),
    ]);
  });

  it("an empty or blank response fails every instruction with a reason", () => {
    const ev = evaluateIfevalContracts(INPUT, [resp("No commas please.", ""), resp("Lowercase.", " \n\t ")].join("\n"));
    for (const mode of ["strict", "loose"] as const) {
      expect(ev[mode].rows.map((r) => r.key)).toEqual(["1", "6"]);
      for (const r of ev[mode].rows) {
        expect(r.followAll).toBe(false);
        expect(r.instructions[0]!.evidence).toMatch(/empty after stripping/);
      }
    }
  });

  it("a 10 MB response finishes and is scored", () => {
    const big = "the quick brown fox jumps over the lazy dog and runs home. ".repeat(180_000); // ~10 MiB, no commas
    const ev = evaluateIfevalContracts(INPUT, [resp("No commas please.", big), resp("Title and words.", `<<T>> ${big}`), resp("Lowercase.", big)].join("\n"));
    expect(ev.strict.rows.map((r) => [r.key, r.followAll])).toEqual([["1", true], ["2", true], ["6", true]]);
    expect(ev.loose.rows.map((r) => r.followAll)).toEqual([true, true, true]);
    // A failing 10 MB response makes loose mode try all 8 variants; it still finishes.
    const failing = evaluateIfevalContracts(INPUT, [resp("No commas please.", `${big}, ${big}`), resp("Lowercase.", `${big}UPPER`)].join("\n"));
    expect(failing.loose.rows.map((r) => [r.key, r.followAll])).toEqual([["1", false], ["6", false]]);
    expect(failing.loose.rows[0]!.instructions[0]!.evidence).toMatch(/comma/);
  });

  it("invalid UTF-8 bytes and lone surrogates in the responses file are reported or handled, never fatal", () => {
    const enc = new TextEncoder();
    const bytes = Buffer.concat([
      Buffer.from(enc.encode('{"prompt": "No commas please.", "response": "caf')),
      Buffer.from([0xff, 0xfe, 0x22, 0x7d, 0x0a]), // invalid bytes, then `"}` closes the line
      Buffer.from(enc.encode(`${JSON.stringify({ prompt: "Lowercase.", response: "lone \ud800 surrogate" })}\n`)),
      Buffer.from(enc.encode(`{"prompt": "Title and words.", "response": "<<T>> a b c \\udc00"}\n`)),
    ]);
    const ev = evaluateIfevalContracts(INPUT, bytes);
    expect(ev.problems.filter((p) => p.source === "responses")).toEqual([
      { source: "responses", line: 1, severity: "warning", message: expect.stringMatching(/^invalid UTF-8 at byte \d+; undecodable bytes were replaced by U\+FFFD$/) },
    ]);
    expect(ev.strict.rows.map((r) => r.key)).toEqual(["1", "2", "6"]);
    expect(ev.strict.records[0]!.response).toBe("caf\ufffd\ufffd");
    expect(ev.strict.rows[0]!.followAll).toBe(true);
    expect(ev.strict.rows[1]!.followAll).toBe(true);
    // Lone surrogates survive into the records and are written as escapes, so the output stays valid UTF-8 JSON.
    const line = formatIfevalRecord(ev.strict.records[2]!);
    expect(line).toContain("\\ud800");
    expect(JSON.parse(line).response).toBe("lone \ud800 surrogate");
  });

  it("invalid UTF-8 in the input file is reported by line and the row still converted", () => {
    const bytes = Buffer.concat([Buffer.from('{"key": 1, "prompt": "No commas please.\xff'.replace("\xff", ""), "utf8"), Buffer.from([0xc3]), Buffer.from('", "instruction_id_list": ["punctuation:no_comma"], "kwargs": [{}]}\n', "utf8")]);
    const ev = evaluateIfevalContracts(bytes, resp("No commas please.\ufffd", "ok"));
    expect(ev.problems).toEqual([{ source: "input", line: 1, severity: "warning", message: expect.stringMatching(/^invalid UTF-8 at byte \d+; undecodable bytes were replaced by U\+FFFD$/) }]);
    expect(ev.strict.rows.map((r) => r.followAll)).toEqual([true]);
  });

  it("kwargs the runtime rejects give a failed verdict with the reason, not a crash", () => {
    const ev = evaluateIfevalContracts(
      input(1, "Repeat.", ["combination:repeat_prompt", "punctuation:no_comma"], [{ prompt_to_repeat: "" }, {}]),
      resp("Repeat.", "anything"),
    );
    const r = ev.strict.rows[0]!;
    expect(r.instructions.map((i) => i.followed)).toEqual([false, true]);
    expect(r.instructions[0]!.evidence.length).toBeGreaterThan(0);
  });

  it("empty files give empty results", () => {
    const ev = evaluateIfevalContracts("", "");
    expect(ev.strict.records).toEqual([]);
    expect(ev.problems).toEqual([]);
    expect(ev.strict.stats.promptLevelAccuracy).toBe(0);
  });
});

describe("hir eval ifeval on bad input", () => {
  it("reports problems on stderr by line and key, writes results for the rest, exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hir-eval-bad-"));
    writeFileSync(join(dir, "in.jsonl"), INPUT);
    writeFileSync(join(dir, "resp.jsonl"), [resp("No commas please.", "a, b"), "oops", resp("Lowercase.", "this answer is written in plain lowercase english")].join("\n"));
    const io = memoryIO({ cwd: dir });
    const code = await run(["eval", "ifeval", "--input", "in.jsonl", "--responses", "resp.jsonl", "--out", "out"], io);
    expect(code).toBe(1);
    expect(io.err).toMatch(/^in\.jsonl:3: error: key 3: unknown instruction id/m);
    expect(io.err).toMatch(/^in\.jsonl:4: error: invalid JSON/m);
    expect(io.err).toMatch(/^resp\.jsonl:2: error: malformed JSON/m);
    expect(io.err).toMatch(/2 prompts without a response, not scored: keys 2, 5/);
    const strict = readFileSync(join(dir, "out", "eval_results_strict.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { follow_all_instructions: boolean });
    expect(strict.map((r) => r.follow_all_instructions)).toEqual([false, true]);
    expect(io.out).toMatch(/2 prompts scored, 2 without a response, 2 rows skipped/);
  });

  it("usage errors exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hir-eval-bad-"));
    const io = memoryIO({ cwd: dir });
    expect(await run(["eval", "ifeval", "--input", "in.jsonl"], io)).toBe(2);
    expect(io.err).toMatch(/missing --responses, --out/);
    const io2 = memoryIO({ cwd: dir });
    expect(await run(["eval", "ifeval", "--input", "nope.jsonl", "--responses", "nope2.jsonl", "--out", "o"], io2)).toBe(2);
    expect(io2.err).toMatch(/cannot read nope\.jsonl/);
  });
});
