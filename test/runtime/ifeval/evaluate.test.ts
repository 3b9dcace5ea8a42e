import { describe, expect, it } from "vitest";
import {
  accuracyStats,
  evaluateIfeval,
  evaluateRow,
  looseVariants,
  parseIfevalInputs,
  parseIfevalResponses,
  parseJsonl,
} from "../../../src/runtime/ifeval/index.js";
import type { IfevalInput } from "../../../src/runtime/ifeval/index.js";

const row: IfevalInput = {
  key: 7,
  prompt: "Answer in quotes without commas and end with Bye.",
  instruction_id_list: ["startend:quotation", "punctuation:no_comma", "startend:end_checker"],
  kwargs: [{}, {}, { end_phrase: "Bye." }],
};

describe("loose variants", () => {
  it("produces the reference's 8 variants in order", () => {
    const v = looseVariants("Sure!\n*Body* text\nThanks");
    expect(v.map((x) => x.text)).toEqual([
      "Sure!\n*Body* text\nThanks",
      "Sure!\nBody text\nThanks",
      "*Body* text\nThanks",
      "Sure!\n*Body* text",
      "*Body* text",
      "Body text\nThanks",
      "Sure!\nBody text",
      "Body text",
    ]);
  });
});

describe("evaluateRow", () => {
  it("strict mode checks the raw response", () => {
    const r = evaluateRow(row, 'Sure, here it is:\n"No commas here. Bye."', "strict");
    expect(r.record.follow_instruction_list).toEqual([false, false, true]);
    expect(r.followAll).toBe(false);
    expect(r.record.instruction_id_list).toEqual(row.instruction_id_list);
  });
  it("loose mode forgives a preamble line and reports the variant", () => {
    const r = evaluateRow(row, 'Sure, here it is:\n"No commas here. Bye."', "loose");
    expect(r.record.follow_instruction_list).toEqual([true, true, true]);
    expect(r.results[0]!.variant).toBe("without first line");
  });
  it("an empty response fails everything in both modes", () => {
    for (const mode of ["strict", "loose"] as const) {
      const r = evaluateRow(row, "  \n ", mode);
      expect(r.record.follow_instruction_list).toEqual([false, false, false]);
      expect(r.results[0]!.outcome.evidence).toMatch(/empty/);
    }
  });
  it("missing kwargs entries and unknown ids fail with reasons", () => {
    const r = evaluateRow({ ...row, instruction_id_list: ["nope:nope", "punctuation:no_comma", "startend:end_checker"], kwargs: [{}] }, "x", "strict");
    expect(r.record.follow_instruction_list).toEqual([false, false, false]);
    expect(r.results[0]!.outcome.evidence).toMatch(/unknown instruction id/);
    expect(r.results[1]!.outcome.evidence).toMatch(/kwargs list is shorter/);
  });
});

describe("evaluateIfeval", () => {
  it("produces reference-shaped records, stats, and reports missing responses by key", () => {
    const other: IfevalInput = { key: 8, prompt: "No response for me", instruction_id_list: ["punctuation:no_comma"], kwargs: [{}] };
    const ev = evaluateIfeval([row, other], new Map([[row.prompt, '"No commas. Bye."'], ["stray prompt", "x"]]));
    expect(ev.missingResponses).toEqual([{ key: 8, prompt: "No response for me" }]);
    expect(ev.unmatchedResponses).toBe(1);
    expect(Object.keys(ev.strict.records[0]!).sort()).toEqual(["follow_all_instructions", "follow_instruction_list", "instruction_id_list", "prompt", "response"]);
    expect(ev.strict.stats.promptLevelAccuracy).toBe(1);
    expect(ev.strict.stats.instructionLevelAccuracy).toBe(1);
    expect(ev.strict.stats.byCategory.startend).toEqual({ total: 2, followed: 2, accuracy: 1 });
    expect(ev.loose.stats.instructions).toBe(3);
  });
  it("accepts a plain record of responses, ignoring inherited keys", () => {
    const ev = evaluateIfeval([{ ...row, prompt: "toString" }], {});
    expect(ev.missingResponses).toHaveLength(1);
  });
  it("computes accuracy the way the reference report does", () => {
    const s = accuracyStats([
      { prompt: "a", response: "", instruction_id_list: ["x:a", "x:b"], follow_instruction_list: [true, false], follow_all_instructions: false },
      { prompt: "b", response: "", instruction_id_list: ["y:a"], follow_instruction_list: [true], follow_all_instructions: true },
    ]);
    expect(s.promptLevelAccuracy).toBe(0.5);
    expect(s.instructionLevelAccuracy).toBeCloseTo(2 / 3);
    expect(s.byCategory.x).toEqual({ total: 2, followed: 1, accuracy: 0.5 });
    expect(s.byInstruction["y:a"]).toEqual({ total: 1, followed: 1, accuracy: 1 });
  });
});

describe("JSONL reading", () => {
  it("reports malformed lines by number and keeps going", () => {
    const r = parseJsonl('{"a":1}\nnot json\n\n{"b":2}\r\n{"c":');
    expect(r.rows.map((x) => x.line)).toEqual([1, 4]);
    expect(r.errors.map((x) => x.line)).toEqual([2, 5]);
    expect(r.errors[0]!.message).toMatch(/malformed JSON/);
  });
  it("locates invalid UTF-8 and replaces it", () => {
    const bytes = new Uint8Array([...Buffer.from('{"a":"ok"}\n{"a":"'), 0xff, 0xfe, ...Buffer.from('"}\n')]);
    const r = parseJsonl(bytes);
    expect(r.rows).toHaveLength(2);
    expect(r.warnings).toEqual([{ line: 2, message: expect.stringMatching(/invalid UTF-8/) }]);
    expect((r.rows[1]!.value as { a: string }).a).toContain("\uFFFD");
  });
  it("validates input and response shapes by line", () => {
    const inputs = parseIfevalInputs('{"key":1,"prompt":"p","instruction_id_list":["punctuation:no_comma"],"kwargs":[{}]}\n{"key":2}\n[1]');
    expect(inputs.items).toHaveLength(1);
    expect(inputs.errors.map((e) => e.line)).toEqual([2, 3]);
    const responses = parseIfevalResponses('{"prompt":"p","response":"a"}\n{"prompt":"p","response":"b"}\n{"prompt":1}');
    expect(responses.responses.get("p")).toBe("b");
    expect(responses.warnings[0]!.message).toMatch(/duplicate prompt/);
    expect(responses.errors.map((e) => e.line)).toEqual([3]);
  });
});
