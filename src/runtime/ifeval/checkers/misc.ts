/**
 * change_case:capital_word_frequency, punctuation:no_comma.
 */
import { z } from "zod";
import { nltkUpperCaseTokens } from "../../text/nltk-word-tokenize.js";
import { lineLocator, pyIsUpper } from "../../text/python-chars.js";
import { compare, countSchema, defineChecker, describeRelation, listNumbers, outcome, q, relationSchema } from "../support.js";

export const capitalWordFrequency = defineChecker(
  "change_case:capital_word_frequency",
  z.strictObject({ capital_frequency: countSchema, capital_relation: relationSchema }),
  (response, { capital_frequency, capital_relation }) => {
    const caps = nltkUpperCaseTokens(response, pyIsUpper);
    const n = caps.length;
    const shown = caps
      .slice(0, 8)
      .map((c) => q(c, 20))
      .join(", ");
    return outcome(
      compare(n, capital_relation, capital_frequency),
      n,
      `found ${n} all-capital word${n === 1 ? "" : "s"} (NLTK tokens${n ? `: ${shown}${n > 8 ? ", …" : ""}` : ""}); expected ${describeRelation(capital_relation, capital_frequency)}`,
    );
  },
);

export const noComma = defineChecker("punctuation:no_comma", z.strictObject({}), (response) => {
  const line = lineLocator(response);
  const lines: number[] = [];
  let count = 0;
  for (let i = response.indexOf(","); i >= 0; i = response.indexOf(",", i + 1)) {
    count++;
    const l = line(i);
    if (lines[lines.length - 1] !== l) lines.push(l);
  }
  if (count === 0) return outcome(true, 0, "no commas");
  return outcome(false, count, `found ${count} comma${count === 1 ? "" : "s"} (${listNumbers("line", lines)})`);
});
