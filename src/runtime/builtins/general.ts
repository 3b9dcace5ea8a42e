/**
 * Implementations of the general built-ins (src/language/builtins/general.ts):
 * Markdown tables, sections, headings, highlights and titles, placeholders,
 * quotations, capital words, JSON Schema conformance. Line-based and linear in the
 * subject's length; fenced code blocks (and, where it matters, `inline code`) are
 * skipped as the registry docs say.
 */
import { compileJsonSchema, describeSchemaErrors } from "../../common/json-schema.js";
import { at, countedLines, fencedLineMask, headingLines, lineContentStart, parseJson } from "./core.js";
import { excerpt, isBlank, isWhitespaceCode, lineRange, lineSpans, listNumbers, plural, trimEndOffset, trimStartOffset, type LineSpan } from "./text.js";
import { argNumber, argText, BuiltinError, type BuiltinArgs, type BuiltinImpl, type BuiltinOutcome } from "./types.js";

function impl(name: string, evaluate: BuiltinImpl["evaluate"]): BuiltinImpl {
  return { name, readsInstruction: false, evaluate };
}

function position(args: BuiltinArgs): number {
  const n = argNumber(args, "n");
  if (!Number.isInteger(n) || n < 1) throw new BuiltinError(`\`n\` must be a whole number of at least 1, not ${n}`);
  return n;
}

/** Up to `max` found items as `"x" (line 3)`, then a count of the rest. */
function listFound(items: readonly { text: string; line: number }[], total: number, max = 5): string {
  if (total === 0) return "";
  const shown = items.slice(0, max).map((i) => `${excerpt(i.text)} (line ${i.line})`).join(", ");
  return ` (${shown}${total > max ? `, … ${total - max} more` : ""})`;
}

/**
 * A line's text with `inline code` spans blanked out (same length, so offsets are
 * kept). As in CommonMark, a span opens with a run of backticks and closes at the
 * next run of the same length; a run without a partner is literal. Linear.
 */
export function maskInlineCode(line: string): string {
  if (!line.includes("`")) return line;
  const runs: { at: number; len: number }[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line.charCodeAt(i) !== 0x60) continue;
    let j = i;
    while (j < line.length && line.charCodeAt(j) === 0x60) j++;
    runs.push({ at: i, len: j - i });
    i = j - 1;
  }
  const byLength = new Map<number, number[]>();
  runs.forEach((r, k) => byLength.set(r.len, [...(byLength.get(r.len) ?? []), k]));
  const cursor = new Map<number, number>();
  let out = "";
  let copied = 0;
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k] as { at: number; len: number };
    const same = byLength.get(r.len) as number[];
    let c = cursor.get(r.len) ?? 0;
    while (c < same.length && (same[c] as number) <= k) c++;
    cursor.set(r.len, c);
    if (c >= same.length) continue; // no closing run: literal backticks
    const close = runs[same[c] as number] as { at: number; len: number };
    out += line.slice(copied, r.at + r.len) + " ".repeat(close.at - r.at - r.len) + line.slice(close.at, close.at + close.len);
    copied = close.at + close.len;
    k = same[c] as number;
  }
  return out + line.slice(copied);
}

/** Lines outside fenced code blocks, each with its inline code masked. */
function proseLines(s: string): { span: LineSpan; text: string }[] {
  const lines = lineSpans(s);
  const fenced = fencedLineMask(s, lines);
  const out: { span: LineSpan; text: string }[] = [];
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k] as LineSpan;
    if (fenced[k] === 0 && !l.blank) out.push({ span: l, text: maskInlineCode(s.slice(l.start, l.end)) });
  }
  return out;
}

// ---- tables --------------------------------------------------------------------------------------------

interface Table {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly lastLine: number;
  readonly rows: number;
}

