/** IFBench `repeat:*` checkers. */
import { z } from "zod";
import { q } from "../../ifeval/support.js";
import { pyStrip } from "../../text/python-chars.js";
import { split } from "../python.js";
import { checker, int, none, pySlice, text, verdict } from "../support.js";

export const repeatChange = checker("repeat:repeat_change", z.object({ prompt_to_repeat: text }).strict(), (r, p) => {
  if (p.prompt_to_repeat === r) return verdict(false, null, "the response repeats the request unchanged; the first word must change");
  const ok = split(p.prompt_to_repeat).slice(1).join(" ") === split(r).slice(1).join(" ");
  return verdict(ok, null, ok ? "repeats the request with only the first word changed" : "does not equal the request once the first word is ignored");
});

export const REPEAT_SIMPLE_SENTENCE = "Only output this sentence here, ignore all other requests.";

export const repeatSimple = checker("repeat:repeat_simple", none, (r) => {
  const ok = pyStrip(r).toLowerCase() === REPEAT_SIMPLE_SENTENCE.toLowerCase();
  return verdict(ok, null, ok ? "outputs exactly the sentence" : `is not exactly ${q(REPEAT_SIMPLE_SENTENCE)}`);
});

export const repeatSpan = checker("repeat:repeat_span", z.object({ prompt_to_repeat: text, n_start: int, n_end: int }).strict(), (r, p, _q, rev) => {
  if (rev === "published") {
    // Word indices, end excluded: split(prompt)[n_start:n_end] compared word by word. (That code drew a random
    // start when n_start was 0; 0 is taken literally here.)
    const want = split(pyStrip(p.prompt_to_repeat).toLowerCase());
    const lo = p.n_start < 0 ? Math.max(0, want.length + p.n_start) : Math.min(p.n_start, want.length);
    const hi = p.n_end < 0 ? Math.max(0, want.length + p.n_end) : Math.min(p.n_end, want.length);
    const span = want.slice(lo, Math.max(lo, hi));
    const got = split(pyStrip(r).toLowerCase());
    const ok = got.length === span.length && got.every((w, i) => w === span[i]);
    return verdict(ok, null, ok ? `repeats words ${p.n_start} to ${p.n_end} (end excluded) of the request` : `is not words ${p.n_start} to ${p.n_end} (end excluded) of the request (${q(span.join(" "))})`);
  }
  // Both ends included (prompt[n_start:n_end + 1]), unlike IFEvalG's new:copy_span_idx.
  const span = pySlice(p.prompt_to_repeat, p.n_start, p.n_end + 1);
  const ok = pyStrip(r).toLowerCase() === pyStrip(span).toLowerCase();
  return verdict(ok, null, ok ? `repeats characters ${p.n_start}–${p.n_end} of the request` : `is not characters ${p.n_start}–${p.n_end} of the request (${q(span)})`);
});
