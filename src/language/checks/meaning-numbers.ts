/**
 * Reads the quantities a clause states: digits ("120", "1,000", "2-4"), number
 * words ("three", "twenty-five", "one hundred and fifty", "a dozen", "a couple",
 * "twice", "single"), ordinals ("second", "3rd") and `{{input}}` interpolations
 * (at the input's default), each with the unit word that follows it, if any
 * ("three bullet points", "under 100 words", "a 5-paragraph essay").
 *
 * Deliberately conservative: numbers inside quotes, inside identifiers ("POL-7",
 * "v2", "ISO-8601", "12:30", "3.2.1") and years ("2024") are not quantities.
 */

export interface UnitMention {
  /** The unit as written, lower-cased ("bullet points"). */
  readonly word: string;
  /** The measures that count this unit ("bullets"). */
  readonly measures: readonly string[];
  readonly start: number;
  readonly end: number;
}

export interface ClauseNumber {
  /** NaN for an interpolation whose input has no numeric default (it still anchors a unit). */
  readonly value: number;
  /** As written: "three", "120", "twenty-five", or the interpolation placeholder. */
  readonly written: string;
  readonly kind: "digits" | "words" | "interpolation" | "ordinal";
  /** Indices into the clause text (end exclusive). */
  readonly start: number;
  readonly end: number;
  readonly unit?: UnitMention;
}

/** Unit words ("word", "bullet points") to the measures that count them. */
export type UnitTable = ReadonlyMap<string, readonly string[]>;

/** Builds the unit table from measure specs (`units` lists singular and plural forms). */
export function buildUnitTable(specs: readonly { readonly name: string; readonly kind: string; readonly result: string; readonly units?: readonly string[] }[]): UnitTable {
  const table = new Map<string, string[]>();
  for (const s of specs) {
    if (s.kind !== "measure" || s.result !== "int" || !s.units) continue;
    for (const u of s.units) {
      const key = u.toLowerCase();
      const list = table.get(key) ?? [];
      if (!list.includes(s.name)) list.push(s.name);
      table.set(key, list);
    }
  }
  return table;
}

/** A character standing for interpolation number `k` in a clause text. */
export function interpolationChar(k: number): string {
  return String.fromCharCode(0xe000 + k);
}

interface Token {
  readonly kind: "word" | "digits" | "range" | "ordinal" | "interp" | "other";
  readonly text: string;
  readonly lower: string;
  readonly start: number;
  readonly end: number;
  readonly quoted: boolean;
  /** Punctuation (or a quote) follows: a number phrase does not continue past it. */
  breakAfter: boolean;
  readonly value: number | undefined;
  /** For a range token "2-4": the second number and where it starts. */
  readonly value2: number | undefined;
  readonly start2: number | undefined;
}

const SMALL: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const ORDINALS: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
};
const ONE_PRONOUN_BEFORE = new Set(["no", "the", "this", "that", "each", "every", "any", "which", "such", "only", "last", "next", "right", "best", "other"]);
const ONE_PRONOUN_AFTER = new Set(["of", "another", "by", "at", "'s", "’s"]);
const SINGLE_NOT_COUNT = new Set(["quote", "quotes", "quotation", "quotations", "spaced", "spacing"]);
const RANGE_JOINERS = new Set(["to", "and", "or", "-", "–"]);

const OPEN_QUOTES = new Set(["“", "«", "‘"]);
const CLOSE_QUOTES = new Set(["”", "»", "’"]);
const TOGGLE_QUOTES = new Set(['"', "`"]);
/**
 * Punctuation stripped from a chunk's edges, and the part of it that ends a number phrase.
 * Tested one character (code unit) at a time with `includes`, not a regular expression: the
 * tokenizer tests every edge character of every clause.
 */
const EDGE_PUNCT = '()[]{}<>,;:.!?"“”«»‘’\'`…*_~≈';
const BREAK_PUNCT = '()[]{}<>,;:.!?"“”«»…';

/** Whether code unit `c` is white space as `\s` means it in a regular expression. */
export function isSpaceUnit(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether every code unit of `s` (not empty) lies in `lo..hi` (a fast path for `^[lo-hi]+$`). */
function allUnitsIn(s: string, lo: number, hi: number): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < lo || c > hi) return false;
  }
  return s.length > 0;
}

/** Whether `s` (not empty) is ASCII letters only (a fast path for `^\p{L}+$`). */
function asciiLetters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) return false;
  }
  return s.length > 0;
}

