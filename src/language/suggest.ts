/**
 * "Did you mean" suggestions by optimal string alignment distance (Damerau-Levenshtein
 * with adjacent transpositions), case-insensitive.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows = s.length + 1;
  const cols = t.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min((d[(i - 1) * cols + j] as number) + 1, (d[i * cols + j - 1] as number) + 1, (d[(i - 1) * cols + j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, (d[(i - 2) * cols + j - 2] as number) + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1] as number;
}

/** The closest candidate within a distance that scales with the name's length, or undefined. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > 64) return undefined;
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    if (c === name || Math.abs(c.length - name.length) > limit) continue;
    const dist = editDistance(name, c);
    if (dist <= limit && (dist < bestDist || (dist === bestDist && best !== undefined && c < best))) {
      best = c;
      bestDist = dist;
    }
  }
  return best;
}
