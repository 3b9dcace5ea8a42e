/**
 * Injection-proof text for generated TypeScript: string literals, JSON-like values,
 * comment text and identifiers.
 *
 * Every user string (prompts, clauses, rubrics, keywords, regex sources, docs, file
 * paths) reaches generated code only through these functions:
 * - `tsString` writes a double-quoted literal. Printable ASCII and a fixed list of
 *   printable Unicode ranges are written as is; everything else (controls, line and
 *   paragraph separators, bidi and other format characters, lone surrogates...) is a
 *   `\uXXXX` escape. The list is fixed code point ranges, not Unicode properties, so
 *   the output does not depend on the Unicode version of the Node.js that generated it.
 *   Generated code never uses template literals, so backticks and `${` are inert.
 * - `commentText` makes text safe inside a block or line comment (`*​/` is broken up,
 *   line terminators and invisible characters become visible `\u{...}` text).
 * - `tsValue` prints plain data (the IR) as an object literal; `__proto__` keys are
 *   written as computed keys so they stay own properties.
 */

import { TextBuilder } from "./text-builder.js";

/** Code point ranges written literally in addition to printable ASCII (inclusive). Sorted; fixed forever. */
const LITERAL_RANGES: readonly (readonly [number, number])[] = [
  [0x00a1, 0x00ac], // Latin-1 punctuation and symbols (0xad, soft hyphen, is escaped)
  [0x00ae, 0x02ff], // Latin-1 letters, Latin Extended, IPA, spacing modifiers
  [0x0370, 0x0377], [0x037a, 0x037f], [0x0384, 0x038a], [0x038c, 0x038c], [0x038e, 0x03a1], [0x03a3, 0x052f], // Greek, Cyrillic
  [0x0531, 0x0556], [0x0561, 0x0587], // Armenian
  [0x05d0, 0x05ea], // Hebrew letters
  [0x0621, 0x064a], [0x0660, 0x0669], // Arabic letters and digits
  [0x0905, 0x0939], [0x0966, 0x096f], // Devanagari letters and digits
  [0x0e01, 0x0e30], // Thai letters
  [0x1e00, 0x1fff], // Latin Extended Additional, Greek Extended
  [0x2010, 0x2027], // dashes, quotes, bullets, ellipsis
  [0x2030, 0x205e], // per mille, primes, punctuation
  [0x20a0, 0x20bf], // currency signs
  [0x2100, 0x214f], [0x2190, 0x23ff], [0x2460, 0x27bf], [0x2900, 0x2bff], // letterlike, arrows, math, boxes, dingbats
  [0x3001, 0x303f], [0x3041, 0x3096], [0x30a1, 0x30fa], // CJK punctuation, Hiragana, Katakana
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xac00, 0xd7a3], // Hangul syllables
  [0xff01, 0xff5e], // full-width ASCII
  [0x1f300, 0x1f5ff], [0x1f600, 0x1f64f], [0x1f680, 0x1f6ff], [0x1f900, 0x1f9ff], // emoji
];

function isLiteralCodePoint(cp: number): boolean {
  if (cp >= 0x20 && cp <= 0x7e) return true;
  let lo = 0;
  let hi = LITERAL_RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = LITERAL_RANGES[mid] as readonly [number, number];
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = { 0x08: "\\b", 0x09: "\\t", 0x0a: "\\n", 0x0b: "\\v", 0x0c: "\\f", 0x0d: "\\r", 0x22: '\\"', 0x5c: "\\\\" };

function hex4(unit: number): string {
  return `\\u${unit.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Printable ASCII but `"` and `\\`: written as is (the common case, tested natively). */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** A double-quoted TypeScript string literal whose value is exactly `s` (lone surrogates included). */
export function tsString(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    const short = SHORT_ESCAPES[unit];
    if (short !== undefined) {
      out += short;
      continue;
    }
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        const cp = ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        out += isLiteralCodePoint(cp) ? s.slice(i, i + 2) : hex4(unit) + hex4(low);
        i++;
        continue;
      }
    }
    out += isLiteralCodePoint(unit) && !(unit >= 0xd800 && unit <= 0xdfff) ? s[i] : hex4(unit);
  }
  return `${out}"`;
}

