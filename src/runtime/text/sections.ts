/**
 * IFEval section counting (`detectable_format:multiple_sections`): the
 * response is split with `re.split(r"\s?" + splitter + r"\s?\d+\s?", text)` and
 * the number of sections is the number of pieces minus one, i.e. the number of
 * splitter matches. The splitter is case-sensitive, is used as a regular
 * expression, and must be followed by digits: "Section One" does not count.
 */
import { compilePythonRegex, isLiteralPattern, type PyPattern } from "./python-regex.js";

export type SectionCount = { ok: true; count: number; offsets: number[] } | { ok: false; error: string };

/** Count section markers for the given splitter (e.g. "Section", "SECTION", "Day"). */
export function countIfevalSections(text: string, splitter: string): SectionCount {
  const compiled = compilePythonRegex(`\\s?${splitter}\\s?\\d+\\s?`);
  if (!compiled.ok) return { ok: false, error: compiled.error };
  const offsets = splitter !== "" && isLiteralPattern(splitter) ? offsetsNear(compiled.regex, text, splitter) : compiled.regex.offsets(text);
  return { ok: true, count: offsets.length, offsets: offsets.slice(0, 1000) };
}

/**
 * `regex.offsets(text)` for the splitter pattern with a literal splitter: every
 * match holds the splitter at its start or one whitespace character after it,
 * so no match starts before one code unit ahead of the splitter's next
 * occurrence; the engine runs from there (found natively) instead of over the
 * whole text. Matches are never empty (the splitter and a digit), so each search
 * continues where the previous match ended, as `finditer` does.
 */
function offsetsNear(regex: PyPattern, text: string, splitter: string): number[] {
  const out: number[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(splitter, from);
    if (at < 0) break;
    // One code unit back, unless that is the second half of a surrogate pair (never whitespace).
    const low = at - 1 >= from && !isLowSurrogate(text.charCodeAt(at - 1));
    const m = regex.searchFrom(text, low ? at - 1 : Math.max(from, at));
    if (!m) break;
    out.push(m.index);
    from = m.index + m.text.length;
  }
  return out;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
