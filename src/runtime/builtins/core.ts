/**
 * Implementations of the core built-ins (src/language/builtins/core.ts), with the
 * semantics their registry docs state. Each returns its value and a detail for
 * evidence. Linear in the subject's length; user patterns run on re2js.
 */
import { RE2JS } from "re2js";
import { detectLanguage } from "../text/language-detect.js";
import { compileUserRegex } from "./regex.js";
import { findPhrase, forEachPhrase, type PhraseOptions } from "./search.js";
import { countGraphemes, countWords, sentenceSpans } from "./segment.js";
import {
  codePointLength, excerpt, isBlank, isWhitespaceCode, lineRange, lineSpans, listNumbers, nonBlankLines, paragraphSpans,
  plural, positionAt, trimEndOffset, trimStartOffset, type LineSpan,
} from "./text.js";
import {
  argBool, argNumber, argRegex, argText, argTexts, BuiltinError,
  type BuiltinArgs, type BuiltinContext, type BuiltinImpl, type BuiltinOutcome,
} from "./types.js";

type Fn = (subject: string, args: BuiltinArgs, ctx: BuiltinContext) => BuiltinOutcome;

function impl(name: string, evaluate: Fn, readsInstruction = false): BuiltinImpl {
  return { name, readsInstruction, evaluate };
}

export function at(s: string, index: number): string {
  const p = positionAt(s, index);
  return `line ${p.line}, column ${p.column}`;
}

/** Index of the first non-whitespace character of a line span (lines are short relative to the text). */
export function lineContentStart(s: string, l: LineSpan): number {
  let i = l.start;
  while (i < l.end && isWhitespaceCode(s.charCodeAt(i))) i++;
  return i;
}

/** Lines matching a per-line test, as line numbers. */
function matchingLines(s: string, test: (s: string, start: number, end: number) => boolean): number[] {
  const out: number[] = [];
  for (const l of lineSpans(s)) if (!l.blank && test(s, lineContentStart(s, l), l.end)) out.push(l.line);
  return out;
}

export function countedLines(n: number, lines: readonly number[], singular: string, pluralForm?: string): string {
  const head = plural(n, singular, pluralForm);
  if (n === 0) return head;
  return `${head} (${lines.length === 1 ? "line" : "lines"} ${listNumbers(lines)})`;
}

// ---- line tests -------------------------------------------------------------------------------------

function isBulletLine(s: string, i: number, end: number): boolean {
  const c = s.charCodeAt(i);
  return (c === 0x2a || c === 0x2d || c === 0x2b) && i + 1 < end && isWhitespaceCode(s.charCodeAt(i + 1));
}

function isNumberedLine(s: string, i: number, end: number): boolean {
  let j = i;
  while (j < end && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x39) j++;
  if (j === i || j >= end) return false;
  const c = s.charCodeAt(j);
  if (c !== 0x2e && c !== 0x29) return false;
  return j + 1 === end || isWhitespaceCode(s.charCodeAt(j + 1));
}

/**
 * A Markdown block marker at a line's start: up to three spaces of indentation, then a
 * run of the character `code`; the run's length and where it ends (undefined when the
 * line is indented four spaces or more).
 */
function leadingRun(s: string, l: LineSpan, code: number): { count: number; end: number } | undefined {
  let i = l.start;
  let spaces = 0;
  while (i < l.end && s.charCodeAt(i) === 0x20 && spaces < 4) {
    i++;
    spaces++;
  }
  if (spaces > 3) return undefined;
  let count = 0;
  while (i < l.end && s.charCodeAt(i) === code) {
    i++;
    count++;
  }
  return { count, end: i };
}

/** ATX heading: up to three spaces of indentation, 1–6 `#`, then whitespace or the end of the line. */
export function isHeadingLine(s: string, l: LineSpan): boolean {
  const run = leadingRun(s, l, 0x23);
  if (!run) return false;
  const { count: hashes, end: i } = run;
  return hashes >= 1 && hashes <= 6 && (i === l.end || isWhitespaceCode(s.charCodeAt(i)));
}

/** A fence line: up to three spaces, then three or more backticks; returns the backtick count and whether text follows. */
export function fenceOf(s: string, l: LineSpan): { ticks: number; rest: boolean } | undefined {
  const run = leadingRun(s, l, 0x60);
  if (!run) return undefined;
  const { count: ticks, end: i } = run;
  if (ticks < 3) return undefined;
  const rest = !isBlank(s, i, l.end);
  if (rest && s.slice(i, l.end).includes("`")) return undefined; // an info string may not contain backticks
  return { ticks, rest };
}

