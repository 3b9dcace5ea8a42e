/**
 * IFEval highlight counting (`detectable_format:number_highlighted_sections`).
 *
 * The reference adds two counts:
 * - matches of `\*[^\n\*]*\*` (a `*...*` span on one line with no inner `*`)
 *   whose text, with `*` stripped from both ends and then whitespace, is not
 *   empty;
 * - matches of `\*\*[^\n\*]*\*\*` (`**...**`) whose inner text is not blank.
 * Bold `**x**` therefore counts once: the single-star scan sees `**` and `**`
 * as two empty spans and only the double-star scan counts it.
 */
import { pyStrip, pyStripChars, pyRemovePrefix, pyRemoveSuffix } from "./python-chars.js";

export interface HighlightSpan {
  kind: "single" | "double";
  start: number;
  end: number;
  text: string;
}

const SINGLE = /\*[^\n*]*\*/g;
const DOUBLE = /\*\*[^\n*]*\*\*/g;

/** Highlight spans that count, in text order. */
export function findIfevalHighlights(text: string): HighlightSpan[] {
  const out: HighlightSpan[] = [];
  SINGLE.lastIndex = 0;
  for (const m of text.matchAll(SINGLE)) {
    if (pyStrip(pyStripChars(m[0], "*")) !== "") out.push({ kind: "single", start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  DOUBLE.lastIndex = 0;
  for (const m of text.matchAll(DOUBLE)) {
    if (pyStrip(pyRemoveSuffix(pyRemovePrefix(m[0], "**"), "**")) !== "")
      out.push({ kind: "double", start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Number of highlights the reference counts. */
export function countIfevalHighlights(text: string): number {
  return findIfevalHighlights(text).length;
}
