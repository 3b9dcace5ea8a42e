/**
 * Python `re` patterns (IFEval uses kwargs such as keywords, postscript markers
 * and section splitters *as regular expressions*) run on re2js, a port of RE2:
 * matching is linear in the response whatever the pattern, so no argument can
 * make a verifier hang (issue 8: `(a+)+$` against 30 `a`s and a `!`).
 *
 * Two paths:
 * - A literal pattern, optionally wrapped in `\b...\b` (the shape IFEval builds for
 *   forbidden words), is escaped and run on a native RegExp with fixed-width
 *   lookarounds: no repetition, so linear, and `\b` keeps Python's Unicode meaning.
 * - Anything else is translated to RE2 syntax, keeping Python's meanings of `\w`,
 *   `\d`, `\s` (Unicode), `.` (all but `\n`), `{,n}`, literal `{`, escaped punctuation,
 *   `(?P<name>...)`, `(?#...)` and leading `(?imsu)`.
 *
 * Where RE2 cannot follow Python (documented in docs/ifeval.md): backreferences
 * and lookaround are rejected (a failed check with the reason), `\b`/`\B` inside a
 * non-literal pattern are ASCII word boundaries, and a non-multiline `$` that is
 * satisfied before a final newline includes that newline in the match text.
 */
import { RE2JS } from "re2js";
import { PY_WORD_CLASS, PY_WS_CLASS } from "./python-chars.js";

export interface PyRegexOptions {
  ignoreCase?: boolean;
  multiline?: boolean;
  dotAll?: boolean;
}

/** A compiled pattern: search, count and locate matches, all linear in the text. */
export interface PyPattern {
  /** The first match (leftmost), or null. `index` is a UTF-16 offset. */
  search(text: string): { index: number; text: string } | null;
  /** Start offsets of non-overlapping matches, as Python's `re.finditer` finds them; stops after `limit`. */
  offsets(text: string, limit?: number): number[];
  /** The non-overlapping matches themselves (Python's `re.findall` without groups); stops after `limit`. */
  matches(text: string, limit?: number): Array<{ index: number; text: string }>;
  /** The leftmost match starting at or after UTF-16 offset `start` (what precedes it still counts as context), or null. */
  searchFrom(text: string, start: number): { index: number; text: string } | null;
}

export type PyRegexResult = { ok: true; regex: PyPattern; literal: boolean; source: string } | { ok: false; error: string };

const SPECIALS = new Set(Array.from(".^$*+?{}[]\\|()"));
const JS_SYNTAX = new Set(Array.from("^$\\.*+?()[]{}|/"));

/** True when the pattern contains no regex metacharacter (so it matches itself literally). */
export function isLiteralPattern(pattern: string): boolean {
  for (const ch of pattern) if (SPECIALS.has(ch)) return false;
  return true;
}

/** Escape a literal string for use inside a `u`-mode JS RegExp. */
export function escapeRegExpLiteral(s: string): string {
  let out = "";
  for (const ch of s) out += JS_SYNTAX.has(ch) ? "\\" + ch : ch;
  return out;
}

class PyRegexError extends Error {}

/** Python's `\w` and `\s` as RE2 class bodies (RE2 spells code points `\x{...}`, not `\u....`). */
const RE2_WORD_BODY = PY_WORD_CLASS;
const RE2_WS_BODY = PY_WS_CLASS.replace(/\\u([0-9A-Fa-f]{4})/g, "\\x{$1}");
const W = `[${RE2_WORD_BODY}]`;

function hexEscape(cp: number): string {
  return `\\x{${cp.toString(16)}}`;
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
}

const LINEAR_ONLY = "is not supported: patterns run in linear time (RE2), which rules out backreferences and lookaround";

