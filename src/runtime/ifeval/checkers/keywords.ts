/**
 * keywords:existence, keywords:frequency, keywords:forbidden_words,
 * keywords:letter_frequency.
 *
 * The reference uses the keyword strings as Python regular expressions with
 * IGNORECASE: `existence` and `frequency` match *substrings* ("war" counts
 * inside "software"), `forbidden_words` wraps the word in `\b...\b`.
 */
import { z } from "zod";
import { compilePythonRegex, countMatches } from "../../text/python-regex.js";
import { lineLocator, pyStrip } from "../../text/python-chars.js";
import { compare, countSchema, defineChecker, describeRelation, nonEmptyString, outcome, failure, q, relationSchema } from "../support.js";

const keywordList = z.array(z.string().min(1, "keywords must be non-empty strings")).min(1, "at least one keyword is required");

export const keywordsExistence = defineChecker(
  "keywords:existence",
  z.strictObject({ keywords: keywordList }),
  (response, { keywords }) => {
    const sorted = [...keywords].sort();
    const line = lineLocator(response);
    const found: string[] = [];
    const missing: string[] = [];
    for (const kw of sorted) {
      const c = compilePythonRegex(kw, { ignoreCase: true });
      if (!c.ok) return failure(`keywords:existence: ${c.error}`);
      const m = c.regex.search(response);
      if (m) found.push(`${q(kw)} (line ${line(m.index)})`);
      else missing.push(q(kw));
    }
    const pass = missing.length === 0;
    const evidence = pass
      ? `all ${sorted.length} keywords found (case-insensitive substring match): ${found.join(", ")}`
      : `missing ${missing.join(", ")} (case-insensitive substring match)${found.length ? `; found ${found.join(", ")}` : ""}`;
    return outcome(pass, found.length, evidence);
  },
);

export const keywordsFrequency = defineChecker(
  "keywords:frequency",
  z.strictObject({ keyword: nonEmptyString, frequency: countSchema, relation: relationSchema }),
  (response, { keyword, frequency, relation }) => {
    const kw = pyStrip(keyword);
    const c = compilePythonRegex(kw, { ignoreCase: true });
    if (!c.ok) return failure(`keywords:frequency: ${c.error}`);
    const n = countMatches(c.regex, response);
    const pass = compare(n, relation, frequency);
    return outcome(
      pass,
      n,
      `${q(kw)} occurs ${n} time${n === 1 ? "" : "s"} (case-insensitive, substrings count); expected ${describeRelation(relation, frequency)}`,
    );
  },
);

export const keywordsForbiddenWords = defineChecker(
  "keywords:forbidden_words",
  z.strictObject({ forbidden_words: keywordList }),
  (response, { forbidden_words }) => {
    const words = [...new Set(forbidden_words)].sort();
    const line = lineLocator(response);
    const hits: string[] = [];
    for (const w of words) {
      const c = compilePythonRegex(`\\b${w}\\b`, { ignoreCase: true });
      if (!c.ok) return failure(`keywords:forbidden_words: ${c.error}`);
      const m = c.regex.search(response);
      if (m) hits.push(`${q(w)} as ${q(m.text)} on line ${line(m.index)}`);
    }
    const pass = hits.length === 0;
    return outcome(
      pass,
      hits.length,
      pass
        ? `none of ${words.map((w) => q(w)).join(", ")} appears as a whole word (case-insensitive)`
        : `forbidden word${hits.length === 1 ? "" : "s"} used: ${hits.join("; ")}`,
    );
  },
);

export const keywordsLetterFrequency = defineChecker(
  "keywords:letter_frequency",
  z.strictObject({
    letter: z.string().refine((s) => Array.from(s).length === 1, { message: "must be exactly one character" }),
    let_frequency: countSchema,
    let_relation: relationSchema,
  }),
  (response, { letter, let_frequency, let_relation }) => {
    const target = pyStrip(letter).toLowerCase();
    let n = 0;
    // Python counts code points of response.lower(); a letter that lower-cases to
    // two code points (or strips to nothing) can never be counted.
    if (Array.from(target).length === 1) {
      const lowered = response.toLowerCase();
      for (let i = lowered.indexOf(target); i >= 0; i = lowered.indexOf(target, i + target.length)) n++;
    }
    const pass = compare(n, let_relation, let_frequency);
    return outcome(pass, n, `letter ${q(target)} occurs ${n} time${n === 1 ? "" : "s"} (case-insensitive, anywhere); expected ${describeRelation(let_relation, let_frequency)}`);
  },
);