/** Cells of a pipe-table row (unescaped `|` separators, optional leading/trailing pipe), or undefined without a `|`. */
function cells(row: string): string[] | undefined {
  const parts: string[] = [];
  let cur = "";
  let pipes = 0;
  for (let i = 0; i < row.length; i++) {
    const c = row.charAt(i);
    if (c === "\\" && i + 1 < row.length) {
      cur += row.slice(i, i + 2);
      i++;
    } else if (c === "|") {
      parts.push(cur);
      cur = "";
      pipes++;
    } else {
      cur += c;
    }
  }
  parts.push(cur);
  if (pipes === 0) return undefined;
  if (parts.length > 1 && (parts[0] as string).trim() === "") parts.shift();
  if (parts.length > 1 && (parts[parts.length - 1] as string).trim() === "") parts.pop();
  return parts;
}

const DELIMITER_CELL = /^\s*:?-+:?\s*$/;

function tablesOf(s: string): Table[] {
  const lines = lineSpans(s);
  const fenced = fencedLineMask(s, lines);
  const text = (k: number) => s.slice((lines[k] as LineSpan).start, (lines[k] as LineSpan).end);
  const usable = (k: number) => k < lines.length && fenced[k] === 0 && !(lines[k] as LineSpan).blank;
  const out: Table[] = [];
  let k = 0;
  while (k + 1 < lines.length) {
    const header = usable(k) && usable(k + 1) ? cells(text(k)) : undefined;
    const delimiter = header ? cells(text(k + 1)) : undefined;
    if (!header || !delimiter || delimiter.length !== header.length || !delimiter.every((c) => DELIMITER_CELL.test(c))) {
      k++;
      continue;
    }
    let last = k + 1;
    while (usable(last + 1) && text(last + 1).includes("|")) last++;
    const first = lines[k] as LineSpan;
    const end = lines[last] as LineSpan;
    out.push({ start: first.start, end: end.end, line: first.line, lastLine: end.line, rows: last - k - 1 });
    k = last + 1;
  }
  return out;
}

// ---- sections and headings -----------------------------------------------------------------------------------

/** Offset after optional Markdown heading marks and emphasis marks at the start of a line's content. */
function afterLineMarks(s: string, l: LineSpan): number {
  let i = lineContentStart(s, l);
  let hashes = 0;
  while (i + hashes < l.end && s.charCodeAt(i + hashes) === 0x23) hashes++;
  if (hashes >= 1 && hashes <= 6 && i + hashes < l.end && isWhitespaceCode(s.charCodeAt(i + hashes))) {
    i += hashes;
    while (i < l.end && isWhitespaceCode(s.charCodeAt(i))) i++;
  }
  let marks = 0;
  while (i < l.end && marks < 3 && (s.charCodeAt(i) === 0x2a || s.charCodeAt(i) === 0x5f)) {
    i++;
    marks++;
  }
  return i;
}

const LETTER = /^\p{L}$/u;
const isLetterAt = (s: string, i: number): boolean => LETTER.test(String.fromCodePoint(s.codePointAt(i) ?? 0));
const isLetterBefore = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i - 1);
  return isLetterAt(s, c >= 0xdc00 && c <= 0xdfff && i >= 2 ? i - 2 : i - 1);
};

function sectionStarts(s: string, marker: string): LineSpan[] {
  if (marker === "") return headingLines(s);
  const lines = lineSpans(s);
  const fenced = fencedLineMask(s, lines);
  const needLetterBoundary = isLetterBefore(marker, marker.length);
  return lines.filter((l, k) => {
    if (l.blank || fenced[k] === 1) return false;
    const i = afterLineMarks(s, l);
    if (i + marker.length > l.end || !s.startsWith(marker, i)) return false;
    const after = i + marker.length;
    return !needLetterBoundary || after >= l.end || !isLetterAt(s, after);
  });
}