function translatePattern(p: string, flags: Flags): string {
  let i = 0;
  // Leading global inline flags, e.g. "(?i)".
  for (;;) {
    const m = /^\(\?([aiLmsux]+)\)/.exec(p.slice(i, i + 12));
    if (!m) break;
    for (const f of m[1]!) {
      if (f === "i") flags.i = true;
      else if (f === "m") flags.m = true;
      else if (f === "s") flags.s = true;
      else if (f === "u") continue;
      else throw new PyRegexError(`inline flag (?${f}) is not supported`);
    }
    i += m[0].length;
  }
  let out = "";
  const n = p.length;
  while (i < n) {
    const c = p[i]!;
    if (c === "\\") {
      const [t, next] = translateEscape(p, i, false);
      out += t;
      i = next;
      continue;
    }
    if (c === "[") {
      const [t, next] = translateClass(p, i);
      out += t;
      i = next;
      continue;
    }
    if (c === "(") {
      if (p.startsWith("(?P<", i)) {
        const close = p.indexOf(">", i);
        const name = close < 0 ? "" : p.slice(i + 4, close);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new PyRegexError("bad group name");
        out += `(?P<${name}>`;
        i = close + 1;
        continue;
      }
      if (p.startsWith("(?P=", i)) throw new PyRegexError(`the backreference (?P=...) ${LINEAR_ONLY}`);
      if (p.startsWith("(?#", i)) {
        const close = p.indexOf(")", i);
        if (close < 0) throw new PyRegexError("unterminated comment");
        i = close + 1;
        continue;
      }
      if (p.startsWith("(?:", i)) {
        out += "(?:";
        i += 3;
        continue;
      }
      const look = ["(?=", "(?!", "(?<=", "(?<!"].find((x) => p.startsWith(x, i));
      if (look) throw new PyRegexError(`the lookaround ${look}...) ${LINEAR_ONLY}`);
      if (p.startsWith("(?", i)) throw new PyRegexError(`group construct ${p.slice(i, i + 4)} is not supported`);
      out += "(";
      i++;
      continue;
    }
    if (c === ".") {
      out += flags.s ? "(?s:.)" : "[^\\n]";
      i++;
      continue;
    }
    if (c === "^") {
      out += flags.m ? "(?m:^)" : "\\A";
      i++;
      continue;
    }
    if (c === "$") {
      // Python's `$`: the end, or just before a final newline. RE2 has no lookahead,
      // so the final newline is consumed (see the module comment).
      out += flags.m ? "(?m:$)" : "(?:\\n?\\z)";
      i++;
      continue;
    }
    if (c === "{") {
      const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(p.slice(i, i + 40));
      if (m && !(m[1] === "" && m[2] === undefined)) {
        const lo = m[1] === "" ? "0" : m[1]!;
        out += m[2] === undefined ? `{${lo}}` : `{${lo},${m[3]!}}`;
        i += m[0].length;
        continue;
      }
      out += "\\{";
      i++;
      continue;
    }
    if (c === "}" || c === "]") {
      out += "\\" + c;
      i++;
      continue;
    }
    const cp = p.codePointAt(i)!;
    out += "*+?|)".includes(c) ? c : hexEscape(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}

function translateEscape(p: string, i: number, inClass: boolean): [string, number] {
  if (i + 1 >= p.length) throw new PyRegexError("bad escape (end of pattern)");
  const cp = p.codePointAt(i + 1)!;
  const ch = String.fromCodePoint(cp);
  const next = i + 1 + ch.length;
  switch (ch) {
    case "d":
      return ["\\p{Nd}", next];
    case "w":
      return [inClass ? RE2_WORD_BODY : W, next];
    case "s":
      return [inClass ? RE2_WS_BODY : `[${RE2_WS_BODY}]`, next];
    case "D":
    case "W":
    case "S":
      if (inClass) throw new PyRegexError(`\\${ch} inside a character class is not supported`);
      return [ch === "D" ? "\\P{Nd}" : ch === "W" ? `[^${RE2_WORD_BODY}]` : `[^${RE2_WS_BODY}]`, next];
    case "b":
      return [inClass ? "\\x{8}" : "\\b", next];
    case "B":
      if (inClass) throw new PyRegexError("bad escape \\B in class");
      return ["\\B", next];
    case "A":
      if (inClass) throw new PyRegexError("bad escape \\A in class");
      return ["\\A", next];
    case "Z":
      if (inClass) throw new PyRegexError("bad escape \\Z in class");
      return ["\\z", next];
    case "n":
      return ["\\n", next];
    case "t":
      return ["\\t", next];
    case "r":
      return ["\\r", next];
    case "f":
      return ["\\f", next];
    case "v":
      return ["\\v", next];
    case "a":
      return ["\\x{7}", next];
    case "x": {
      const h = /^[0-9a-fA-F]{2}/.exec(p.slice(next, next + 2));
      if (!h) throw new PyRegexError("incomplete \\x escape");
      return [hexEscape(parseInt(h[0], 16)), next + 2];
    }
    case "u": {
      const h = /^[0-9a-fA-F]{4}/.exec(p.slice(next, next + 4));
      if (!h) throw new PyRegexError("incomplete \\u escape");
      return [hexEscape(parseInt(h[0], 16)), next + 4];
    }
    case "U": {
      const h = /^[0-9a-fA-F]{8}/.exec(p.slice(next, next + 8));
      if (!h) throw new PyRegexError("incomplete \\U escape");
      const v = parseInt(h[0], 16);
      if (v > 0x10ffff) throw new PyRegexError("bad \\U escape");
      return [hexEscape(v), next + 8];
    }
    default:
      break;
  }
  if (ch >= "0" && ch <= "9") {
    // Octal escape (\0, \0oo, or three octal digits) or a group reference.
    const oct = /^[0-7]{1,3}/.exec(p.slice(i + 1, i + 4));
    if (ch === "0" || (oct && oct[0].length === 3)) {
      const digits = ch === "0" ? /^0[0-7]{0,2}/.exec(p.slice(i + 1, i + 4))![0] : oct![0];
      return [hexEscape(parseInt(digits, 8)), i + 1 + digits.length];
    }
    if (inClass) throw new PyRegexError("group reference inside a character class");
    throw new PyRegexError(`the backreference \\${ch} ${LINEAR_ONLY}`);
  }
  if (/^[A-Za-z]$/.test(ch)) throw new PyRegexError(`bad escape \\${ch}`);
  return [hexEscape(cp), next];
}

function translateClass(p: string, start: number): [string, number] {
  let i = start + 1;
  let out = "[";
  if (p[i] === "^") {
    out += "^";
    i++;
  }
  let first = true;
  while (i < p.length) {
    const c = p[i]!;
    if (c === "]" && !first) return [out + "]", i + 1];
    first = false;
    if (c === "\\") {
      const [t, next] = translateEscape(p, i, true);
      out += t;
      i = next;
      continue;
    }
    if (c === "-") {
      out += "-";
      i++;
      continue;
    }
    const cp = p.codePointAt(i)!;
    out += hexEscape(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  throw new PyRegexError("unterminated character set");
}

/** Python `\w` for the Unicode-aware boundary of the literal path. */
const JS_W = `[${PY_WORD_CLASS}]`;

/** `\bword\b`, `\bword` or `word` with a metacharacter-free `word`: the literal path applies. */
function literalShape(pattern: string): { body: string; before: boolean; after: boolean } | undefined {
  let body = pattern;
  const before = body.startsWith("\\b");
  if (before) body = body.slice(2);
  const after = body.endsWith("\\b") && !body.endsWith("\\\\b");
  if (after) body = body.slice(0, -2);
  return isLiteralPattern(body) ? { body, before, after } : undefined;
}

/** A global RegExp (built only from escaped literal text) as a pattern. */
function nativePattern(regex: RegExp): PyPattern {
  const matches = (text: string, limit = Infinity): Array<{ index: number; text: string }> => {
    const out: Array<{ index: number; text: string }> = [];
    regex.lastIndex = 0;
    for (;;) {
      if (out.length >= limit) break;
      const m = regex.exec(text);
      if (!m) break;
      out.push({ index: m.index, text: m[0] });
      if (m[0].length === 0) {
        const cp = text.codePointAt(regex.lastIndex);
        regex.lastIndex += cp !== undefined && cp > 0xffff ? 2 : 1;
        if (regex.lastIndex > text.length) break;
      }
    }
    regex.lastIndex = 0;
    return out;
  };
  const searchFrom = (text: string, start: number): { index: number; text: string } | null => {
    regex.lastIndex = start;
    const m = regex.exec(text);
    regex.lastIndex = 0;
    return m ? { index: m.index, text: m[0] } : null;
  };
  return {
    search: (text) => searchFrom(text, 0),
    offsets: (text, limit) => matches(text, limit).map((m) => m.index),
    matches,
    searchFrom,
  };
}

const PY_WORD_CP = new RegExp(`^[${PY_WORD_CLASS}]$`, "u");

function isWordAt(text: string, i: number): boolean {
  const cp = text.codePointAt(i);
  return cp !== undefined && PY_WORD_CP.test(String.fromCodePoint(cp));
}

function isWordBefore(text: string, i: number): boolean {
  if (i <= 0) return false;
  const lo = text.charCodeAt(i - 1);
  const start = lo >= 0xdc00 && lo <= 0xdfff && i >= 2 && text.charCodeAt(i - 2) >= 0xd800 && text.charCodeAt(i - 2) <= 0xdbff ? i - 2 : i - 1;
  return isWordAt(text, start);
}

/** Python's `\b` at a UTF-16 offset (Unicode word characters). */
function isBoundary(text: string, i: number): boolean {
  return isWordBefore(text, i) !== isWordAt(text, i);
}

/**
 * `\bword\b` (or one side) for a non-empty literal: the literal alone is found by the
 * native engine and the boundaries are tested at each hit, instead of a lookaround
 * alternation tried at every position. Same matches: a literal matches at a position
 * with one length, so the accepted hits are exactly the lookaround pattern's.
 */
function boundedPattern(literal: RegExp, before: boolean, after: boolean): PyPattern {
  const matches = (text: string, limit = Infinity, start = 0): Array<{ index: number; text: string }> => {
    const out: Array<{ index: number; text: string }> = [];
    let from = start;
    while (out.length < limit && from <= text.length) {
      literal.lastIndex = from;
      const m = literal.exec(text);
      if (!m) break;
      const end = m.index + m[0].length;
      if ((!before || isBoundary(text, m.index)) && (!after || isBoundary(text, end))) {
        out.push({ index: m.index, text: m[0] });
        from = end;
      } else {
        from = m.index + ((text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
      }
    }
    literal.lastIndex = 0;
    return out;
  };
  return {
    search: (text) => matches(text, 1)[0] ?? null,
    offsets: (text, limit) => matches(text, limit).map((m) => m.index),
    matches: (text, limit) => matches(text, limit),
    searchFrom: (text, start) => matches(text, 1, start)[0] ?? null,
  };
}

function re2Pattern(regex: RE2JS): PyPattern {
  const matches = (text: string, limit = Infinity): Array<{ index: number; text: string }> => {
    const out: Array<{ index: number; text: string }> = [];
    const m = regex.matcher(text);
    // re2js advances one code point past an empty match, as Python's finditer does.
    while (out.length < limit && m.find()) out.push({ index: m.start(), text: m.group() ?? "" });
    return out;
  };
  return {
    search(text) {
      const m = regex.matcher(text);
      return m.find() ? { index: m.start(), text: m.group() ?? "" } : null;
    },
    offsets: (text, limit) => matches(text, limit).map((m) => m.index),
    matches,
    searchFrom(text, start) {
      const m = regex.matcher(text);
      return m.find(start) ? { index: m.start(), text: m.group() ?? "" } : null;
    },
  };
}

const cache = new Map<string, PyRegexResult>();
const CACHE_LIMIT = 1024;

/**
 * Compile a Python `re` pattern for linear-time matching. Never throws: invalid or
 * unsupported patterns give `{ ok: false, error }`.
 */
export function compilePythonRegex(pattern: string, options: PyRegexOptions = {}): PyRegexResult {
  const key = `${options.ignoreCase ? "i" : ""}${options.multiline ? "m" : ""}${options.dotAll ? "s" : ""}\u0000${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const result = compileUncached(pattern, options);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

function compileUncached(pattern: string, options: PyRegexOptions): PyRegexResult {
  const flags: Flags = { i: !!options.ignoreCase, m: !!options.multiline, s: !!options.dotAll };
  const shape = literalShape(pattern);
  if (shape) {
    const source = `${shape.before ? `(?:(?<!${JS_W})(?=${JS_W})|(?<=${JS_W})(?!${JS_W}))` : ""}${escapeRegExpLiteral(shape.body)}${
      shape.after ? `(?:(?<=${JS_W})(?!${JS_W})|(?<!${JS_W})(?=${JS_W}))` : ""
    }`;
    const regex = new RegExp(source, `gu${flags.i ? "i" : ""}`);
    const bounded = (shape.before || shape.after) && shape.body !== "";
    const pattern = bounded ? boundedPattern(new RegExp(escapeRegExpLiteral(shape.body), `gu${flags.i ? "i" : ""}`), shape.before, shape.after) : nativePattern(regex);
    return { ok: true, regex: pattern, literal: !shape.before && !shape.after, source };
  }
  let source: string;
  try {
    source = translatePattern(pattern, flags);
  } catch (e) {
    return { ok: false, error: `invalid Python regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}` };
  }
  try {
    const bits = flags.i ? RE2JS.CASE_INSENSITIVE : 0;
    return { ok: true, regex: re2Pattern(RE2JS.compile(source, bits)), literal: false, source };
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).replace(/^error parsing regexp: /, "");
    return { ok: false, error: `invalid regular expression ${JSON.stringify(pattern)}: ${why}` };
  }
}

/** Python `len(re.findall(pattern, text))`: the number of non-overlapping matches. */
export function countMatches(regex: PyPattern, text: string): number {
  return regex.offsets(text).length;
}
