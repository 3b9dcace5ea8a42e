/**
 * The one JSONL reader, used by every dataset reader (IFEval, IFBench, open-instruct,
 * HIR-16K, responses and result files). It never aborts: bytes are decoded by the one
 * text decoder (./text.ts) line by line, so a byte-order mark is stripped and invalid
 * UTF-8 is replaced and reported with its line; a line that is not JSON is reported
 * by its 1-based number and skipped, and the other lines are kept.
 */
import { readFileSync } from "node:fs";
import { decodeLines, stripBom } from "./text.js";

export interface JsonlIssue {
  line: number;
  message: string;
}

export interface JsonlRow {
  line: number;
  value: unknown;
}

export interface JsonlParseResult {
  rows: JsonlRow[];
  /** Lines that could not be used (not JSON, wrong shape). */
  errors: JsonlIssue[];
  /** Lines that were used with a caveat (e.g. invalid UTF-8 replaced by U+FFFD). */
  warnings: JsonlIssue[];
}

function parseLine(text: string, line: number, out: JsonlParseResult): void {
  const t = text.endsWith("\r") ? text.slice(0, -1) : text;
  if (t.trim() === "") return;
  try {
    out.rows.push({ line, value: JSON.parse(t) });
  } catch (e) {
    const preview = t.length > 60 ? t.slice(0, 59) + "…" : t;
    out.errors.push({ line, message: `malformed JSON (${(e as Error).message}): ${JSON.stringify(preview)}` });
  }
}

/** Parse JSONL text or bytes. Bytes are decoded line by line so invalid UTF-8 is located precisely. */
export function parseJsonl(input: string | Uint8Array): JsonlParseResult {
  const out: JsonlParseResult = { rows: [], errors: [], warnings: [] };
  if (typeof input === "string") {
    const text = stripBom(input);
    text.split("\n").forEach((l, i) => parseLine(l, i + 1, out));
    return out;
  }
  const decoded = decodeLines(input);
  out.warnings.push(...decoded.warnings);
  decoded.lines.forEach((text, i) => parseLine(text, i + 1, out));
  return out;
}

/** Read and parse a JSONL file; an unreadable file is reported as an error on line 0. */
export function readJsonlFile(path: string): JsonlParseResult {
  try {
    return parseJsonl(readFileSync(path));
  } catch (e) {
    return { rows: [], errors: [{ line: 0, message: `cannot read ${path}: ${(e as Error).message}` }], warnings: [] };
  }
}
