/**
 * Literal prefilters must never change a result: the section splitter runs the
 * engine only near the splitter's occurrences (same offsets as a scan of the whole
 * text), and a Treebank contraction rule is skipped only when its literal is absent
 * (so the rule could not have matched).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PREFILTERED_RULES, treebankWordTokenize } from "../../../src/runtime/text/nltk-word-tokenize.js";
import { compilePythonRegex } from "../../../src/runtime/text/python-regex.js";
import { countIfevalSections } from "../../../src/runtime/text/sections.js";

const SECTION_UNITS = ["Sec", "S", "ec", "SEC", " ", "  ", "\n", "\u00a0", "\u2003", "\x1c", "1", "42", "٣", "𝟙", "😀", "\udc00", "\ud83d", "x", "."];
const sectionText = fc.array(fc.constantFrom(...SECTION_UNITS), { maxLength: 40 }).map((xs) => xs.join(""));
const splitter = fc.constantFrom("Sec", "S", "ec", " Sec", "Sec ", "SEC", "😀", "\udc00", "x.", "1");

describe("section splitter prefilter", () => {
  it("finds the offsets a scan of the whole text finds", () => {
    fc.assert(
      fc.property(sectionText, splitter, (t, sp) => {
        const c = compilePythonRegex(`\\s?${sp}\\s?\\d+\\s?`);
        const r = countIfevalSections(t, sp);
        if (!c.ok) return expect(r.ok).toBe(false);
        const all = c.regex.offsets(t);
        expect(r).toEqual({ ok: true, count: all.length, offsets: all.slice(0, 1000) });
      }),
      { numRuns: 3000, seed: 15 },
    );
  });
});

const CONTRACTION_UNITS = ["can", "CAN", "not", "NoT", "d", "D", "'ye", "'YE", "gim", "me", "gon", "na", "NA", "got", "ta", "lem", "more", "'n", "'N", "wan", "'t", "'T", "is", "IS", "iſ", "was", "waſ", "WAS", " ", "\n", "'", "x", "é", "ſ", "\u212A", "."];
const contractionText = fc.array(fc.constantFrom(...CONTRACTION_UNITS), { maxLength: 14 }).map((xs) => xs.join(""));

describe("Treebank contraction prefilters", () => {
  it("a rule matches only where its literal occurs", () => {
    fc.assert(
      fc.property(contractionText, (t) => {
        for (const [re, , needs] of PREFILTERED_RULES) {
          re.lastIndex = 0;
          const matches = re.test(t);
          re.lastIndex = 0;
          if (matches) expect(needs?.test(t)).toBe(true);
        }
      }),
      { numRuns: 5000, seed: 15 },
    );
  });

  it("still splits the contractions", () => {
    expect(treebankWordTokenize("I cannot go, gonna stay 'tis MORE'N enough")).toEqual(["I", "can", "not", "go", ",", "gon", "na", "stay", "'t", "is", "MORE", "'N", "enough"]);
  });
});
