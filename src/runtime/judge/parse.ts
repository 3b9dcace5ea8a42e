/**
 * Reading a judge's reply. The protocol asks for YES or NO as the first word and
 * one short sentence of reason. A reply is `yes` or `no` only when it parses
 * unambiguously; everything else is `unknown`, which never counts as a pass (fail
 * closed: in training a wrong `yes` keeps a failed constraint in a replay).
 *
 * 1. Reasoning models may prefix `<think>...</think>`; only the text after the
 *    last `</think>` is read. An unclosed `<think>` (truncated output) is unknown.
 * 2. A reply that is a JSON object (optionally in a ```json fence) is read by its
 *    `verdict` or `answer` field (a string, read by these rules, or a boolean);
 *    both fields disagreeing, neither present, or invalid JSON is unknown.
 * 3. The verdict word: the first word (letters, compared case-insensitively, after
 *    any markdown, punctuation or list number), or the word right after a label
 *    `answer`, `verdict`, `final answer`, `the answer is` (`Answer: NO`). Any other
 *    first word is unknown (`Nope YES`, `Certainly NOT! YES`, `I think yes`).
 * 4. The rest of the reply must not take the verdict back. It is unknown when it
 *    holds the opposite verdict
 *    - as a bare upper-case token anywhere (`YES... actually NO`, `YES\nNO`),
 *    - in any case, standing alone (followed by punctuation or the end of the reply:
 *      `Yes. No.`, `yes... actually no`) or at the start of a line (`Yes\nno, it fails`),
 *    - in any case, right after a reversal word (`actually`, `wait`, `correction`,
 *      `rather`, `instead`) or joined to the verdict by and/or/slash (`yes and no`).
 *    Lower-case use inside a sentence is the reason, not a verdict: `YES, there is
 *    no sarcasm.` is yes.
 */
import type { JudgeAnswer } from "../judge-interface.js";

const MAX_REASON_CHARS = 300;
const MAX_QUOTED_CHARS = 120;

type Verdict = "yes" | "no";

interface Word {
  readonly text: string;
  readonly lower: string;
  readonly start: number;
  readonly end: number;
}

const WORD = /[\p{L}\p{N}_]+/gu;
/** Words that label the verdict word that follows them. */
const LABEL_WORDS: ReadonlySet<string> = new Set(["the", "final", "answer", "verdict", "is"]);
const LABEL_HEADS: ReadonlySet<string> = new Set(["answer", "verdict"]);
/** Words that announce a change of mind when followed by a verdict word. */
const REVERSAL_WORDS: ReadonlySet<string> = new Set(["actually", "wait", "correction", "rather", "instead", "or", "and", "but"]);

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

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) out.push({ text: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  return out;
}

function asVerdict(word: Word | undefined): Verdict | undefined {
  return word?.lower === "yes" || word?.lower === "no" ? word.lower : undefined;
}

/** The index of the verdict word: the first word, or the word after a leading label. */
function verdictIndex(list: readonly Word[]): number | undefined {
  if (asVerdict(list[0]) !== undefined) return 0;
  // A list number before the verdict ("1. NO") is skipped like punctuation.
  let i = list[0] !== undefined && /^\d+$/.test(list[0].text) ? 1 : 0;
  if (asVerdict(list[i]) !== undefined) return i;
  let labelled = false;
  while (i < list.length && LABEL_WORDS.has(list[i]!.lower)) {
    if (LABEL_HEADS.has(list[i]!.lower)) labelled = true;
    i++;
  }
  return labelled && asVerdict(list[i]) !== undefined ? i : undefined;
}

/** Whether the words after the verdict take it back (see rule 4). */
function takesBack(text: string, list: readonly Word[], from: number, verdict: Verdict): boolean {
  const opposite = verdict === "yes" ? "no" : "yes";
  for (let i = from + 1; i < list.length; i++) {
    const w = list[i]!;
    if (w.lower !== opposite) continue;
    if (w.text === w.text.toUpperCase()) return true;
    const next = text.slice(w.end).match(/^\s*(\S?)/u)?.[1] ?? "";
    if (next === "" || /[^\p{L}\p{N}_]/u.test(next)) return true;
    const before = list[i - 1]!;
    const gap = text.slice(before.end, w.start);
    if (gap.includes("\n")) return true;
    if (REVERSAL_WORDS.has(before.lower) || /^\s*[/&]\s*$/.test(gap)) return true;
  }
  return false;
}

function answer(verdict: Verdict, reason: string | undefined): JudgeAnswer {
  return reason === undefined || reason === "" ? { verdict } : { verdict, reason };
}

/** Reads a plain-text reply (rules 3 and 4). */
function parseText(text: string): JudgeAnswer {
  const list = words(text);
  const at = verdictIndex(list);
  if (at === undefined) return unparseable(text);
  const verdict = asVerdict(list[at]) as Verdict;
  if (takesBack(text, list, at, verdict)) return contradictory(text);
  const rest = clip(text.slice(list[at]!.end).replace(/^[^\p{L}\p{N}]+/u, ""), MAX_REASON_CHARS);
  return answer(verdict, at === 0 ? rest : clip(text, MAX_REASON_CHARS));
}

const JSON_FENCE = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i;

/** Reads a JSON-object reply (rule 2); undefined when the reply is not JSON-shaped. */
function parseJsonReply(text: string): JudgeAnswer | undefined {
  const trimmed = text.trim();
  const body = JSON_FENCE.exec(trimmed)?.[1]?.trim() ?? trimmed;
  if (!body.startsWith("{")) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return unparseable(text);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return unparseable(text);
  const record = json as Record<string, unknown>;
  const verdicts = new Set<string>();
  for (const [key, value] of Object.entries(record)) {
    if (!LABEL_HEADS.has(key.toLowerCase())) continue;
    if (typeof value === "boolean") verdicts.add(value ? "yes" : "no");
    else if (typeof value === "string") verdicts.add(parseText(value).verdict);
    else verdicts.add("unknown");
  }
  const only = verdicts.size === 1 ? [...verdicts][0] : undefined;
  if (only !== "yes" && only !== "no") return verdicts.size > 1 ? contradictory(text) : unparseable(text);
  const reasonField = Object.entries(record).find(([key, value]) => /^(reason|explanation)$/i.test(key) && typeof value === "string");
  return answer(only, reasonField ? clip(reasonField[1] as string, MAX_REASON_CHARS) : undefined);
}

/** Parses a judge reply into a verdict. Never throws. */
export function parseJudgeAnswer(raw: string): JudgeAnswer {
  const text = stripReasoning(raw);
  if (text === undefined) return { verdict: "unknown", reason: `judge reply ended inside <think> reasoning: ${JSON.stringify(clip(raw, MAX_QUOTED_CHARS))}` };
  const fromJson = parseJsonReply(text);
  if (fromJson !== undefined) return fromJson;
  const parsed = parseText(text);
  return parsed.verdict === "unknown" && text.trim() === "" ? unparseable(raw) : parsed;
}