function selectSection(s: string, n: number, marker: string): BuiltinOutcome {
  const starts = sectionStarts(s, marker);
  const start = starts[n - 1];
  const what = marker === "" ? "heading" : `line starting with ${excerpt(marker)}`;
  if (!start) return { value: "", detail: starts.length === 0 ? `empty: there is no section (no ${what})` : `empty: there are only ${plural(starts.length, "section")}` };
  const next = starts[n];
  const lines = lineSpans(s);
  let lastIdx = (next ? next.line - 1 : lines.length) - 1;
  while (lastIdx > start.line - 1 && (lines[lastIdx] as LineSpan).blank) lastIdx--;
  const last = lines[lastIdx] as LineSpan;
  return { value: s.slice(start.start, last.end), detail: `${lineRange(start.line, last.line)} (section ${n} of ${starts.length})` };
}

/** A heading line's text without the opening `#` marks and an optional closing sequence. */
function headingText(s: string, l: LineSpan): string {
  let i = l.start;
  while (i < l.end && s.charCodeAt(i) === 0x20) i++;
  while (i < l.end && s.charCodeAt(i) === 0x23) i++;
  let text = s.slice(i, l.end).trim();
  const closing = /(?:^|\s)#+$/.exec(text);
  if (closing) text = text.slice(0, closing.index).trim();
  return text;
}

// ---- highlights, placeholders, titles, quotes -------------------------------------------------------------------

// Linear: every match attempt starts at a `*` and scans no further than the next `*`.
const HIGHLIGHT = /\*\*[^\s*](?:[^*]*[^\s*])?\*\*|\*[^\s*](?:[^*]*[^\s*])?\*/g;

function highlightsOf(s: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  for (const { span, text } of proseLines(s)) {
    if (!text.includes("*")) continue;
    for (const m of text.matchAll(HIGHLIGHT)) out.push({ text: m[0], line: span.line });
  }
  return out;
}

const HAS_LETTER = /\p{L}/u;

function placeholdersOf(s: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  for (const { span, text } of proseLines(s)) {
    let contentStart = 0;
    while (contentStart < text.length && isWhitespaceCode(text.charCodeAt(contentStart))) contentStart++;
    let i = text.indexOf("[");
    while (i >= 0) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x5b && text.charCodeAt(j) !== 0x5d) j++;
      if (j >= text.length) break;
      if (text.charCodeAt(j) === 0x5b) {
        i = j; // a nested or unclosed bracket: start again at the inner one
        continue;
      }
      const inner = text.slice(i + 1, j);
      const after = text.charAt(j + 1);
      const isLink = after === "(" || after === "[" || (after === ":" && i === contentStart);
      const isTaskBox = /^[ xX]$/.test(inner) && i <= contentStart + 8 && /^\s*[-*+]\s+$/.test(text.slice(0, i));
      const isFootnote = inner.startsWith("^");
      if (!isLink && !isTaskBox && !isFootnote && HAS_LETTER.test(inner) && inner.trim() === inner) out.push({ text: text.slice(i, j + 1), line: span.line });
      i = text.indexOf("[", j + 1);
    }
  }
  return out;
}

function firstTitle(s: string): { text: string; index: number } | undefined {
  // Each search position only moves forward, so the scan is linear.
  const next = (what: string, from: number, cached: number): number => {
    if (cached >= from) return cached;
    const i = s.indexOf(what, from);
    return i < 0 ? s.length : i;
  };
  let open = s.indexOf("<<");
  let close = -1;
  let lf = -1;
  let cr = -1;
  while (open >= 0) {
    close = next(">>", open + 2, close);
    if (close >= s.length) return undefined;
    lf = next("\n", open, lf);
    cr = next("\r", open, cr);
    if (close < Math.min(lf, cr)) {
      const text = s.slice(open + 2, close).trim();
      if (text !== "") return { text, index: open };
    }
    open = s.indexOf("<<", open + 1);
  }
  return undefined;
}

const DOUBLE_QUOTES: Readonly<Record<string, readonly string[]>> = {
  "\"": ["\""], "“": ["”"], "„": ["“", "”"], "«": ["»"], "「": ["」"], "『": ["』"],
};

