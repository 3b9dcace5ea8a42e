/**
 * detectable_content:number_placeholders, detectable_content:postscript.
 */
import { z } from "zod";
import { findIfevalPlaceholders } from "../../text/placeholders.js";
import { lineLocator, pyStrip } from "../../text/python-chars.js";
import { compilePythonRegex } from "../../text/python-regex.js";
import { countSchema, defineChecker, failure, nonEmptyString, outcome, plural, q } from "../support.js";

export const numberPlaceholders = defineChecker(
  "detectable_content:number_placeholders",
  z.strictObject({ num_placeholders: countSchema }),
  (response, { num_placeholders }) => {
    const spans = findIfevalPlaceholders(response);
    const n = spans.length;
    const pass = n >= num_placeholders;
    const shown = spans
      .slice(0, 6)
      .map((s) => q(s.text, 30))
      .join(", ");
    return outcome(pass, n, `found ${plural(n, "placeholder")} in square brackets${n ? ` (${shown}${n > 6 ? ", …" : ""})` : ""}; expected at least ${num_placeholders}`);
  },
);

/**
 * The reference searches (anywhere, after lower-casing the response) for
 * `\s*p\.\s?p\.\s?s.*$` when the marker is "P.P.S", `\s*p\.\s?s\..*$` for
 * "P.S.", and otherwise `\s*` + the lower-cased marker used as a regex + `.*$`.
 * A leading `\s*` and a trailing `.*$` never change whether a match exists,
 * so only the core is searched (which also avoids quadratic scans of long
 * whitespace runs).
 */
export const postscript = defineChecker(
  "detectable_content:postscript",
  z.strictObject({ postscript_marker: nonEmptyString }),
  (response, { postscript_marker }) => {
    const marker = pyStrip(postscript_marker);
    const core = marker === "P.P.S" ? "p\\.\\s?p\\.\\s?s" : marker === "P.S." ? "p\\.\\s?s\\." : marker.toLowerCase();
    const c = compilePythonRegex(core, { multiline: true });
    if (!c.ok) return failure(`detectable_content:postscript: ${c.error}`);
    const lowered = response.toLowerCase();
    const m = c.regex.search(lowered);
    if (!m) return outcome(false, false, `no postscript starting with ${q(marker)} found (searched anywhere, case-insensitive)`);
    const line = lineLocator(lowered)(m.index);
    const lastLine = lineLocator(lowered)(lowered.length);
    return outcome(true, true, `postscript marker ${q(marker)} found as ${q(m.text)} on line ${line} of ${lastLine}`);
  },
);

