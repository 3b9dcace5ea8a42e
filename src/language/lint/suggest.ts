/**
 * "Did you mean ...?" suggestions for misspelled names (rule ids, codes, inputs, built-ins).
 */

/**
 * Damerau-Levenshtein distance (unrestricted: adjacent transpositions may be combined with
 * further edits, e.g. "ca" -> "abc" is 2). Compares UTF-16 code units.
 */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const max = a.length + b.length;
  const cols = b.length + 2;
  // d[(i + 1) * cols + (j + 1)] is the distance between a[0..i) and b[0..j); row/column 0 hold `max`.
  const d = new Array<number>((a.length + 2) * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  const set = (i: number, j: number, v: number): void => {
    d[i * cols + j] = v;
  };
  set(0, 0, max);
  for (let i = 0; i <= a.length; i++) {
    set(i + 1, 0, max);
    set(i + 1, 1, i);
  }
  for (let j = 0; j <= b.length; j++) {
    set(0, j + 1, max);
    set(1, j + 1, j);
  }
  const lastRow = new Map<string, number>(); // last row (1-based) where a character of `a` was seen
  for (let i = 1; i <= a.length; i++) {
    const ca = a[i - 1] as string;
    let lastMatchCol = 0;
    for (let j = 1; j <= b.length; j++) {
      const cb = b[j - 1] as string;
      const i1 = lastRow.get(cb) ?? 0;
      const j1 = lastMatchCol;
      const cost = ca === cb ? 0 : 1;
      if (cost === 0) lastMatchCol = j;
      set(
        i + 1,
        j + 1,
        Math.min(
          at(i, j) + cost, // substitution or match
          at(i + 1, j) + 1, // insertion
          at(i, j + 1) + 1, // deletion
          at(i1, j1) + (i - i1 - 1) + 1 + (j - j1 - 1), // transposition
        ),
      );
    }
    lastRow.set(ca, i);
  }
  return at(a.length + 1, b.length + 1);
}

export interface DidYouMeanOptions {
  /** Largest distance still suggested. Default: max(1, floor(name.length / 3)), at most 3. */
  readonly maxDistance?: number;
  /** Compare case-insensitively (default true): "hir2002" suggests "HIR2002". */
  readonly ignoreCase?: boolean;
}

/**
 * The candidate closest to `name`, or undefined when none is close enough. Ties go to the
 * candidate that comes first in `candidates`, so results are deterministic. An exact match
 * (ignoring case) is returned as is.
 */
export function didYouMean(name: string, candidates: Iterable<string>, options: DidYouMeanOptions = {}): string | undefined {
  const ignoreCase = options.ignoreCase ?? true;
  const norm = (s: string): string => (ignoreCase ? s.toLowerCase() : s);
  const target = norm(name);
  const limit = options.maxDistance ?? Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = damerauLevenshtein(target, norm(c));
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
      if (dist === 0) break;
    }
  }
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

/** " Did you mean `x`?" (with the leading space) or "" when there is no suggestion. */
export function didYouMeanSuffix(name: string, candidates: Iterable<string>, options?: DidYouMeanOptions): string {
  const s = didYouMean(name, candidates, options);
  return s === undefined ? "" : ` Did you mean \`${s}\`?`;
}
