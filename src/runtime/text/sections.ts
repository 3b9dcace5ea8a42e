/**
 * IFEval section counting (`detectable_format:multiple_sections`): the
 * response is split with `re.split(r"\s?" + splitter + r"\s?\d+\s?", text)` and
 * the number of sections is the number of pieces minus one, i.e. the number of
 * splitter matches. The splitter is case-sensitive, is used as a regular
 * expression, and must be followed by digits: "Section One" does not count.
 */
import { compilePythonRegex } from "./python-regex.js";

export type SectionCount = { ok: true; count: number; offsets: number[] } | { ok: false; error: string };

/** Count section markers for the given splitter (e.g. "Section", "SECTION", "Day"). */
export function countIfevalSections(text: string, splitter: string): SectionCount {
  const compiled = compilePythonRegex(`\\s?${splitter}\\s?\\d+\\s?`);
  if (!compiled.ok) return { ok: false, error: compiled.error };
  const offsets = compiled.regex.offsets(text);
  return { ok: true, count: offsets.length, offsets: offsets.slice(0, 1000) };
}
