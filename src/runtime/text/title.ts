/**
 * IFEval title detection (`detectable_format:title`): matches of `<<[^\n]+>>`
 * (greedy, so the match runs to the *last* `>>` on the line) whose text with
 * `<` stripped on the left, `>` on the right and then whitespace is not empty.
 * Linear-time scanner equivalent to the regex.
 */
import { pyStrip, pyStripChars } from "./python-chars.js";

export interface TitleMatch {
  start: number;
  end: number;
  text: string;
  /** Title text as the reference judges it (angle brackets and whitespace stripped). */
  title: string;
}

/** All `<<...>>` matches, in order. */
export function findIfevalTitles(text: string): TitleMatch[] {
  const out: TitleMatch[] = [];
  const n = text.length;
  let pos = 0;
  while (pos < n) {
    const open = text.indexOf("<<", pos);
    if (open < 0) break;
    let lineEnd = text.indexOf("\n", open);
    if (lineEnd < 0) lineEnd = n;
    // Greedy `[^\n]+>>`: the last `>>` on the line that leaves at least one character inside.
    let close = -1;
    for (let k = lineEnd - 2; k >= open + 3; k--) {
      if (text.charCodeAt(k) === 62 && text.charCodeAt(k + 1) === 62) {
        close = k;
        break;
      }
    }
    if (close < 0) {
      // No later `<<` on this line can match either.
      pos = lineEnd + 1;
      continue;
    }
    const raw = text.slice(open, close + 2);
    out.push({ start: open, end: close + 2, text: raw, title: pyStrip(pyStripChars(pyStripChars(raw, "<", "left"), ">", "right")) });
    pos = close + 2;
  }
  return out;
}

/** True when the response has a title the reference accepts. */
export function hasIfevalTitle(text: string): boolean {
  return findIfevalTitles(text).some((t) => t.title !== "");
}