function codeBlocks(s: string): { count: number; lines: number[]; unclosed: boolean } {
  const lines: number[] = [];
  let open: { ticks: number } | undefined;
  for (const l of lineSpans(s)) {
    const f = fenceOf(s, l);
    if (!f) continue;
    if (!open) {
      open = { ticks: f.ticks };
      lines.push(l.line);
    } else if (!f.rest && f.ticks >= open.ticks) {
      open = undefined;
    }
  }
  return { count: lines.length, lines, unclosed: open !== undefined };
}

/**
 * For each line (index = line number - 1): true when it is a fence line or inside a
 * fenced code block (an unclosed block runs to the end), using the same rules as `code_blocks`.
 */
export function fencedLineMask(s: string, lines: readonly LineSpan[] = lineSpans(s)): Uint8Array {
  const mask = new Uint8Array(lines.length);
  let open: { ticks: number } | undefined;
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k] as LineSpan;
    const f = l.blank ? undefined : fenceOf(s, l);
    if (open) {
      mask[k] = 1;
      if (f && !f.rest && f.ticks >= open.ticks) open = undefined;
    } else if (f) {
      mask[k] = 1;
      open = { ticks: f.ticks };
    }
  }
  return mask;
}

/** ATX heading lines outside fenced code blocks. */
export function headingLines(s: string): LineSpan[] {
  const lines = lineSpans(s);
  const fenced = fencedLineMask(s, lines);
  return lines.filter((l, k) => !l.blank && fenced[k] === 0 && isHeadingLine(s, l));
}

// ---- selectors ------------------------------------------------------------------------------------------

function selectLine(s: string, which: "first" | "last" | number): BuiltinOutcome {
  const lines = nonBlankLines(s);
  const l = which === "first" ? lines[0] : which === "last" ? lines[lines.length - 1] : lines[which - 1];
  if (!l) {
    return { value: "", detail: lines.length === 0 ? "empty: there is no non-empty line" : `empty: there are only ${plural(lines.length, "non-empty line")}` };
  }
  return { value: s.slice(l.start, l.end), detail: `line ${l.line}` };
}

function selectParagraph(s: string, which: "first" | "last" | number): BuiltinOutcome {
  const ps = paragraphSpans(s);
  const p = which === "first" ? ps[0] : which === "last" ? ps[ps.length - 1] : ps[which - 1];
  if (!p) return { value: "", detail: ps.length === 0 ? "empty: there is no paragraph" : `empty: there are only ${plural(ps.length, "paragraph")}` };
  return { value: s.slice(p.start, p.end), detail: lineRange(p.line, p.lastLine) };
}

function position(args: BuiltinArgs): number {
  const n = argNumber(args, "n");
  if (!Number.isInteger(n) || n < 1) throw new BuiltinError(`\`n\` must be a whole number of at least 1, not ${n}`);
  return n;
}

// ---- predicates -----------------------------------------------------------------------------------------

function phraseOptions(args: BuiltinArgs): PhraseOptions {
  return { wholeWords: argBool(args, "whole_words"), ignoreCase: argBool(args, "ignore_case") };
}