/** Splits a clause into tokens, tracking quotes and punctuation. */
function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let inQuote = false;
  // Chunks are the runs of non-space characters (what /\S+/g finds), scanned by hand.
  for (let at = 0; at < text.length; ) {
    if (isSpaceUnit(text.charCodeAt(at))) {
      at++;
      continue;
    }
    const chunkStart = at;
    while (at < text.length && !isSpaceUnit(text.charCodeAt(at))) at++;
    const raw = text.slice(chunkStart, at);
    let s = 0;
    let e = raw.length;
    let breakBefore = false;
    while (s < e && EDGE_PUNCT.includes(raw.charAt(s))) {
      const c = raw.charAt(s);
      if (TOGGLE_QUOTES.has(c)) inQuote = !inQuote;
      else if (OPEN_QUOTES.has(c) || (c === "'" && !inQuote)) inQuote = true;
      else if (CLOSE_QUOTES.has(c)) inQuote = false;
      if (BREAK_PUNCT.includes(c) || c === "'" || c === "‘") breakBefore = true;
      s++;
    }
    const trailEnd = e;
    while (e > s && EDGE_PUNCT.includes(raw.charAt(e - 1))) e--;
    if (breakBefore && out.length > 0) (out[out.length - 1] as Token).breakAfter = true;
    const quotedHere = inQuote;
    // Closing quotes and punctuation after the core.
    let breakAfter = false;
    for (let k = e; k < trailEnd; k++) {
      const c = raw.charAt(k);
      if (TOGGLE_QUOTES.has(c)) inQuote = !inQuote;
      else if (CLOSE_QUOTES.has(c) || (c === "'" && inQuote)) inQuote = false;
      else if (OPEN_QUOTES.has(c)) inQuote = true;
      if (BREAK_PUNCT.includes(c) || c === "'" || c === "’") breakAfter = true;
    }
    if (e <= s) continue;
    classify(raw.slice(s, e), chunkStart + s, quotedHere, out);
    if (breakAfter && out.length > 0) (out[out.length - 1] as Token).breakAfter = true;
  }
  return out;
}

/** Every token has all fields (one object shape for the whole tokenizer). */
function tok(kind: Token["kind"], text: string, start: number, quoted: boolean, value?: number, value2?: number, start2?: number): Token {
  return { kind, text, lower: text.toLowerCase(), start, end: start + text.length, quoted, breakAfter: false, value, value2, start2 };
}

/** Appends the tokens of one whitespace-separated chunk (edge punctuation stripped) to `out`. */
function classify(core: string, base: number, quoted: boolean, out: Token[]): void {
  const first = core.charCodeAt(0);
  if (core.length === 1 && first >= 0xe000 && first <= 0xf8ff) { out.push(tok("interp", core, base, quoted, first - 0xe000)); return; }
  // The commonest shapes first, without a regular expression: a plain number and a plain word.
  if (allUnitsIn(core, 0x30, 0x39)) { out.push(tok("digits", core, base, quoted, Number(core))); return; }
  if (asciiLetters(core)) { out.push(tok("word", core, base, quoted)); return; }
  // Every numeric form starts with an ASCII digit: words skip the five patterns below.
  if (first >= 0x30 && first <= 0x39) {
    // A percentage is a proportion, not a count: not a quantity the checks compare.
    if (/^\d+(?:\.\d+)?%$/.test(core)) { out.push(tok("other", core, base, quoted)); return; }
    let m = /^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)$/.exec(core);
    if (m) { out.push(tok("digits", core, base, quoted, Number((m[1] as string).replace(/,/g, "")))); return; }
    m = /^(\d+)\s*[-–]\s*(\d+)$/.exec(core);
    if (m && !/^0\d/.test(m[1] as string) && !/^0\d/.test(m[2] as string)) {
      out.push(tok("range", core, base, quoted, Number(m[1]), Number(m[2]), base + core.length - (m[2] as string).length));
      return;
    }
    m = /^(\d+)(st|nd|rd|th)$/i.exec(core);
    if (m) { out.push(tok("ordinal", core, base, quoted, Number(m[1]))); return; }
    m = /^(\d+)[-–](\p{L}+)$/u.exec(core);
    if (m) {
      const digits = m[1] as string;
      out.push(tok("digits", digits, base, quoted, Number(digits)), tok("word", m[2] as string, base + digits.length + 1, quoted));
      return;
    }
  }
  if (/^\p{L}+(?:['’]\p{L}+)?(?:[-–]\p{L}+(?:['’]\p{L}+)?)*$/u.test(core)) {
    if (!/[-–]/.test(core)) { out.push(tok("word", core, base, quoted)); return; }
    // Hyphenated words become separate words: "twenty-five", "three-letter".
    const re = /[^-–]+/g;
    for (let w = re.exec(core); w; w = re.exec(core)) out.push(tok("word", w[0], base + w.index, quoted));
    return;
  }
  out.push(tok("other", core, base, quoted));
}

