/**
 * detectable_format:number_bullet_lists, constrained_response,
 * number_highlighted_sections, multiple_sections, json_format, title.
 */
import { z } from "zod";
import { findIfevalBullets } from "../../text/bullets.js";
import { findIfevalHighlights } from "../../text/highlights.js";
import { lineLocator, pyRemovePrefix, pyRemoveSuffix, pyStrip } from "../../text/python-chars.js";
import { pythonJsonLoads } from "../../text/python-json.js";
import { countIfevalSections } from "../../text/sections.js";
import { findIfevalTitles } from "../../text/title.js";
import { countSchema, defineChecker, failure, listNumbers, nonEmptyString, outcome, plural, q } from "../support.js";

export const numberBulletLists = defineChecker(
  "detectable_format:number_bullet_lists",
  z.strictObject({ num_bullets: countSchema }),
  (response, { num_bullets }) => {
    const bullets = findIfevalBullets(response);
    const line = lineLocator(response);
    const lines = bullets.map((b) => line(b.markerOffset));
    const n = bullets.length;
    const dashes = bullets.filter((b) => b.kind === "dash").length;
    const kinds = n ? ` (${listNumbers("line", lines)}${dashes ? `; ${dashes} start with "-"` : ""})` : "";
    return outcome(n === num_bullets, n, `found ${plural(n, "bullet line")}${kinds}; expected exactly ${num_bullets}`);
  },
);

const CONSTRAINED_OPTIONS = ["My answer is yes.", "My answer is no.", "My answer is maybe."] as const;

export const constrainedResponse = defineChecker("detectable_format:constrained_response", z.strictObject({}), (response) => {
  const value = pyStrip(response);
  const hit = CONSTRAINED_OPTIONS.find((o) => value.includes(o));
  if (hit) return outcome(true, hit, `contains ${q(hit)}`);
  return outcome(false, null, `contains none of ${CONSTRAINED_OPTIONS.map((o) => q(o)).join(", ")} (exact, case-sensitive)`);
});

export const numberHighlightedSections = defineChecker(
  "detectable_format:number_highlighted_sections",
  z.strictObject({ num_highlights: countSchema }),
  (response, { num_highlights }) => {
    const spans = findIfevalHighlights(response);
    const n = spans.length;
    const shown = spans
      .slice(0, 5)
      .map((s) => q(s.text, 30))
      .join(", ");
    return outcome(n >= num_highlights, n, `found ${plural(n, "highlighted section")}${n ? ` (${shown}${n > 5 ? ", …" : ""})` : ""}; expected at least ${num_highlights}`);
  },
);

export const multipleSections = defineChecker(
  "detectable_format:multiple_sections",
  z.strictObject({ section_spliter: nonEmptyString, num_sections: countSchema }),
  (response, { section_spliter, num_sections }) => {
    const splitter = pyStrip(section_spliter);
    const r = countIfevalSections(response, splitter);
    if (!r.ok) return failure(`detectable_format:multiple_sections: ${r.error}`);
    const line = lineLocator(response);
    const lines = r.offsets.map((o) => line(o));
    return outcome(
      r.count >= num_sections,
      r.count,
      `found ${plural(r.count, "section marker")} ${q(splitter + " <number>")}${r.count ? ` (${listNumbers("line", lines)})` : ""}; expected at least ${num_sections}`,
    );
  },
);

export const jsonFormat = defineChecker("detectable_format:json_format", z.strictObject({}), (response) => {
  let v = pyStrip(response);
  for (const fence of ["```json", "```Json", "```JSON", "```"]) v = pyRemovePrefix(v, fence);
  v = pyStrip(pyRemoveSuffix(v, "```"));
  const r = pythonJsonLoads(v);
  if (r.ok) return outcome(true, true, `parses as JSON after removing markdown fences (${v.length} characters)`);
  return outcome(false, false, `not valid JSON after removing markdown fences: ${r.error}; text starts ${q(v, 40)}`);
});

export const title = defineChecker("detectable_format:title", z.strictObject({}), (response) => {
  const titles = findIfevalTitles(response);
  const good = titles.find((t) => t.title !== "");
  if (good) return outcome(true, good.title, `title ${q(good.text)} on line ${lineLocator(response)(good.start)}`);
  if (titles.length) return outcome(false, null, `only empty titles found (${titles.map((t) => q(t.text)).join(", ")})`);
  return outcome(false, null, `no <<title>> found on any single line`);
});