/** Text safe inside a comment: no comment terminator, no line terminator, no invisible or unpaired characters. */
export function commentText(s: string, opts: { multiline?: boolean } = {}): string {
  // Printable ASCII (the common case) is written as is: skip the per-character walk.
  const out = PRINTABLE_ASCII.test(s) ? s : commentCharacters(s, opts.multiline === true);
  // Break up comment terminators and JSDoc-breaking sequences; `@` could start a tag.
  let safe = out;
  if (safe.includes("*/")) safe = safe.replace(/\*\//g, "*\\/");
  if (safe.includes("@")) safe = safe.replace(/(^|\s)@/g, "$1\\@");
  return safe;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** `s` with line terminators (but `\n` when `multiline`) and characters not written literally as visible `\u{...}` text. */
function commentCharacters(s: string, multiline: boolean): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (multiline && ch === "\n") out += "\n";
    else if (isLiteralCodePoint(cp) && !(cp >= 0xd800 && cp <= 0xdfff)) out += ch;
    else out += `\\u{${cp.toString(16).toUpperCase()}}`;
  }
  return out;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object literal key: bare when it is an identifier, quoted otherwise; `__proto__` is computed so it stays an own property. */
export function tsKey(key: string): string {
  if (key === "__proto__") return `[${tsString(key)}]`;
  return IDENT.test(key) ? key : tsString(key);
}

/** A property name in a type literal (no computed keys there; `__proto__` is fine quoted). */
export function tsTypeKey(key: string): string {
  return IDENT.test(key) && key !== "__proto__" ? key : tsString(key);
}

export function tsNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cannot write ${n} as a TypeScript literal`);
  if (Object.is(n, -0)) return "-0";
  return String(n);
}

/** Plain JSON-like data as a TypeScript expression (objects keep their key order; `undefined` members are omitted). */
export function tsValue(v: unknown): string {
  switch (typeof v) {
    case "string": return tsString(v);
    case "number": return tsNumber(v);
    case "boolean": return v ? "true" : "false";
    default: {
      const out = new TextBuilder();
      writeValue(v, out);
      return out.text();
    }
  }
}

/**
 * What is written before a member's value, as the first member (`{ key: `) and as a later
 * one (`, key: `): an IR has a few dozen distinct keys and hundreds of thousands of members.
 */
const memberPrefixes = new Map<string, readonly [string, string]>();

function memberPrefix(k: string, first: boolean): string {
  let w = memberPrefixes.get(k);
  if (w === undefined) {
    const key = tsKey(k);
    w = [`{ ${key}: `, `, ${key}: `];
    if (memberPrefixes.size < 10_000) memberPrefixes.set(k, w);
  }
  return first ? w[0] : w[1];
}

/** `tsValue` into `out` piece by piece (a multi-megabyte IR is not rebuilt at every level of nesting). */
function writeValue(v: unknown, out: TextBuilder): void {
  if (v === null) {
    out.add("null");
    return;
  }
  switch (typeof v) {
    case "string": out.add(tsString(v)); return;
    case "number": out.add(tsNumber(v)); return;
    case "boolean": out.add(v ? "true" : "false"); return;
    case "object": {
      if (Array.isArray(v)) {
        out.add("[");
        for (let i = 0; i < v.length; i++) {
          if (i > 0) out.add(", ");
          const x: unknown = v[i];
          if (x === undefined) out.add("null");
          else writeValue(x, out);
        }
        out.add("]");
        return;
      }
      // A map keyed by user names (the IR's drop closures) keeps its null prototype, so a
      // name such as `constructor` never reads an inherited member. Through `globalThis`
      // (a reserved binding) because a contract may be named `Object`.
      const nullProto = Object.getPrototypeOf(v) === null;
      if (nullProto) out.add("globalThis.Object.assign(globalThis.Object.create(null), ");
      const record = v as Record<string, unknown>;
      const keys = Object.keys(record);
      let first = true;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        const x = record[k];
        if (x === undefined) continue;
        out.add(memberPrefix(k, first));
        first = false;
        writeValue(x, out);
      }
      out.add(first ? "{}" : " }");
      if (nullProto) out.add(")");
      return;
    }
    default:
      throw new Error(`cannot write a ${typeof v} as a TypeScript literal`);
  }
}

// ---- identifiers ---------------------------------------------------------------------------------------------

/** Names a contract may not take as a module-level binding in strict-mode ESM TypeScript. */
const RESERVED = new Set([
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export",
  "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super",
  "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with",
  "implements", "interface", "let", "package", "private", "protected", "public", "static", "yield", "await",
  "arguments", "eval", "undefined", "NaN", "Infinity", "globalThis",
  // TypeScript type names that would make `type X = ...` declarations confusing or invalid.
  "any", "unknown", "never", "object", "string", "number", "boolean", "symbol", "bigint",
]);

/**
 * The exported binding for a contract: its name, or the name with `_` appended when
 * the name is reserved (`delete` -> `delete_`), avoiding names already taken.
 */
export function contractBinding(name: string, taken: ReadonlySet<string>): string {
  if (!RESERVED.has(name)) return name;
  let out = `${name}_`;
  while (taken.has(out) || RESERVED.has(out)) out += "_";
  return out;
}