function quotesOf(s: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const lines = lineSpans(s);
  const fenced = fencedLineMask(s, lines);
  let open: { closers: readonly string[]; from: number; line: number } | undefined;
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k] as LineSpan;
    if (l.blank || fenced[k] === 1) {
      open = undefined; // a quote never spans a paragraph break or a code block
      continue;
    }
    const text = maskInlineCode(s.slice(l.start, l.end));
    for (let i = 0; i < text.length; i++) {
      const ch = text.charAt(i);
      if (open) {
        if (open.closers.includes(ch)) {
          const to = l.start + i;
          if (!isBlank(s, open.from, to)) out.push({ text: s.slice(open.from - 1, to + 1), line: open.line });
          open = undefined;
        }
      } else {
        const closers = DOUBLE_QUOTES[ch];
        if (closers) open = { closers, from: l.start + i + 1, line: l.line };
      }
    }
  }
  return out;
}

const QUOTE_PAIRS: Readonly<Record<string, readonly string[]>> = {
  "\"": ["\""], "'": ["'"], "“": ["”"], "‘": ["’"], "„": ["“", "”"], "‚": ["‘", "’"],
  "«": ["»"], "»": ["«"], "‹": ["›"], "›": ["‹"], "「": ["」"], "『": ["』"],
};

// ---- capital words ----------------------------------------------------------------------------------------

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’.-][\p{L}\p{M}\p{N}]+)*/gu;
const UPPER = /\p{Lu}/u;
const NOT_UPPER_LETTER = /[\p{Ll}\p{Lt}\p{Lm}\p{Lo}]/u;
const TWO_UPPER = /\p{Lu}[^]*\p{Lu}/u;

function capitalWords(s: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let line = 1;
  let scanned = 0;
  for (const m of s.matchAll(WORD)) {
    const w = m[0];
    if (!UPPER.test(w) || NOT_UPPER_LETTER.test(w) || !TWO_UPPER.test(w)) continue;
    for (; scanned < m.index; scanned++) {
      const c = s.charCodeAt(scanned);
      if (c === 0x0a || (c === 0x0d && s.charCodeAt(scanned + 1) !== 0x0a)) line++;
    }
    out.push({ text: w, line });
  }
  return out;
}

const MINOR_WORDS = new Set(["a", "an", "the", "and", "but", "or", "nor", "as", "at", "by", "for", "in", "of", "off", "on", "per", "to", "up", "via", "with"]);
const LOWER_FIRST = /^\p{Ll}/u;

/** The first word that breaks title case, or undefined. */
function notTitleCase(s: string): { word: string; index: number } | undefined {
  let isFirst = true;
  let trailingMinor: { word: string; index: number } | undefined; // fine unless it is the last word
  for (const m of s.matchAll(WORD)) {
    const w = m[0];
    const lower = LOWER_FIRST.test(w);
    if (lower && (isFirst || !MINOR_WORDS.has(w))) return { word: w, index: m.index };
    trailingMinor = lower ? { word: w, index: m.index } : undefined;
    isFirst = false;
  }
  return trailingMinor;
}

// ---- the table -------------------------------------------------------------------------------------------

function counting(name: string, singular: string, pluralForm: string, find: (s: string) => { text: string; line: number }[]): BuiltinImpl {
  return impl(name, (s) => {
    const found = find(s);
    return { value: found.length, detail: `${plural(found.length, singular, pluralForm)}${listFound(found, found.length)}` };
  });
}

