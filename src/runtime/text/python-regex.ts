/**
 * Translate a Python `re` pattern (as IFEval uses kwargs such as keywords and
 * postscript markers *as regular expressions*) into an equivalent JavaScript
 * RegExp with the `u` flag.
 *
 * Python semantics that are preserved:
 * - `\w`, `\d`, `\s`, `\b`, `\B` are Unicode-aware (JS `\b` is ASCII-only).
 * - `.` does not match `\n` only (JS also refuses `\r`, U+2028, U+2029).
 * - `$` (without MULTILINE) matches at the end or before a final `\n`.
 * - `{` that does not start a valid repeat is a literal; `{,n}` means `{0,n}`.
 * - Escaped punctuation (`\'`, `\-`, `\#`) is a literal (JS `u` mode rejects it).
 * - `(?P<name>...)`, `(?P=name)`, `(?#comment)` and leading global flags `(?ims)`.
 *
 * Unsupported constructs (scoped inline flags, conditionals, verbose mode,
 * `\N{...}`, negated shorthands inside a character class) produce an error
 * result; callers turn that into a failed check with a readable reason.
 */
import { PY_WORD_CLASS, PY_WS_CLASS } from "./python-chars.js";

export interface PyRegexOptions {
  ignoreCase?: boolean;
  multiline?: boolean;
  dotAll?: boolean;
  /** Add the `g` flag (needed for counting / iterating matches). */
  global?: boolean;
}

export type PyRegexResult =
  | { ok: true; regex: RegExp; literal: boolean; source: string }
  | { ok: false; error: string };

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

const W = `[${PY_WORD_CLASS}]`;
const NOT_W = `[^${PY_WORD_CLASS}]`;
const WORD_BOUNDARY = `(?:(?<=${W})(?!${W})|(?<!${W})(?=${W}))`;
const NOT_WORD_BOUNDARY = `(?:(?<=${W})(?=${W})|(?<!${W})(?!${W}))`;

function hexEscape(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
}

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
        out += "(?<";
        i += 4;
        continue;
      }
      if (p.startsWith("(?P=", i)) {
        const close = p.indexOf(")", i);
        if (close < 0) throw new PyRegexError("unterminated (?P= group reference");
        out += `\\k<${p.slice(i + 4, close)}>`;
        i = close + 1;
        continue;
      }
      if (p.startsWith("(?#", i)) {
        const close = p.indexOf(")", i);
        if (close < 0) throw new PyRegexError("unterminated comment");
        i = close + 1;
        continue;
      }
      const prefixes = ["(?:", "(?=", "(?!", "(?<=", "(?<!"];
      const pre = prefixes.find((x) => p.startsWith(x, i));
      if (pre) {
        out += pre;
        i += pre.length;
        continue;
      }
      if (p.startsWith("(?", i)) throw new PyRegexError(`group construct ${p.slice(i, i + 4)} is not supported`);
      out += "(";
      i++;
      continue;
    }
    if (c === ".") {
      out += flags.s ? "[\\s\\S]" : "[^\\n]";
      i++;
      continue;
    }
    if (c === "^") {
      out += flags.m ? "(?:(?<![\\s\\S])|(?<=\\n))" : "(?<![\\s\\S])";
      i++;
      continue;
    }
    if (c === "$") {
      out += flags.m ? "(?=\\n|(?![\\s\\S]))" : "(?=\\n?(?![\\s\\S]))";
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
    out += c;
    i++;
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
      return [inClass ? PY_WORD_CLASS : W, next];
    case "s":
      return [inClass ? PY_WS_CLASS : `[${PY_WS_CLASS}]`, next];
    case "D":
    case "W":
    case "S":
      if (inClass) throw new PyRegexError(`\\${ch} inside a character class is not supported`);
      return [ch === "D" ? "\\P{Nd}" : ch === "W" ? NOT_W : `[^${PY_WS_CLASS}]`, next];
    case "b":
      return [inClass ? "\\x08" : WORD_BOUNDARY, next];
    case "B":
      if (inClass) throw new PyRegexError("bad escape \\B in class");
      return [NOT_WORD_BOUNDARY, next];
    case "A":
      if (inClass) throw new PyRegexError("bad escape \\A in class");
      return ["(?<![\\s\\S])", next];
    case "Z":
      if (inClass) throw new PyRegexError("bad escape \\Z in class");
      return ["(?![\\s\\S])", next];
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
      return ["\\x07", next];
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
    const ref = /^\d{1,2}/.exec(p.slice(i + 1, i + 3))![0];
    return [`\\${ref}`, i + 1 + ref.length];
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

const cache = new Map<string, PyRegexResult>();
const CACHE_LIMIT = 1024;

/**
 * Compile a Python `re` pattern to a JS RegExp. Never throws: invalid or
 * unsupported patterns give `{ ok: false, error }`.
 */
export function compilePythonRegex(pattern: string, options: PyRegexOptions = {}): PyRegexResult {
  const key = `${options.ignoreCase ? "i" : ""}${options.multiline ? "m" : ""}${options.dotAll ? "s" : ""}${options.global ? "g" : ""}\u0000${pattern}`;
  const hit = cache.get(key);
  if (hit) {
    if (hit.ok) hit.regex.lastIndex = 0;
    return hit;
  }
  const result = compileUncached(pattern, options);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

function compileUncached(pattern: string, options: PyRegexOptions): PyRegexResult {
  const flags: Flags = { i: !!options.ignoreCase, m: !!options.multiline, s: !!options.dotAll };
  let source: string;
  let literal = false;
  try {
    if (isLiteralPattern(pattern)) {
      source = escapeRegExpLiteral(pattern);
      literal = true;
    } else {
      source = translatePattern(pattern, flags);
    }
  } catch (e) {
    return { ok: false, error: `invalid Python regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}` };
  }
  try {
    const regex = new RegExp(source, `u${flags.i ? "i" : ""}${options.global ? "g" : ""}`);
    return { ok: true, regex, literal, source };
  } catch (e) {
    return { ok: false, error: `invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}` };
  }
}

/** Python `re.findall(pattern, text)` count: the number of non-overlapping matches. */
export function countMatches(regex: RegExp, text: string): number {
  const re = regex.global ? regex : new RegExp(regex.source, regex.flags + "g");
  re.lastIndex = 0;
  let n = 0;
  for (;;) {
    const m = re.exec(text);
    if (!m) break;
    n++;
    if (m[0].length === 0) {
      // Advance one code point past an empty match, as Python does.
      const cp = text.codePointAt(re.lastIndex);
      re.lastIndex += cp !== undefined && cp > 0xffff ? 2 : 1;
      if (re.lastIndex > text.length) break;
    }
  }
  re.lastIndex = 0;
  return n;
}
