/**
 * IFEval placeholder counting (`detectable_content:number_placeholders`):
 * matches of `\[.*?\]`, the shortest `[...]` span on one line. Markdown links
 * `[text](url)` and empty `[]` count too. Linear-time scanner equivalent to the
 * regex (a lazy regex is quadratic on long lines full of `[`).
 */
export interface PlaceholderSpan {
  start: number;
  end: number;
  text: string;
}

/** Placeholder spans in text order. */
export function findIfevalPlaceholders(text: string): PlaceholderSpan[] {
  const out: PlaceholderSpan[] = [];
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    const open = text.indexOf("[", pos);
    if (open < 0) break;
    let k = open + 1;
    while (k < n) {
      const c = text.charCodeAt(k);
      if (c === 93 /* ] */ || c === 10 /* \n */) break;
      k++;
    }
    if (k < n && text.charCodeAt(k) === 93) {
      out.push({ start: open, end: k + 1, text: text.slice(open, k + 1) });
      pos = k + 1;
    } else {
      // No `]` before the end of this line: no `[` on it can match.
      pos = k + 1;
    }
  }
  return out;
}

/** Number of placeholders the reference counts. */
export function countIfevalPlaceholders(text: string): number {
  return findIfevalPlaceholders(text).length;
}
