/**
 * language:response_language, change_case:english_capital,
 * change_case:english_lowercase.
 *
 * The reference calls Python langdetect and treats a detection failure
 * (no letters to analyse) as "instruction followed".
 */
import { z } from "zod";
import { detectLanguage } from "../../text/language-detect.js";
import { pyIsLower, pyIsUpper } from "../../text/python-chars.js";
import { recentMemo } from "../../text/recent-memo.js";
import { defineChecker, failure, nonEmptyString, outcome, q } from "../support.js";
import type { CheckOutcome } from "../types.js";

/**
 * Detection is pure (fixed seed) and the costliest per-text work of a row: the
 * checks of one row (strict on the response, loose on its eight variants) share it.
 */
const detectRecent = recentMemo((text: string) => detectLanguage(text), 16);

function languageVerdict(response: string, expected: string, prefix: string): CheckOutcome {
  const d = detectRecent(response);
  if (!d.ok) {
    if (d.reason === "unavailable") return failure(`${prefix}language detector unavailable: ${d.message}`);
    return outcome(true, null, `${prefix}no language could be detected (no letters); the reference counts this as followed`);
  }
  const pass = d.language === expected;
  const alternatives = d.candidates
    .slice(0, 3)
    .map((c) => `${c.language} ${c.probability.toFixed(2)}`)
    .join(", ");
  return outcome(pass, d.language, `${prefix}detected language ${q(d.language)} (${alternatives}); expected ${q(expected)}`);
}

export const responseLanguage = defineChecker(
  "language:response_language",
  z.strictObject({ language: nonEmptyString }),
  (response, { language }) => languageVerdict(response, language, ""),
);

function caseFirst(response: string, upper: boolean): CheckOutcome | undefined {
  const ok = upper ? pyIsUpper(response) : pyIsLower(response);
  if (ok) return undefined;
  const bad = upper ? /[\p{Lowercase}\p{Lt}]/u.exec(response) : /[\p{Uppercase}\p{Lt}]/u.exec(response);
  if (!bad) return outcome(false, false, `no ${upper ? "upper" : "lower"}-case letter at all`);
  const before = response.slice(0, bad.index);
  const line = before.split("\n").length;
  const ctx = response.slice(Math.max(0, bad.index - 15), bad.index + 15);
  return outcome(false, false, `not all ${upper ? "capitals" : "lowercase"}: ${q(bad[0])} on line ${line} (near ${q(ctx)})`);
}

export const englishCapital = defineChecker("change_case:english_capital", z.strictObject({}), (response) => {
  return caseFirst(response, true) ?? languageVerdict(response, "en", "all letters are capitals; ");
});

export const englishLowercase = defineChecker("change_case:english_lowercase", z.strictObject({}), (response) => {
  return caseFirst(response, false) ?? languageVerdict(response, "en", "all letters are lowercase; ");
});
