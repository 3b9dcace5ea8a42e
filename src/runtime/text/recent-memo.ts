/**
 * Remembers a pure function's results for the last few distinct texts. One
 * IFEval row runs several checks over the same response (strict) and over the
 * same handful of loose variants, so the checks of a row share the costly
 * per-text work (language detection) without any plumbing, and memory stays
 * bounded by `capacity` texts. Only for pure functions whose results callers do
 * not mutate: the result is frozen (shallowly) so a mutation would throw.
 */
export function recentMemo<T extends object>(fn: (text: string) => T, capacity: number): (text: string) => T {
  const keys: string[] = [];
  const values: T[] = [];
  let next = 0;
  return (text: string): T => {
    const at = keys.indexOf(text);
    if (at >= 0) return values[at]!;
    const value = Object.freeze(fn(text));
    if (keys.length < capacity) {
      keys.push(text);
      values.push(value);
    } else {
      keys[next] = text;
      values[next] = value;
      next = (next + 1) % capacity;
    }
    return value;
  };
}
