/**
 * startend:end_checker, startend:quotation.
 */
import { z } from "zod";
import { pyStrip, pyStripChars } from "../../text/python-chars.js";
import { defineChecker, nonEmptyString, outcome, q } from "../support.js";

export const endChecker = defineChecker(
  "startend:end_checker",
  z.strictObject({ end_phrase: nonEmptyString }),
  (response, { end_phrase }) => {
    const value = pyStripChars(pyStrip(response), '"').toLowerCase();
    const phrase = pyStrip(end_phrase).toLowerCase();
    const pass = value.endsWith(phrase);
    const tail = Array.from(value.slice(-Math.max(phrase.length + 20, 40))).slice(-Math.max(Array.from(phrase).length + 10, 30)).join("");
    return outcome(pass, pass, pass ? `ends with ${q(phrase)}` : `ends with ${q(tail)}; expected it to end with ${q(phrase)} (case-insensitive, surrounding quotes ignored)`);
  },
);

export const quotation = defineChecker("startend:quotation", z.strictObject({}), (response) => {
  const v = pyStrip(response);
  const pass = v.length > 1 && v[0] === '"' && v[v.length - 1] === '"';
  if (pass) return outcome(true, true, `wrapped in double quotes`);
  const first = v.length ? q(Array.from(v.slice(0, 2))[0]!) : "nothing";
  const last = v.length ? q(Array.from(v.slice(-2)).at(-1)!) : "nothing";
  return outcome(false, false, `starts with ${first} and ends with ${last}; expected the whole response wrapped in ASCII double quotes`);
});
