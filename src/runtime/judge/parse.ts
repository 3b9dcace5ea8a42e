/**
 * Reading a judge's reply. The protocol asks for YES or NO as the first word and
 * one short sentence of reason; replies are parsed conservatively, and anything
 * that is not a clear answer is `unknown` (which never counts as a pass).
 *
 * 1. Reasoning models may prefix `<think>...</think>`; only the text after the
 *    last `</think>` is read. An unclosed `<think>` (truncated output) is unknown.
 * 2. First word: the first run of letters, after leading whitespace, markdown
 *    and punctuation (`**NO**`, `"Yes."`, `- YES`), compared case-insensitively.
 *    `yes` or `no` decides, unless the verdict sentence contradicts itself: the
 *    opposite verdict as a bare upper-case token before the first sentence end
 *    (`YES and NO`, `YES, but NO title`), or joined to the first word by
 *    and/or/slash in any case (`Yes and no`, `yes/no`). That is unknown. Words
 *    after the first sentence are the reason and are not read for a verdict
 *    (`YES. It uses NO bullets.` is yes).
 * 3. Otherwise, a bare upper-case `YES` or `NO` token anywhere decides, provided
 *    only one of the two appears (`Answer: NO.` is no; `I think yes` is unknown,
 *    because lower-case yes/no inside prose is too often not a verdict).
 * 4. Otherwise unknown, with reason `unparseable judge answer: "..."`.
 */
import type { JudgeAnswer } from "../judge-interface.js";

const MAX_REASON_CHARS = 300;
const MAX_QUOTED_CHARS = 120;

/** Leading characters skipped before the first word: anything that is not a letter or digit. */
const FIRST_WORD = /^[^\p{L}\p{N}]*(\p{L}+)/u;
/** A bare upper-case verdict token: not part of a longer word. */
const YES_TOKEN = /(?<![\p{L}\p{N}_])YES(?![\p{L}\p{N}_])/u;
const NO_TOKEN = /(?<![\p{L}\p{N}_])NO(?![\p{L}\p{N}_])/u;
/** The end of the verdict sentence. */
const SENTENCE_END = /[.!?;:\n]/;
/** "yes and no", "no or yes", "yes/no", "yes & no" right after the first word. */
const HEDGE_AFTER_YES = /^\s*(?:and|or|\/|&)\s*no(?![\p{L}\p{N}_])/iu;
const HEDGE_AFTER_NO = /^\s*(?:and|or|\/|&)\s*yes(?![\p{L}\p{N}_])/iu;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function unparseable(raw: string): JudgeAnswer {
  return { verdict: "unknown", reason: `unparseable judge answer: ${JSON.stringify(clip(raw, MAX_QUOTED_CHARS))}` };
}

function contradictory(text: string): JudgeAnswer {
  return { verdict: "unknown", reason: `contradictory judge answer (both YES and NO): ${JSON.stringify(clip(text, MAX_QUOTED_CHARS))}` };
}

/** Strips a leading reasoning section. Returns undefined when reasoning never ended. */
function stripReasoning(text: string): string | undefined {
  const close = text.toLowerCase().lastIndexOf("</think>");
  if (close >= 0) return text.slice(close + "</think>".length);
  if (/<think>/i.test(text)) return undefined;
  return text;
}

/** The reason: the reply after the verdict word, without leading punctuation. */
function reasonAfter(text: string, endOfVerdict: number): string | undefined {
  const rest = clip(text.slice(endOfVerdict).replace(/^[^\p{L}\p{N}]+/u, ""), MAX_REASON_CHARS);
  return rest.length > 0 ? rest : undefined;
}

function answer(verdict: "yes" | "no", reason: string | undefined): JudgeAnswer {
  return reason === undefined ? { verdict } : { verdict, reason };
}

/** Parses a judge reply into a verdict. Never throws. */
export function parseJudgeAnswer(raw: string): JudgeAnswer {
  const text = stripReasoning(raw);
  if (text === undefined) return { verdict: "unknown", reason: `judge reply ended inside <think> reasoning: ${JSON.stringify(clip(raw, MAX_QUOTED_CHARS))}` };
  const first = FIRST_WORD.exec(text);
  const word = first?.[1]?.toLowerCase();
  if (first && (word === "yes" || word === "no")) {
    const after = text.slice(first[0].length);
    const stop = after.search(SENTENCE_END);
    const head = stop < 0 ? after : after.slice(0, stop);
    const contradicted = word === "yes" ? NO_TOKEN.test(head) || HEDGE_AFTER_YES.test(after) : YES_TOKEN.test(head) || HEDGE_AFTER_NO.test(after);
    if (contradicted) return contradictory(text);
    return answer(word, reasonAfter(text, first[0].length));
  }

  const hasYes = YES_TOKEN.test(text);
  const hasNo = NO_TOKEN.test(text);

  if (hasYes !== hasNo) {
    const verdict = hasYes ? "yes" : "no";
    return answer(verdict, clip(text, MAX_REASON_CHARS) || undefined);
  }
  if (hasYes && hasNo) return contradictory(text);
  return unparseable(text.trim().length > 0 ? text : raw);
}
