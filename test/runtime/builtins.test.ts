/**
 * Built-in implementations: one per registry entry, documented semantics on tricky
 * text (Unicode, CRLF, empty, nested lists), evidence details, linear behaviour on
 * huge inputs and robustness to lone surrogates.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IFEVAL_BUILTINS } from "../../src/language/builtins/ifeval.js";
import { BUILTINS } from "../../src/language/builtins/registry.js";
import { BUILTIN_IMPLS, BuiltinError, type RuntimeValue } from "../../src/runtime/builtins/index.js";
import { countGraphemes, countWords, sentenceSpans } from "../../src/runtime/builtins/segment.js";
import { runBuiltin } from "./helpers.js";

const run = (name: string, subject: string, args: Record<string, RuntimeValue> = {}, instruction = "") => runBuiltin(name, subject, args, instruction);
const value = (name: string, subject: string, args: Record<string, RuntimeValue> = {}) => run(name, subject, args).value;
const re = (pattern: string, flags = "") => ({ pattern, flags });

describe("implementation coverage", () => {
  it("implements every built-in of the language registry", () => {
    const missing = BUILTINS.map((b) => b.name).filter((n) => !BUILTIN_IMPLS[n]);
    expect(missing).toEqual([]);
  });
  it("implements nothing the registry does not know", () => {
    const known = new Set([...BUILTINS, ...IFEVAL_BUILTINS].map((b) => b.name));
    expect(Object.keys(BUILTIN_IMPLS).filter((n) => !known.has(n))).toEqual([]);
  });
  it("returns values of the registry's result type", () => {
    for (const b of BUILTINS) {
      if (b.params.some((p) => p.default === undefined)) continue;
      const v = run(b.name, "Hello world.\n\n- a\n- b").value;
      const expected = b.result === "int" || b.result === "number" ? "number" : b.result === "bool" ? "boolean" : "string";
      expect(typeof v, b.name).toBe(expected);
    }
  });
});

describe("counts", () => {
  it.each([
    ["", 0],
    ["Hello, world!", 2],
    ["don't stop", 2],
    ["3.14 is π", 3],
    ["e-mail e.g. U.S.A", 4],
    ["naïve café über", 3],
    ["a\u0301b", 1],
    ["— … !! ?", 0],
    ["😀 👍🏽 🇩🇪", 0],
    ["x\r\ny\rz", 3],
    ["snake_case and __init__", 3],
    ["1,000,000 and 2;3", 3],
  ])("words(%j) = %i", (s, n) => expect(value("words", s)).toBe(n));

  it("counts CJK words with the Unicode segmenter", () => {
    const n = value("words", "日本語のテキストです。") as number;
    expect(n).toBeGreaterThanOrEqual(3);
    expect(n).toBe(naiveWords("日本語のテキストです。"));
  });

  it.each([
    ["", 0],
    ["  \n\n ", 0],
    ["Hello world. How are you? Fine!", 3],
    ["One.\nTwo", 2],
    ["3.14 is pi. Yes.", 2],
  ])("sentences(%j) = %i", (s, n) => expect(value("sentences", s)).toBe(n));

  it.each([
    ["", 0],
    ["\n\n\n", 0],
    ["a\nb", 1],
    ["a\n\nb\r\n\r\nc", 3],
    ["a\n \t\nb", 2],
    ["\n\na\n\n\n\nb\n", 2],
  ])("paragraphs(%j) = %i", (s, n) => expect(value("paragraphs", s)).toBe(n));

  it("counts bullet lines, nested and indented, not `-d` or rules", () => {
    const s = "- a\n* b\n+ c\n-d\n  - nested\n\t* tab\n---\n1. x\n- ";
    expect(run("bullets", s)).toEqual({ value: 6, detail: "6 bullet lines (lines 1, 2, 3, 5, 6, 9)" });
    expect(value("bullets", s.replace(/\n/g, "\r\n"))).toBe(6);
    expect(run("bullets", "no list")).toEqual({ value: 0, detail: "0 bullet lines" });
  });

  it("counts numbered items", () => {
    expect(value("numbered_items", "1. a\n2) b\n  3. c\n4.5 million\n10. d\n1.\n.5 x")).toBe(5);
  });

  it.each([
    ["héllo", 5],
    ["😀", 1],
    ["e\u0301", 2],
    ["\ud800", 1],
    ["a\udc00\ud800b", 4],
  ])("chars(%j) = %i code points", (s, n) => expect(value("chars", s)).toBe(n));

  it.each([
    ["e\u0301", 1],
    ["👍🏽", 1],
    ["👨\u200d👩\u200d👧", 1],
    ["🇩🇪🇫🇷", 2],
    ["\r\n", 1],
    ["한국어", 3],
    ["a\ud800", 2],
    ["日本語", 3],
  ])("graphemes(%j) = %i", (s, n) => expect(value("graphemes", s)).toBe(n));

  it("counts non-empty lines with every line break style", () => {
    expect(value("lines", "a\n\n  \nb\r\nc\rd")).toBe(4);
    expect(value("lines", "")).toBe(0);
  });

  it("counts ATX headings", () => {
    expect(run("headings", "# A\n## B\n####### C\n#NoSpace\n   # three spaces\n    # code\n#\n")).toEqual({ value: 4, detail: "4 headings (lines 1, 2, 5, 7)" });
  });

  it("counts fenced code blocks, including an unclosed last one", () => {
    expect(run("code_blocks", "```js\nx\n```\ntext\n```\nunclosed")).toEqual({ value: 2, detail: "2 fenced code blocks (lines 1, 5); the last one is not closed" });
    expect(value("code_blocks", "````\n```\n````")).toBe(1);
    expect(value("code_blocks", "~~~\nx\n~~~")).toBe(0);
  });

  it("counts phrases: exact by default (case-sensitive, anywhere); whole words and case per arguments; non-overlapping", () => {
    expect(run("count", "Risk risk RISK risky", { phrase: "risk" })).toEqual({ value: 2, detail: '2 occurrences of "risk" (line 1)' });
    expect(run("count", "Risk risk RISK risky", { phrase: "risk", whole_words: true, ignore_case: true })).toEqual({ value: 3, detail: '3 occurrences of "risk" (whole words, ignoring case) (line 1)' });
    expect(value("count", "Risk risk RISK risky", { phrase: "risk", ignore_case: true })).toBe(4);
    expect(value("count", "Risk risk RISK risky", { phrase: "risk", whole_words: true })).toBe(1);
    expect(value("count", "aaaa", { phrase: "aa" })).toBe(2);
    expect(value("count", "CAFÉ café cafés", { phrase: "café", whole_words: true, ignore_case: true })).toBe(2);
    expect(value("count", "anything", { phrase: "" })).toBe(0);
    expect(value("count", "line one\nrisk\n\nrisk", { phrase: "risk" })).toBe(2);
  });

  it("counts regex matches with re2 semantics", () => {
    expect(run("count_matches", "a1b22c333", { pattern: re("\\d+") })).toEqual({ value: 3, detail: "3 matches of /\\d+/ (first at line 1, column 2)" });
    expect(value("count_matches", "ab", { pattern: re("x*") })).toBe(3);
    expect(value("count_matches", "A a", { pattern: re("a", "i") })).toBe(2);
    expect(() => run("count_matches", "x", { pattern: re("(") })).toThrow(BuiltinError);
    expect(() => run("count_matches", "x", { pattern: re("(?=x)") })).toThrow(BuiltinError);
    expect(() => run("count_matches", "x", { pattern: re("x", "q") })).toThrow(/`q` is not a regular-expression flag/);
    // The runtime accepts exactly the checker's flags (src/common/regex.ts).
    expect(() => run("count_matches", "x", { pattern: re("x", "g") })).toThrow(/the flag `g` is not needed/);
  });
});

describe("selectors", () => {
  const text = "\n\n  first  \nsecond\n\np2a\r\np2b\n\n\np3\n";
  it.each([
    ["first_line", {}, "  first  ", "line 3"],
    ["last_line", {}, "p3", "line 10"],
    ["first_paragraph", {}, "  first  \nsecond", "lines 3–4"],
    ["last_paragraph", {}, "p3", "line 10"],
    ["paragraph", { n: 2 }, "p2a\r\np2b", "lines 6–7"],
    ["paragraph", { n: 5 }, "", "empty: there are only 3 paragraphs"],
    ["line", { n: 3 }, "p2a", "line 6"],
    ["line", { n: 9 }, "", "empty: there are only 5 non-empty lines"],
  ])("%s %j", (name, args, v, detail) => expect(run(name, text, args as Record<string, RuntimeValue>)).toEqual({ value: v, detail }));

  it("selects from empty text", () => {
    expect(run("first_line", "")).toEqual({ value: "", detail: "empty: there is no non-empty line" });
    expect(run("last_paragraph", " \n ")).toEqual({ value: "", detail: "empty: there is no paragraph" });
  });

  it("response and lowercase", () => {
    expect(value("response", "AbC")).toBe("AbC");
    expect(value("lowercase", "ÀB Σ")).toBe("àb σ");
  });

  it("rejects a bad position", () => {
    expect(() => run("paragraph", "x", { n: 0 })).toThrow(BuiltinError);
  });
});

describe("predicates", () => {
  it("contains: exact by default, whole words and case on request", () => {
    expect(run("contains", "See POL-12.", { phrase: "POL-" })).toEqual({ value: true, detail: 'contains "POL-" at line 1, column 5' });
    expect(run("contains", "see pol-12", { phrase: "POL-" })).toEqual({ value: false, detail: 'does not contain "POL-"' });
    expect(value("contains", "see pol-12", { phrase: "POL-", ignore_case: true })).toBe(true);
    expect(value("contains", "a party", { phrase: "art", whole_words: true })).toBe(false);
    expect(value("contains", "modern art.", { phrase: "art", whole_words: true })).toBe(true);
    expect(value("contains", "It is 100% compliant.", { phrase: "100% compliant", whole_words: true })).toBe(true);
    expect(value("contains", "It is 100% compliantly.", { phrase: "100% compliant", whole_words: true })).toBe(false);
    expect(value("contains", "ÉTÉ", { phrase: "été", ignore_case: true })).toBe(true);
    expect(value("contains", "a_b", { phrase: "a", whole_words: true })).toBe(false);
    expect(value("contains", "x", { phrase: "" })).toBe(true);
    expect(run("contains", "😀 one\r\ntwo POL", { phrase: "POL" }).detail).toBe('contains "POL" at line 2, column 5');
  });

  it("contains_any and contains_all explain what they found", () => {
    const s = "This is Guaranteed.\nAnd risk-free!";
    expect(run("contains_any", s, { phrases: ["guaranteed", "risk-free", "zero"], whole_words: true, ignore_case: true })).toEqual({
      value: true, detail: 'contains "guaranteed" at line 1, column 9 and "risk-free" at line 2, column 5 (whole words, ignoring case)',
    });
    expect(run("contains_any", "all good", { phrases: ["guaranteed", "risk-free"] })).toEqual({
      value: false, detail: 'contains none of "guaranteed", "risk-free"',
    });
    // Exact by default: case matters unless ignore_case opts in.
    expect(value("contains_any", s, { phrases: ["guaranteed"] })).toBe(false);
    expect(value("contains_any", "guaranteedly", { phrases: ["guaranteed"], whole_words: true })).toBe(false);
    expect(run("contains_all", "risk owner", { phrases: ["risk", "owner", "date"] })).toEqual({
      value: false, detail: 'does not contain "date" (found "risk", "owner")',
    });
    expect(value("contains_all", "Risk OWNER", { phrases: ["risk", "owner"] })).toBe(false);
    expect(value("contains_all", "Risk OWNER", { phrases: ["risk", "owner"], ignore_case: true })).toBe(true);
  });

  it("matches with flags", () => {
    expect(run("matches", "x\nTicket #12", { pattern: re("^Ticket #\\d+", "m") })).toEqual({ value: true, detail: 'matches /^Ticket #\\d+/m at line 2, column 1: "Ticket #12"' });
    expect(value("matches", "x\nTicket #12", { pattern: re("^Ticket #\\d+") })).toBe(false);
    expect(value("matches", "a\nb", { pattern: re("a.b", "s") })).toBe(true);
    expect(value("matches", "a\nb", { pattern: re("a.b") })).toBe(false);
    expect(value("matches", "日本", { pattern: re("\\p{Han}+") })).toBe(true);
  });

  it("starts_with and ends_with skip surrounding whitespace", () => {
    expect(value("starts_with", "  \n Recommendation: x", { prefix: "Recommendation:" })).toBe(true);
    expect(value("starts_with", "recommendation: x", { prefix: "Recommendation:" })).toBe(false);
    expect(value("starts_with", "recommendation: x", { prefix: "Recommendation:", ignore_case: true })).toBe(true);
    expect(run("starts_with", "In summary, the policy changes a lot", { prefix: "Recommendation:" }).detail).toBe('starts with "In summary, the policy ch…", not "Recommendation:"');
    expect(run("starts_with", "   ", { prefix: "x" })).toEqual({ value: false, detail: 'is empty, so it does not start with "x"' });
    expect(value("starts_with", "😀 hi", { prefix: "😀" })).toBe(true);
    expect(value("ends_with", "Thanks,\nBest regards, Support Team  \r\n", { suffix: "Best regards, Support Team" })).toBe(true);
    expect(value("ends_with", "BEST REGARDS", { suffix: "regards", ignore_case: true })).toBe(true);
    expect(run("ends_with", "It ends here.", { suffix: "Bye" }).detail).toBe('ends with "It ends here.", not "Bye"');
  });

  it.each([
    ['{"a":1}', true],
    ['```json\n{"a": 1}\n```', true],
    ["```\n[1, 2]\n```", true],
    ["  42 ", true],
    ["{a:1}", false],
    ["", false],
    ["```python\n{}\n```", false],
  ])("is_json(%j) = %s", (s, v) => expect(value("is_json", s)).toBe(v));

  it("is_empty treats Unicode whitespace as empty, zero-width space as content", () => {
    expect(value("is_empty", "  \n\t\u00a0\u3000")).toBe(true);
    expect(value("is_empty", "\u200b")).toBe(false);
  });

  it("detects the language, or und", () => {
    expect(value("language", "Das ist ein ganz normaler deutscher Satz über die Katze und den Hund.")).toBe("de");
    expect(value("language", "This is a perfectly ordinary English sentence about the weather today.")).toBe("en");
    expect(value("language", "")).toBe("und");
    expect(value("language", "12345 !!!")).toBe("und");
  });

  it.each([
    ["is_uppercase", "HELLO 123!", true],
    ["is_uppercase", "HELLO world", false],
    ["is_uppercase", "", true],
    ["is_uppercase", "ΑΒΓ", true],
    ["is_uppercase", "STRAßE", false],
    ["is_lowercase", "hello", true],
    ["is_lowercase", "hello World", false],
    ["is_lowercase", "ǅ", false],
  ])("%s(%j) = %s", (name, s, v) => expect(value(name, s)).toBe(v));

  it("is_uppercase points at the first lowercase letter", () => {
    expect(run("is_uppercase", "ALL\nCAPS but").detail).toBe('has a lowercase letter "b" at line 2, column 6');
  });
});

describe("robustness", () => {
  const defaults: Record<string, RuntimeValue> = {
    phrase: "risk", phrases: ["guaranteed", "zzz"], pattern: re("\\d+\\.\\d+"), prefix: "- Lorem", suffix: "x", n: 3,
    marker: "- Lorem", schema: '{"type": "object"}', reference: "Lorem ipsum dolor",
  };
  // Benchmark compatibility built-ins run the reference algorithms (NLTK tokenizers, Punkt) and are timed in bench/, not here.
  const core = BUILTINS.filter((b) => !/^(ifeval|ifbench|ifevalg)_/.test(b.name));
  // The text statistics share those algorithms (Python-semantics words, IFEval's sentence splitter): 1 MB in their own test.
  const fast = core.filter((b) => b.group !== "Text statistics");

  it("survives lone surrogates in every built-in", () => {
    const nasty = ["\ud800", "\udc00", "a\ud800b\udc00c", "- \ud83d\n\n\udfff risk 1.5 \ud800", "\ud800".repeat(3000)];
    for (const b of core) {
      for (const s of nasty) {
        const args: Record<string, RuntimeValue> = {};
        for (const p of b.params) if (defaults[p.name] !== undefined) args[p.name] = defaults[p.name] as RuntimeValue;
        const out = run(b.name, s, args);
        expect(typeof out.detail, b.name).toBe("string");
        expect(() => JSON.stringify(out.detail)).not.toThrow();
      }
    }
    expect(value("chars", "a\ud800b\udc00c")).toBe(5);
    expect(value("words", "a\ud800b")).toBeGreaterThanOrEqual(1);
  });

  it("handles 10 MB responses in linear time", () => {
    const unit = "- Lorem ipsum dolor sit amet, don't risk 3.14 guaranteed. Ünïcödé wörds 日本語 😀👍🏽.\r\n\n";
    const reps = Math.ceil(10_000_000 / unit.length);
    const big = unit.repeat(reps);
    const started = Date.now();
    const results: Record<string, RuntimeValue> = {};
    for (const b of fast) {
      const args: Record<string, RuntimeValue> = {};
      for (const p of b.params) if (defaults[p.name] !== undefined) args[p.name] = defaults[p.name] as RuntimeValue;
      results[b.name] = run(b.name, big, args).value;
    }
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(results["bullets"]).toBe(reps);
    expect(results["paragraphs"]).toBe(reps);
    expect(results["count"]).toBe(reps);
    expect(results["sections"]).toBe(reps);
    expect(results["matches_schema"]).toBe(false);
    expect(results["words"]).toBe(reps * countWords(unit));
    expect(results["graphemes"]).toBe(reps * countGraphemes(unit) - 0);
  });

  it("segments a 1 MB run without spaces (CJK) linearly", () => {
    const cjk = "日本語のテキストです。".repeat(100_000);
    const started = Date.now();
    expect(countWords(cjk)).toBe(400_000);
    expect(countGraphemes(cjk)).toBe(cjk.length);
    expect(sentenceSpans(cjk).length).toBe(100_000);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

// ---- the fast paths agree with plain Intl.Segmenter -----------------------------------------------------

const wordSeg = new Intl.Segmenter("en", { granularity: "word" });
const graphemeSeg = new Intl.Segmenter("en", { granularity: "grapheme" });
const sentenceSeg = new Intl.Segmenter("en", { granularity: "sentence" });

function naiveWords(s: string): number {
  let n = 0;
  for (const x of wordSeg.segment(s)) if (x.isWordLike && /[\p{L}\p{N}]/u.test(x.segment)) n++;
  return n;
}

const piece = fc.constantFrom(
  "a", "Z", "é", "ß", "Ā", "0", "9", "_", ".", ",", ";", ":", "'", "’", "·", "-", "!", "?", "\"", "(", ")",
  " ", "  ", "\n", "\r\n", "\t", "\u00a0", "\u202f", "\ufeff", "\u200b", "\u200d", "\u0301", "日", "本", "の", "テ", "한", "国",
  "😀", "👍🏽", "🇩🇪", "\ud800", "\udc00", "。", "{", "}", "[\"", "\u05d0", "\u05d0\"\u05d1", "\x01", "\x7f", "word", "don't", "3.14", "e.g.", "U.S.A.", "1,000", "Mr. ", "Hello. ", "Why? ", "x\u0301y",
);
const text = fc.array(piece, { maxLength: 60 }).map((a) => a.join(""));

describe("segmentation fast paths agree with Intl.Segmenter", () => {
  it("words", () => {
    fc.assert(fc.property(text, (s) => countWords(s) === naiveWords(s)), { numRuns: 2000 });
  });
  it("graphemes", () => {
    fc.assert(fc.property(text, (s) => countGraphemes(s) === [...graphemeSeg.segment(s)].length), { numRuns: 2000 });
  });
  it("sentences, across window boundaries", () => {
    const long = fc.array(text, { minLength: 1, maxLength: 6 }).chain((parts) => fc.integer({ min: 1, max: 80 }).map((k) => parts.join(" ").repeat(k)));
    fc.assert(fc.property(long, (s) => {
      let naive = 0;
      for (const x of sentenceSeg.segment(s)) if (/\S/.test(x.segment)) naive++;
      return sentenceSpans(s).length === naive;
    }), { numRuns: 150 });
  });
  it("words in long unspaced runs of ASCII punctuation and other scripts (nested JSON)", () => {
    const long = fc.array(fc.constantFrom("{\"a\":", "}", "[", "]", "é", "日本", "\u0301", "x", "1", ".", "\"", "\u05d0", "😀"), { minLength: 1, maxLength: 10 })
      .chain((parts) => fc.integer({ min: 0, max: 12 }).map((k) => parts.join("").repeat(Math.ceil((4200 + k * 700) / parts.join("").length))));
    fc.assert(fc.property(long, (s) => countWords(s) === naiveWords(s)), { numRuns: 20 });
  });
  it("words and graphemes in windowed runs longer than a window", () => {
    const long = fc.array(fc.constantFrom("日本語", "のテキスト", "한국어", "\u0301", "😀", "👍🏽", "ab", "1"), { minLength: 1, maxLength: 8 })
      .chain((parts) => fc.integer({ min: 0, max: 12 }).chain((k) => fc.constant(parts.join("").repeat(Math.ceil((4200 + k * 150) / parts.join("").length)))));
    fc.assert(fc.property(long, (s) => countWords(s) === naiveWords(s) && countGraphemes(s) === [...graphemeSeg.segment(s)].length), { numRuns: 10 });
  });
});
