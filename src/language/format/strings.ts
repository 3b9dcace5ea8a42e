/**
 * Canonical spelling of string literals.
 *
 * The formatter never reuses the source spelling of a string: it re-escapes the
 * decoded value, so `"a\u{41}"` and `"aA"` print the same. The printed literal
 * always decodes (src/language/strings.ts) back to exactly the same value and the
 * same interpolation parts:
 *
 * - `\` and `"` are escaped (in `"""` strings only runs of three or more quotes);
 * - control characters, U+2028/U+2029, U+FEFF and lone surrogates become `\u{..}`
 *   (`\n`, `\t`, `\r` use their short forms; `"""` strings keep line breaks and tabs);
 * - a literal `{` that would otherwise start `{{` is written `\{`, so text that was
 *   escaped in the source never turns into an interpolation;
 * - in `"""` strings, whitespace that the dedent rule would eat is escaped: the last
 *   space/tab of a line (so whitespace-only lines survive and no line ends in
 *   whitespace), and, when every line would start with whitespace, the first one.
 */
import type { StringLiteral, StringPart } from "../ast.js";

/** One decoded character and how it is printed. */
interface Piece {
  readonly ch: string;
  text: string;
  /** True when printed as a raw space or tab (the dedent rule counts those). */
  rawWs: boolean;
}

/** Characters always written as `\u{..}`. */
function needsUnicodeEscape(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || code === 0xfeff;
}

function unicodeEscape(code: number): string {
  return `\\u{${code.toString(16)}}`;
}

/**
 * Which characters of `value` belong to a text part (true) or to an interpolation
 * (false). Returns undefined when `parts` does not describe `value` (a hand-built AST),
 * in which case the whole value is treated as text.
 */
function textMask(value: string, parts: readonly StringPart[]): boolean[] | undefined {
  const mask: boolean[] = [];
  let pos = 0;
  for (const part of parts) {
    if (part.kind === "text") {
      if (!value.startsWith(part.value, pos)) return undefined;
      for (let i = 0; i < part.value.length; i++) mask.push(true);
      pos += part.value.length;
    } else {
      if (!value.startsWith("{{", pos)) return undefined;
      const close = value.indexOf("}}", pos + 2);
      if (close < 0 || value.slice(pos + 2, close).trim() !== part.name) return undefined;
      for (let i = pos; i < close + 2; i++) mask.push(false);
      pos = close + 2;
    }
  }
  return pos === value.length ? mask : undefined;
}

function pieces(value: string, parts: readonly StringPart[], triple: boolean): Piece[] {
  const mask = textMask(value, parts) ?? Array.from({ length: value.length }, () => true);
  const out: Piece[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    const code = ch.charCodeAt(0);
    let text: string;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length && /[\udc00-\udfff]/.test(value[i + 1] as string)) {
      // A surrogate pair: print the character as is.
      out.push({ ch: ch + value[i + 1], text: ch + value[i + 1], rawWs: false });
      i++;
      continue;
    }
    if (ch === "\\") text = "\\\\";
    else if (ch === '"') text = triple ? '"' : '\\"'; // runs in triple strings are handled per line
    else if (ch === "\n") text = triple ? "\n" : "\\n";
    else if (ch === "\t") text = triple ? "\t" : "\\t";
    else if (ch === "\r") text = "\\r";
    else if (code >= 0xd800 && code <= 0xdfff) text = unicodeEscape(code); // lone surrogate
    else if (needsUnicodeEscape(code)) text = unicodeEscape(code);
    else if (ch === "{" && mask[i] === true && value[i + 1] === "{") text = "\\{";
    else text = ch;
    out.push({ ch, text, rawWs: text === " " || text === "\t" });
  }
  return out;
}

function escapeWs(p: Piece): void {
  p.text = p.ch === "\t" ? "\\t" : unicodeEscape(p.ch.charCodeAt(0));
  p.rawWs = false;
}

/**
 * Characters that print as something other than themselves in a `"..."` string (see the
 * rules above; `{` only when it starts `{{`, surrogates only when lone). A value without
 * any prints as is, which keeps huge plain strings linear and allocation-free.
 */
const SPECIAL_IN_SINGLE = /[\\"{\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ud800-\udfff]/;

/** The `"..."` spelling of a value. */
export function printSingleString(value: string, parts: readonly StringPart[]): string {
  if (!SPECIAL_IN_SINGLE.test(value)) return `"${value}"`;
  return `"${pieces(value, parts, false).map((p) => p.text).join("")}"`;
}

/**
 * The content lines of a `"""` string (without indentation, without the quotes).
 * Printing each non-empty line after the same indentation, between a line holding
 * the opening quotes and a line holding the closing quotes, decodes to `value`.
 */
export function printTripleStringLines(value: string, parts: readonly StringPart[]): string[] {
  if (value === "") return [];
  const all = pieces(value, parts, true);
  const lines: Piece[][] = [[]];
  for (const p of all) {
    if (p.ch === "\n") lines.push([]);
    else (lines[lines.length - 1] as Piece[]).push(p);
  }
  for (const line of lines) {
    // No raw `"""` inside the literal: escape every quote of a run of three or more.
    for (let i = 0; i < line.length; ) {
      if (line[i]?.ch !== '"') {
        i++;
        continue;
      }
      let j = i;
      while (j < line.length && line[j]?.ch === '"') j++;
      if (j - i >= 3) for (let k = i; k < j; k++) (line[k] as Piece).text = '\\"';
      i = j;
    }
    // Trailing whitespace would be invisible (and editors strip it): escape the last one.
    const last = line[line.length - 1];
    if (last?.rawWs) escapeWs(last);
  }
  // The dedent rule removes the indentation common to all non-blank lines. Make sure at
  // least one line has no leading raw whitespace, so exactly our indentation is removed.
  const lead = (l: Piece[]) => {
    let n = 0;
    while (n < l.length && l[n]?.rawWs) n++;
    return n;
  };
  const nonEmpty = lines.filter((l) => l.length > 0);
  if (nonEmpty.length > 0 && nonEmpty.every((l) => lead(l) > 0)) {
    const min = Math.min(...nonEmpty.map(lead));
    const first = nonEmpty.find((l) => lead(l) === min) as Piece[];
    escapeWs(first[0] as Piece);
  }
  return lines.map((l) => l.map((p) => p.text).join(""));
}

/** The canonical source text of a string literal whose content starts at column `indent` (triple strings). */
export function printStringSource(node: Pick<StringLiteral, "value" | "parts" | "triple">, indent = 0): string {
  if (!node.triple) return printSingleString(node.value, node.parts);
  const pad = " ".repeat(indent + 2);
  const body = printTripleStringLines(node.value, node.parts).map((l) => (l === "" ? "" : pad + l));
  return ['"""', ...body, " ".repeat(indent) + '"""'].join("\n");
}