function how(o: PhraseOptions): string {
  const parts = [o.wholeWords ? "whole words" : "", o.ignoreCase ? "ignoring case" : ""].filter(Boolean);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

export function quoteList(list: readonly string[], max = 6): string {
  const shown = list.slice(0, max).map((p) => excerpt(p));
  return list.length > max ? `${shown.join(", ")}, … (${list.length - max} more)` : shown.join(", ");
}

/** The first occurrence of each phrase, in text order. */
function occurrences(s: string, phrases: readonly string[], o: PhraseOptions): { phrase: string; index: number }[] {
  const found: { phrase: string; index: number }[] = [];
  for (const phrase of new Set(phrases)) {
    if (phrase === "") {
      found.push({ phrase, index: 0 });
      continue;
    }
    const m = findPhrase(s, phrase, o);
    if (m) found.push({ phrase, index: m.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

function describeFound(s: string, found: readonly { phrase: string; index: number }[], max = 3): string {
  const shown = found.slice(0, max).map((f) => `${excerpt(f.phrase)} at ${at(s, f.index)}`);
  return found.length > max ? `${shown.join(", ")} and ${found.length - max} more` : shown.join(" and ");
}

/** Up to `max` code units from `from`, never ending inside a surrogate pair. */
function headOf(s: string, from: number, max: number): string {
  let end = Math.min(s.length, from + max);
  const c = s.charCodeAt(end - 1);
  if (end < s.length && c >= 0xd800 && c <= 0xdbff) end++;
  return s.slice(from, end);
}

function tailOf(s: string, to: number, max: number): string {
  let start = Math.max(0, to - max);
  const c = s.charCodeAt(start);
  if (start > 0 && c >= 0xdc00 && c <= 0xdfff) start--;
  return s.slice(start, to);
}

/** The last `width` code points before `to`, quoted, with a leading ellipsis when cut. */
function tailExcerpt(s: string, to: number, width: number): string {
  const cps = [...tailOf(s, to, width * 2 + 2)];
  const tail = cps.slice(-width).join("");
  const cut = to - tail.length > 0;
  return cut ? `"…${JSON.stringify(tail).slice(1)}` : JSON.stringify(tail);
}

/** 1-based line numbers of sorted offsets, in one pass. */
export function lineNumbersOf(s: string, offsets: readonly number[]): number[] {
  const out: number[] = [];
  let line = 1;
  let k = 0;
  for (let i = 0; i <= s.length && k < offsets.length; i++) {
    while (k < offsets.length && offsets[k] === i) {
      out.push(line);
      k++;
    }
    const c = s.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && s.charCodeAt(i + 1) !== 0x0a)) line++;
  }
  return out;
}

function startsWith(subject: string, prefix: string, ignoreCase: boolean): boolean {
  const from = trimStartOffset(subject);
  if (!ignoreCase) return subject.startsWith(prefix, from);
  // Case folding keeps the number of code points; allow for folds that change UTF-16 length.
  const head = headOf(subject, from, prefix.length * 2 + 4);
  const m = compileUserRegex(`^(?:${quoteRe(prefix)})`, "i");
  if (!m.ok) throw new BuiltinError(m.message);
  return m.regex.test(head);
}

function endsWith(subject: string, suffix: string, ignoreCase: boolean): boolean {
  const to = trimEndOffset(subject);
  if (!ignoreCase) return subject.slice(0, to).endsWith(suffix);
  const tail = tailOf(subject, to, suffix.length * 2 + 4);
  const m = compileUserRegex(`(?:${quoteRe(suffix)})$`, "i");
  if (!m.ok) throw new BuiltinError(m.message);
  return m.regex.test(tail);
}

function quoteRe(s: string): string {
  return RE2JS.quote(s);
}

export function parseJson(subject: string): { ok: true; fenced: boolean; kind: string; value: unknown } | { ok: false; message: string } {
  let a = trimStartOffset(subject);
  let b = trimEndOffset(subject);
  let fenced = false;
  if (subject.startsWith("```", a) && b - a >= 6 && subject.endsWith("```", b) ) {
    const firstBreak = subject.indexOf("\n", a);
    if (firstBreak >= 0 && firstBreak < b - 3) {
      const info = subject.slice(a + 3, firstBreak).trim().toLowerCase();
      if (info === "" || info === "json") {
        a = firstBreak + 1;
        b = b - 3;
        fenced = true;
      }
    }
  }
  const body = subject.slice(a, b);
  if (body.trim() === "") return { ok: false, message: "there is no JSON value" };
  try {
    const v: unknown = JSON.parse(body);
    const kind = v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : typeof v === "string" ? "a string" : typeof v === "number" ? "a number" : "a boolean";
    return { ok: true, fenced, kind, value: v };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

const LOWER = /\p{Ll}/u;
const UPPER = /[\p{Lu}\p{Lt}]/u;

function firstLetter(s: string, re: RegExp): { index: number; ch: string } | undefined {
  const index = s.search(re);
  if (index < 0) return undefined;
  const cp = s.codePointAt(index) as number;
  return { index, ch: String.fromCodePoint(cp) };
}

/** langdetect codes to ISO 639-1 ("zh-cn" -> "zh"). */
function isoLanguage(code: string): string {
  return code.split("-")[0]?.toLowerCase() ?? code;
}

// ---- the table -----------------------------------------------------------------------------------------

export const CORE_IMPLS: readonly BuiltinImpl[] = [
  // Counts
  impl("words", (s) => {
    const n = countWords(s);
    return { value: n, detail: plural(n, "word") };
  }),
  impl("sentences", (s) => {
    const n = sentenceSpans(s).length;
    return { value: n, detail: plural(n, "sentence") };
  }),
  impl("paragraphs", (s) => {
    const ps = paragraphSpans(s);
    const starts = ps.map((p) => p.line);
    return { value: ps.length, detail: ps.length === 0 ? "0 paragraphs" : `${plural(ps.length, "paragraph")} (starting at ${starts.length === 1 ? "line" : "lines"} ${listNumbers(starts)})` };
  }),
  impl("bullets", (s) => {
    const lines = matchingLines(s, isBulletLine);
    return { value: lines.length, detail: countedLines(lines.length, lines, "bullet line") };
  }),
  impl("numbered_items", (s) => {
    const lines = matchingLines(s, isNumberedLine);
    return { value: lines.length, detail: countedLines(lines.length, lines, "numbered item") };
  }),
  impl("chars", (s) => {
    const n = codePointLength(s);
    return { value: n, detail: plural(n, "character") };
  }),
  impl("graphemes", (s) => {
    const n = countGraphemes(s);
    return { value: n, detail: plural(n, "grapheme") };
  }),
  impl("lines", (s) => {
    const lines = nonBlankLines(s);
    return { value: lines.length, detail: plural(lines.length, "non-empty line") };
  }),
  impl("headings", (s) => {
    const lines = headingLines(s).map((l) => l.line);
    return { value: lines.length, detail: countedLines(lines.length, lines, "heading") };
  }),
  impl("code_blocks", (s) => {
    const r = codeBlocks(s);
    const detail = countedLines(r.count, r.lines, "fenced code block");
    return { value: r.count, detail: r.unclosed ? `${detail}; the last one is not closed` : detail };
  }),
  impl("count", (s, args) => {
    const phrase = argText(args, "phrase");
    const o = phraseOptions(args);
    const firsts: number[] = [];
    const n = forEachPhrase(s, phrase, o, (m) => {
      if (firsts.length < 8) firsts.push(m.index);
    });
    const lines = [...new Set(lineNumbersOf(s, firsts))];
    const more = n > firsts.length ? ", …" : "";
    const where = n === 0 ? "" : ` (${lines.length === 1 && !more ? "line" : "lines"} ${lines.join(", ")}${more})`;
    return { value: n, detail: `${plural(n, "occurrence")} of ${excerpt(phrase)}${how(o)}${where}` };
  }),
  impl("within_instruction_length", (s, args, ctx) => {
    const factor = argNumber(args, "factor");
    const n = countWords(s);
    const limit = factor * countWords(ctx.instruction);
    return { value: n <= limit, detail: `has ${plural(n, "word")}; at most ${limit} allowed (${factor} x the instruction's words)` };
  }, true),
  impl("count_matches", (s, args) => {
    const re = argRegex(args, "pattern");
    const compiled = compileUserRegex(re.pattern, re.flags);
    if (!compiled.ok) throw new BuiltinError(`invalid pattern /${re.pattern}/: ${compiled.message}`);
    const m = compiled.regex.matcher(s);
    let n = 0;
    const firsts: number[] = [];
    while (m.find()) {
      if (firsts.length < 3) firsts.push(m.start());
      n++;
    }
    const where = firsts.length ? ` (first at ${at(s, firsts[0] as number)})` : "";
    return { value: n, detail: `${plural(n, "match", "matches")} of /${re.pattern}/${re.flags}${where}` };
  }),

  // Selectors
  impl("first_line", (s) => selectLine(s, "first")),
  impl("last_line", (s) => selectLine(s, "last")),
  impl("first_paragraph", (s) => selectParagraph(s, "first")),
  impl("last_paragraph", (s) => selectParagraph(s, "last")),
  impl("paragraph", (s, args) => selectParagraph(s, position(args))),
  impl("line", (s, args) => selectLine(s, position(args))),
  impl("response", (s) => ({ value: s, detail: "the whole text" })),
  impl("lowercase", (s) => ({ value: s.toLowerCase(), detail: "in lower case" })),

  // Predicates
  impl("contains", (s, args) => {
    const phrase = argText(args, "phrase");
    const o = phraseOptions(args);
    if (phrase === "") return { value: true, detail: "contains the empty phrase (trivially)" };
    const m = findPhrase(s, phrase, o);
    return m
      ? { value: true, detail: `contains ${excerpt(phrase)} at ${at(s, m.index)}${how(o)}` }
      : { value: false, detail: `does not contain ${excerpt(phrase)}${how(o)}` };
  }),
  impl("contains_any", (s, args) => {
    const phrases = argTexts(args, "phrases");
    const o = phraseOptions(args);
    const found = occurrences(s, phrases, o);
    return found.length > 0
      ? { value: true, detail: `contains ${describeFound(s, found)}${how(o)}` }
      : { value: false, detail: `contains none of ${quoteList(phrases)}${how(o)}` };
  }),
  impl("contains_all", (s, args) => {
    const phrases = argTexts(args, "phrases");
    const o = phraseOptions(args);
    const found = new Set(occurrences(s, phrases, o).map((f) => f.phrase));
    const missing = [...new Set(phrases)].filter((p) => !found.has(p));
    return missing.length === 0
      ? { value: true, detail: `contains all of ${quoteList(phrases)}${how(o)}` }
      : { value: false, detail: `does not contain ${quoteList(missing)}${how(o)}${found.size > 0 ? ` (found ${quoteList([...found])})` : ""}` };
  }),
  impl("matches", (s, args) => {
    const re = argRegex(args, "pattern");
    const compiled = compileUserRegex(re.pattern, re.flags);
    if (!compiled.ok) throw new BuiltinError(`invalid pattern /${re.pattern}/: ${compiled.message}`);
    const m = compiled.regex.matcher(s);
    if (!m.find()) return { value: false, detail: `has no match for /${re.pattern}/${re.flags}` };
    const text = s.slice(m.start(), m.end());
    return { value: true, detail: `matches /${re.pattern}/${re.flags} at ${at(s, m.start())}: ${excerpt(text)}` };
  }),
  impl("starts_with", (s, args) => {
    const prefix = argText(args, "prefix");
    const ignoreCase = argBool(args, "ignore_case");
    const ok = startsWith(s, prefix, ignoreCase);
    const ic = ignoreCase ? " (ignoring case)" : "";
    if (ok) return { value: true, detail: `starts with ${excerpt(prefix)}${ic}` };
    const from = trimStartOffset(s);
    if (from === s.length) return { value: false, detail: `is empty, so it does not start with ${excerpt(prefix)}` };
    return { value: false, detail: `starts with ${excerpt(headOf(s, from, 200), Math.max(20, [...prefix].length + 10))}, not ${excerpt(prefix)}${ic}` };
  }),
  impl("ends_with", (s, args) => {
    const suffix = argText(args, "suffix");
    const ignoreCase = argBool(args, "ignore_case");
    const ok = endsWith(s, suffix, ignoreCase);
    const ic = ignoreCase ? " (ignoring case)" : "";
    if (ok) return { value: true, detail: `ends with ${excerpt(suffix)}${ic}` };
    const to = trimEndOffset(s);
    if (to === 0) return { value: false, detail: `is empty, so it does not end with ${excerpt(suffix)}` };
    return { value: false, detail: `ends with ${tailExcerpt(s, to, Math.max(20, [...suffix].length + 10))}, not ${excerpt(suffix)}${ic}` };
  }),
  impl("is_json", (s) => {
    const r = parseJson(s);
    return r.ok
      ? { value: true, detail: `is valid JSON (${r.kind}${r.fenced ? ", inside a code fence" : ""})` }
      : { value: false, detail: `is not valid JSON: ${r.message}` };
  }),
  impl("is_empty", (s) => {
    const empty = isBlank(s);
    return { value: empty, detail: empty ? "is empty" : `is not empty (${plural(codePointLength(s), "character")})` };
  }),
  impl("language", (s) => {
    const r = detectLanguage(s);
    if (!r.ok) return { value: "und", detail: `language "und" (undetermined: ${r.message})` };
    const code = isoLanguage(r.language);
    return { value: code, detail: `language "${code}" (probability ${r.probability.toFixed(2)})` };
  }),
  impl("is_uppercase", (s) => {
    const f = firstLetter(s, LOWER);
    return f
      ? { value: false, detail: `has a lowercase letter ${excerpt(f.ch)} at ${at(s, f.index)}` }
      : { value: true, detail: "has no lowercase letters" };
  }),
  impl("is_lowercase", (s) => {
    const f = firstLetter(s, UPPER);
    return f
      ? { value: false, detail: `has an uppercase letter ${excerpt(f.ch)} at ${at(s, f.index)}` }
      : { value: true, detail: "has no uppercase letters" };
  }),
];
