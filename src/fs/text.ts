/**
 * The one decoder for files read as text (contracts, response files, JSONL datasets,
 * config files). The rule, applied everywhere a file is read:
 *
 * - one leading byte-order mark (EF BB BF) is stripped: it is an encoding marker,
 *   not text, so `headings`, `first_line` and `starts_with` all see the same first line;
 * - invalid UTF-8 is decoded with U+FFFD replacement and reported (with the byte
 *   offset of the first bad sequence), never thrown.
 *
 * Strings given in memory (the verify API) are not files: built-ins see exactly the
 * string they are given (see docs/security.md).
 */
import { readFileSync } from "node:fs";

export interface DecodedText {
  readonly text: string;
  /** A leading byte-order mark was removed. */
  readonly bomStripped: boolean;
  /** Byte offset (in the file, BOM included) of the first invalid UTF-8 sequence, when there is one. */
  readonly invalidUtf8At?: number;
}

const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

export function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Decodes file bytes by the rule above. Never throws. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const bom = hasBom(bytes);
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: fatal.decode(body), bomStripped: bom };
  } catch {
    const at = firstInvalidUtf8(body);
    return { text: lenient.decode(body), bomStripped: bom, invalidUtf8At: (at < 0 ? 0 : at) + (bom ? 3 : 0) };
  }
}

/** A string that came from a file some other way (stdin, an HTTP body): strip one leading U+FEFF. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads and decodes a file. Throws the fs error when it cannot be read. */
export function readTextFile(path: string): DecodedText {
  return decodeText(readFileSync(path));
}

/** The warning for invalid UTF-8, or undefined. */
export function invalidUtf8Warning(name: string, decoded: DecodedText): string | undefined {
  return decoded.invalidUtf8At === undefined ? undefined : `${name}: invalid UTF-8 at byte ${decoded.invalidUtf8At}; undecodable bytes were replaced by U+FFFD`;
}

export interface LineWarning {
  /** 1-based line number. */
  readonly line: number;
  readonly message: string;
}

/**
 * Decodes a line-oriented file (JSONL) by the same rule, line by line, so invalid
 * UTF-8 is reported with its line and byte offset and the other lines are unaffected.
 */
export function decodeLines(input: Uint8Array): { lines: string[]; warnings: LineWarning[] } {
  const lines: string[] = [];
  const warnings: LineWarning[] = [];
  let start = hasBom(input) ? 3 : 0;
  for (let line = 1; ; line++) {
    let end = input.indexOf(0x0a, start);
    if (end < 0) end = input.length;
    const bytes = input.subarray(start, end);
    try {
      lines.push(fatal.decode(bytes));
    } catch {
      lines.push(lenient.decode(bytes));
      const at = start + Math.max(0, firstInvalidUtf8(bytes));
      warnings.push({ line, message: `invalid UTF-8 at byte ${at}; undecodable bytes were replaced by U+FFFD` });
    }
    if (end >= input.length) break;
    start = end + 1;
  }
  return { lines, warnings };
}