export const GENERAL_IMPLS: readonly BuiltinImpl[] = [
  impl("tables", (s) => {
    const ts = tablesOf(s);
    const lines = ts.map((t) => t.line);
    return { value: ts.length, detail: countedLines(ts.length, lines, "Markdown table") };
  }),
  impl("table_rows", (s) => {
    const ts = tablesOf(s);
    const rows = ts.reduce((n, t) => n + t.rows, 0);
    if (ts.length === 0) return { value: 0, detail: "0 table rows (there is no Markdown table)" };
    const per = ts.length === 1 ? "" : `; ${ts.map((t) => t.rows).join(" + ")} in ${ts.length} tables`;
    return { value: rows, detail: `${plural(rows, "table row")} (header and delimiter rows excluded${per})` };
  }),
  impl("table", (s, args) => {
    const n = position(args);
    const ts = tablesOf(s);
    const t = ts[n - 1];
    if (!t) return { value: "", detail: ts.length === 0 ? "empty: there is no Markdown table" : `empty: there are only ${plural(ts.length, "table")}` };
    return { value: s.slice(t.start, t.end), detail: lineRange(t.line, t.lastLine) };
  }),
  impl("sections", (s, args) => {
    const marker = argText(args, "marker");
    const starts = sectionStarts(s, marker).map((l) => l.line);
    const how = marker === "" ? "at headings" : `at lines starting with ${excerpt(marker)}`;
    return { value: starts.length, detail: `${plural(starts.length, "section")} ${how}${starts.length ? ` (${starts.length === 1 ? "line" : "lines"} ${listNumbers(starts)})` : ""}` };
  }),
  impl("section", (s, args) => selectSection(s, position(args), argText(args, "marker"))),
  impl("heading", (s, args) => {
    const n = position(args);
    const hs = headingLines(s);
    const h = hs[n - 1];
    if (!h) return { value: "", detail: hs.length === 0 ? "empty: there is no heading" : `empty: there are only ${plural(hs.length, "heading")}` };
    return { value: headingText(s, h), detail: `line ${h.line}` };
  }),
  counting("highlights", "highlighted span", "highlighted spans", highlightsOf),
  impl("title", (s) => {
    const t = firstTitle(s);
    return t ? { value: t.text, detail: `the <<title>> at ${at(s, t.index)}` } : { value: "", detail: "empty: there is no <<title>>" };
  }),
  counting("placeholders", "placeholder", "placeholders", placeholdersOf),
  counting("quotes", "quotation", "quotations", quotesOf),
  impl("is_quoted", (s) => {
    const a = trimStartOffset(s);
    const b = trimEndOffset(s);
    const cps = a < b ? [...s.slice(a, Math.min(b, a + 2))] : [];
    const first = cps[0];
    if (first === undefined) return { value: false, detail: "is empty, so it is not in quotation marks" };
    const lastCp = s.codePointAt(b - 1) ?? 0;
    const last = lastCp >= 0xdc00 && lastCp <= 0xdfff && b >= 2 ? s.slice(b - 2, b) : s.charAt(b - 1);
    const closers = QUOTE_PAIRS[first];
    const long = b - a > first.length;
    if (closers && long && closers.includes(last)) return { value: true, detail: `is wrapped in ${first}…${last}` };
    if (!closers) return { value: false, detail: `starts with ${excerpt(first)}, not a quotation mark` };
    return { value: false, detail: long ? `starts with ${excerpt(first)} but ends with ${excerpt(last)}, not ${closers.map((c) => excerpt(c)).join(" or ")}` : `is only ${excerpt(first)}` };
  }),
  counting("capital_words", "word in capital letters", "words in capital letters", capitalWords),
  impl("is_title_case", (s) => {
    const bad = notTitleCase(s);
    if (!bad) return { value: true, detail: "is in title case" };
    return { value: false, detail: `is not in title case: ${excerpt(bad.word)} at ${at(s, bad.index)} starts with a lowercase letter` };
  }),
  impl("uppercase", (s) => ({ value: s.toUpperCase(), detail: "in upper case" })),
  impl("matches_schema", (s, args) => {
    const schemaText = argText(args, "schema");
    const schema = compileJsonSchema(schemaText);
    if (!schema.ok) throw new BuiltinError(`invalid \`schema\`: ${schema.message}`);
    const r = parseJson(s);
    if (!r.ok) return { value: false, detail: `is not valid JSON: ${r.message}` };
    const where = `${r.kind}${r.fenced ? ", inside a code fence" : ""}`;
    if (schema.validate(r.value)) return { value: true, detail: `is JSON (${where}) that matches the schema` };
    return { value: false, detail: `is JSON (${where}) that does not match the schema: ${describeSchemaErrors(schema.validate.errors)}` };
  }),
];
