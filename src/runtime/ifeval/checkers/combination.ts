/**
 * combination:two_responses, combination:repeat_prompt.
 */
import { z } from "zod";
import { pyStrip } from "../../text/python-chars.js";
import { defineChecker, nonEmptyString, outcome, q } from "../support.js";

export const twoResponses = defineChecker("combination:two_responses", z.strictObject({}), (response) => {
  const pieces = response.split("******");
  const valid: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    if (pyStrip(pieces[i]!) === "") {
      if (i !== 0 && i !== pieces.length - 1) {
        return outcome(false, valid.length, `piece ${i + 1} of ${pieces.length} between "******" separators is empty; expected exactly two non-empty responses`);
      }
    } else {
      valid.push(pieces[i]!);
    }
  }
  if (valid.length !== 2) {
    return outcome(false, valid.length, `found ${valid.length} non-empty response${valid.length === 1 ? "" : "s"} separated by "******"; expected exactly 2`);
  }
  if (pyStrip(valid[0]!) === pyStrip(valid[1]!)) return outcome(false, 2, `the two responses are identical`);
  return outcome(true, 2, `two different responses separated by "******"`);
});

export const repeatPrompt = defineChecker(
  "combination:repeat_prompt",
  z.strictObject({ prompt_to_repeat: nonEmptyString }),
  (response, { prompt_to_repeat }) => {
    const want = pyStrip(prompt_to_repeat).toLowerCase();
    const got = pyStrip(response).toLowerCase();
    if (got.startsWith(want)) return outcome(true, true, `response starts with the request repeated verbatim (${Array.from(want).length} characters, case-insensitive)`);
    // Locate the first difference for the evidence.
    let i = 0;
    while (i < want.length && i < got.length && want[i] === got[i]) i++;
    const where = i >= got.length ? "the response ends first" : `expected ${q(want.slice(i, i + 20))}, found ${q(got.slice(i, i + 20))}`;
    return outcome(false, false, `response does not start with the request: differs at character ${i + 1} (${where})`);
  },
);
