/**
 * The integer-keyed, typed-array language detector must return exactly what the
 * string-keyed port returned (same seed, same profiles): same answer, same
 * candidates, bit-identical probabilities. Compared against the old algorithm,
 * kept as a reference beside this test, over the IFEval fixture responses and
 * prompts (whole, per paragraph and per line, when the shared data is present)
 * and over generated multilingual text.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../../src/runtime/text/language-detect.js";
import { referenceDetectLanguage } from "./language-detect.reference.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const ifevalDir = path.resolve(repoRoot, "../shared/data/ifeval");
const haveData = existsSync(path.join(ifevalDir, "input_response_data_gpt4.jsonl"));

function fixtureTexts(): string[] {
  const texts = new Set<string>();
  for (const file of ["input_response_data_gpt4.jsonl", "input_data.jsonl"]) {
    for (const line of readFileSync(path.join(ifevalDir, file), "utf8").split("\n")) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { response?: string; prompt?: string };
      for (const t of [row.response, row.prompt]) {
        if (!t) continue;
        texts.add(t);
        for (const part of t.split(/\n\s*\n/)) texts.add(part);
        for (const part of t.split("\n")) texts.add(part);
      }
    }
  }
  return [...texts];
}

const WORDS = [
  "the", "House", "of", "PRICE", "élève", "über", "Straße", "niño", "ação", "città", "şehir", "việt", "Nam", "không",
  "привет", "МИР", "слово", "γλώσσα", "ΑΘΗΝΑ", "שלום", "مرحبا", "یک", "नमस्ते", "ভাষা", "தமிழ்", "ภาษา", "日本語", "ひらがな",
  "カタカナ", "中文", "漢字", "한국어", "ㄅㄆ", "Ελλάδα", "čeština", "łódź", "ő", "https://example.com/x?y=1", "a@b.co",
  "e\u0301", "A\u0300", "\u00a0", "«", "»", "—", "…", "123", "!!", "\t", "  ", "😀", "𝔘", "\ud800",
];

const sameAsReference = (text: string): void => {
  expect(detectLanguage(text)).toEqual(referenceDetectLanguage(text));
  expect(detectLanguage(text, { seed: 7 })).toEqual(referenceDetectLanguage(text, { seed: 7 }));
};

describe("language detection matches the string-keyed reference exactly", () => {
  it.skipIf(!haveData)("on the IFEval fixture responses and prompts (whole, paragraphs, lines)", () => {
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(2000);
    let detected = 0;
    for (const t of texts) {
      const fast = detectLanguage(t);
      expect(fast, t.slice(0, 80)).toEqual(referenceDetectLanguage(t));
      if (fast.ok) detected++;
    }
    expect(detected).toBeGreaterThan(texts.length / 2); // the comparison covered real detections, not only failures
  });

  it("on generated multilingual word sequences", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }), fc.constantFrom(" ", "\n", ", ", ""), (words, sep) => {
        sameAsReference(words.join(sep));
      }),
      { numRuns: 1500 },
    );
  });

  it("on arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), sameAsReference), { numRuns: 700 });
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 80 }), sameAsReference), { numRuns: 500 });
  });

  it("on text longer than the 10,000-character limit", () => {
    const long = Array.from({ length: 2500 }, (_, i) => WORDS[(i * 7) % WORDS.length]).join(" ");
    sameAsReference(long);
    sameAsReference("Le chat est sur la table. ".repeat(600));
  });
});