/**
 * What every quantity of a clause needs: an ASCII digit, an interpolation, or one of the
 * number words the reader knows, as a whole word (case-insensitively). A clause without
 * any states no number, so the tokenizer can skip it (the test in
 * test/language/meaning-numbers holds this to extractClauseNumbers).
 */
const NUMBER_CANDIDATE = new RegExp(
  `\\d|[\\ue000-\\uf8ff]|(?<!\\p{L})(?:${[...Object.keys(SMALL), ...Object.keys(TENS), ...Object.keys(ORDINALS),
    "twice", "thrice", "once", "single", "dozen", "couple", "hundred", "thousand"].join("|")})(?!\\p{L})`, "iu");

export function mayStateNumbers(text: string): boolean {
  return NUMBER_CANDIDATE.test(text);
}

/** The quantities a clause states, in order. `interpolation(k)` is the numeric value of interpolation `k`, if any. */
export function extractClauseNumbers(text: string, units: UnitTable, interpolation: (k: number) => number | undefined = () => undefined): ClauseNumber[] {
  const tokens = tokenize(text);
  const found: { n: Omit<ClauseNumber, "unit">; last: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.quoted) continue;
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    const nextIsWord = next !== undefined && !t.breakAfter && next.kind === "word";
    switch (t.kind) {
      case "digits": {
        const v = t.value as number;
        const year = Number.isInteger(v) && v >= 1900 && v <= 2100 && /^\d{4}$/.test(t.text);
        if (year && !(nextIsWord && unitAt(tokens, i + 1, units))) break;
        found.push({ n: { value: v, written: t.text, kind: "digits", start: t.start, end: t.end }, last: i });
        break;
      }
      case "range":
        found.push({ n: { value: t.value as number, written: String(t.value), kind: "digits", start: t.start, end: t.start + String(t.value).length }, last: i });
        found.push({ n: { value: t.value2 as number, written: String(t.value2), kind: "digits", start: t.start2 as number, end: t.end }, last: i });
        break;
      case "ordinal":
        if (nextIsWord) found.push({ n: { value: t.value as number, written: t.text, kind: "ordinal", start: t.start, end: t.end }, last: i });
        break;
      case "interp": {
        const v = interpolation(t.value as number);
        found.push({ n: { value: v ?? NaN, written: t.text, kind: "interpolation", start: t.start, end: t.end }, last: i });
        break;
      }
      case "word": {
        const w = t.lower;
        if (ORDINALS[w] !== undefined) {
          if (nextIsWord) found.push({ n: { value: ORDINALS[w] as number, written: t.text, kind: "ordinal", start: t.start, end: t.end }, last: i });
          break;
        }
        const special = specialWord(tokens, i);
        if (special) {
          found.push({ n: { value: special.value, written: text.slice(t.start, (tokens[special.last] as Token).end), kind: "words", start: t.start, end: (tokens[special.last] as Token).end }, last: special.last });
          i = special.last;
          break;
        }
        if (w === "one" && (ONE_PRONOUN_BEFORE.has(prev?.lower ?? "") || !nextIsWord || ONE_PRONOUN_AFTER.has(next?.lower ?? ""))) break;
        const parsed = numberWords(tokens, i);
        if (parsed) {
          const end = (tokens[parsed.last] as Token).end;
          found.push({ n: { value: parsed.value, written: text.slice(t.start, end), kind: "words", start: t.start, end }, last: parsed.last });
          i = parsed.last;
        }
        break;
      }
      default:
        break;
    }
  }

  const numbers: ClauseNumber[] = found.map(({ n, last }) => {
    if (n.kind === "ordinal") return n;
    const unit = unitAfter(tokens, last, units);
    return unit ? { ...n, unit } : n;
  });
  // "2 to 4 paragraphs", "between 120 and 300 words", "2-4 sentences": the unit belongs to both numbers.
  for (let k = numbers.length - 2; k >= 0; k--) {
    const a = numbers[k] as ClauseNumber;
    const b = numbers[k + 1] as ClauseNumber;
    if (a.unit || !b.unit || a.kind === "ordinal" || b.kind === "ordinal") continue;
    const between = text.slice(a.end, b.start).trim().toLowerCase();
    if (between === "" || RANGE_JOINERS.has(between)) numbers[k] = { ...a, unit: b.unit };
  }
  return numbers;
}

