/**
 * IFEval bullet counting (`detectable_format:number_bullet_lists`).
 *
 * The reference counts the matches of two multiline patterns:
 * `^\s*\*[^\*].*$` (a single `*` after optional indentation) and `^\s*-.*$`
 * (any line starting with `-`, so `---` rules count too). Because `\s` also
 * matches newlines, leading blank lines are absorbed into a match, and because
 * `[^\*]` matches a newline, a lone `*` line swallows the following line.
 *
 * This is a linear-time scanner with identical results (the regexes themselves
 * are quadratic on long runs of blank lines).
 */
import { isPySpaceCode } from "./python-chars.js";

export interface BulletMatch {
  kind: "star" | "dash";
  /** UTF-16 offset of the `*` or `-`. */
  markerOffset: number;
  /** Matched span [start, end). */
  start: number;
  end: number;
}

const STAR = 42;
const DASH = 45;
const NL = 10;

function scan(text: string, marker: number): BulletMatch[] {
  const out: BulletMatch[] = [];
  const n = text.length;
  let pos = 0;
  while (pos <= n) {
    // Next line start at or after pos.
    let s = pos;
    if (s > 0 && text.charCodeAt(s - 1) !== NL) {
      const nl = text.indexOf("\n", s);
      if (nl < 0) break;
      s = nl + 1;
    }
    if (s > n) break;
    let j = s;
    while (j < n && isPySpaceCode(text.charCodeAt(j))) j++;
    let ok = j < n && text.charCodeAt(j) === marker;
    if (ok && marker === STAR) ok = j + 1 < n && text.charCodeAt(j + 1) !== STAR;
    if (!ok) {
      // Every line start inside the whitespace run reaches the same j and fails too.
      if (j >= n) break;
      const nl = text.indexOf("\n", j);
      if (nl < 0) break;
      pos = nl + 1;
      continue;
    }
    const restStart = marker === STAR ? j + 2 : j + 1;
    let e = restStart > n ? n : text.indexOf("\n", restStart);
    if (e < 0) e = n;
    out.push({ kind: marker === STAR ? "star" : "dash", markerOffset: j, start: s, end: e });
    pos = e;
    if (pos === s) pos++;
  }
  return out;
}

/** All bullet matches the reference counts, in text order. */
export function findIfevalBullets(text: string): BulletMatch[] {
  const all = scan(text, STAR).concat(scan(text, DASH));
  return all.sort((a, b) => a.markerOffset - b.markerOffset);
}

/** Number of bullets the reference counts. */
export function countIfevalBullets(text: string): number {
  return scan(text, STAR).length + scan(text, DASH).length;
}
