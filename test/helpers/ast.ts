/**
 * AST helpers for tests: compare trees structurally, ignoring where things are.
 */
import type { SourceFile } from "../../src/language/ast.js";

/** Position-only keys: `range` on every node, `roleRange` on constraints. */
const RANGE_KEYS = new Set(["range", "roleRange"]);

/**
 * A deep copy of `value` without source positions (and without keys whose value is
 * undefined), so two parses of differently laid out text compare equal with `toEqual`.
 */
export function stripRanges<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => stripRanges(v)) as unknown as T;
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (RANGE_KEYS.has(k) || v === undefined) continue;
    out[k] = stripRanges(v);
  }
  return out as T;
}

/** The declarations of a file without positions: what a format round trip must keep. */
export function shape(file: SourceFile): unknown {
  return stripRanges(file.declarations);
}

/** The text of every comment (trailing whitespace ignored), sorted: a multiset to compare. */
export function commentTexts(file: SourceFile): string[] {
  return file.comments.map((c) => c.text.trimEnd()).sort();
}