/** "twice", "a dozen", "a couple (of)", "single", "once", "a hundred". */
function specialWord(tokens: readonly Token[], i: number): { value: number; last: number } | undefined {
  const t = tokens[i] as Token;
  const next = t.breakAfter ? undefined : tokens[i + 1];
  const w = t.lower;
  if (w === "twice") return { value: 2, last: i };
  if (w === "thrice") return { value: 3, last: i };
  if (w === "once") {
    // "Mention it once." but not "Once done, ..." or "once you finish".
    const prev = tokens[i - 1];
    if (!prev || prev.breakAfter || prev.kind !== "word") return undefined;
    if (next && !["or", "and", "in", "per", "each", "every", "only"].includes(next.lower)) return undefined;
    return { value: 1, last: i };
  }
  if (w === "single") {
    if (next && SINGLE_NOT_COUNT.has(next.lower)) return undefined;
    return { value: 1, last: i };
  }
  if ((w === "a" || w === "an") && next) {
    if (next.lower === "dozen") return { value: 12, last: i + 1 };
    if (next.lower === "couple") return { value: 2, last: i + 1 };
    if (next.lower === "hundred" || next.lower === "thousand") {
      const parsed = numberWords(tokens, i + 1, 1);
      if (parsed) return { value: parsed.value, last: parsed.last };
    }
  }
  return undefined;
}

/** Number words from token `i`: "twenty-five", "one hundred and fifty", "two thousand", "two dozen". */
function numberWords(tokens: readonly Token[], i: number, seed?: number): { value: number; last: number } | undefined {
  let total = 0;
  let current = seed ?? 0;
  let last = -1;
  let prev: "none" | "small" | "tens" | "scale" = seed !== undefined ? "small" : "none";
  let j = i;
  for (; j < tokens.length; j++) {
    const t = tokens[j] as Token;
    if (t.kind !== "word" || t.quoted) break;
    const w = t.lower;
    const small = SMALL[w];
    const tens = TENS[w];
    if (small !== undefined && (prev === "none" || prev === "scale" || (prev === "tens" && small > 0 && small < 10))) {
      current += small;
      prev = "small";
    } else if (tens !== undefined && (prev === "none" || prev === "scale")) {
      current += tens;
      prev = "tens";
    } else if (w === "hundred" && prev === "small" && current % 100 > 0 && current % 100 < 10) {
      current = Math.floor(current / 100) * 100 + (current % 100) * 100;
      prev = "scale";
    } else if (w === "thousand" && prev !== "none" && current > 0 && current < 1000) {
      total += current * 1000;
      current = 0;
      prev = "scale";
    } else if (w === "dozen" && prev === "small" && current > 0 && current < 10) {
      current *= 12;
      last = j;
      break;
    } else if (w === "and" && prev === "scale" && !t.breakAfter && (SMALL[tokens[j + 1]?.lower ?? ""] !== undefined || TENS[tokens[j + 1]?.lower ?? ""] !== undefined)) {
      continue;
    } else {
      break;
    }
    last = j;
    if (t.breakAfter) break;
  }
  if (last < 0) return undefined;
  return { value: total + current, last };
}

/** The unit right after token `last`, allowing one word in between ("three short paragraphs", "a couple of sentences"). */
function unitAfter(tokens: readonly Token[], last: number, units: UnitTable): UnitMention | undefined {
  const t = tokens[last] as Token;
  if (t.breakAfter) return undefined;
  const direct = unitAt(tokens, last + 1, units);
  if (direct) return direct;
  const mid = tokens[last + 1];
  if (!mid || mid.kind !== "word" || mid.breakAfter || SMALL[mid.lower] !== undefined || TENS[mid.lower] !== undefined) return undefined;
  return unitAt(tokens, last + 2, units);
}

function unitAt(tokens: readonly Token[], i: number, units: UnitTable): UnitMention | undefined {
  const t = tokens[i];
  if (!t || t.kind !== "word" || t.quoted) return undefined;
  const n = tokens[i + 1];
  if (n && n.kind === "word" && !t.breakAfter) {
    const two = `${t.lower} ${n.lower}`;
    const m2 = units.get(two);
    if (m2) return { word: two, measures: m2, start: t.start, end: n.end };
  }
  const m1 = units.get(t.lower);
  return m1 ? { word: t.lower, measures: m1, start: t.start, end: t.end } : undefined;
}
