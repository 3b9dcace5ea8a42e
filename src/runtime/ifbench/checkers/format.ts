/** IFBench `format:*` checkers. */
import { z } from "zod";
import { plural, q } from "../../ifeval/support.js";
import { isPySpaceCode, pyIsLower, pyIsUpper, pyStrip, pyStripChars, PY_WORD_CLASS } from "../../text/python-chars.js";
import { isEmojiChar } from "../lexicon.js";
import { PUNCTUATION, countOccurrences, cps, firstChar, isAlpha, removePunctuation, split, stripPunctSpace } from "../python.js";
import { closedBracketDepth, closedQuoteDepth } from "../measures.js";
import { checker, fail, none, pass, sentences, text, verdict, wordTokens } from "../support.js";

export const parentheses = checker("format:parentheses", none, (r) => {
  const depth = closedBracketDepth(r);
  return depth >= 5
    ? pass(depth, `brackets nested ${depth} levels deep`)
    : fail(depth, "no bracket group nested at least 5 levels deep (a mismatched closer resets the count)");
});

export const quotes = checker("format:quotes", none, (r) => {
  const depth = closedQuoteDepth(r);
  return depth >= 3 ? pass(depth, `quotation marks nested ${depth} levels deep`) : fail(depth, "quotation marks are not nested at least 3 levels deep");
});

const WORD_CHAR = new RegExp(`[${PY_WORD_CLASS}]`, "u");

/** `re.match(r"\W*[aA]\W*[bB]\W*[cC]\W*", options)`: lettered options are compared exactly. */
function isLetteredOptions(options: string): boolean {
  const chars = cps(options);
  let i = 0;
  for (const want of ["a", "b", "c"]) {
    while (i < chars.length && !WORD_CHAR.test(chars[i]!)) i++;
    const c = chars[i];
    if (c !== want && c !== want.toUpperCase()) return false;
    i++;
  }
  return true;
}

export function parseOptions(options: string): { strict: boolean; options: string[] } {
  const sep = options.includes("/") ? "/" : options.includes("or") ? "or" : ",";
  return { strict: isLetteredOptions(options), options: options.split(sep).map(pyStrip) };
}

export const options = checker("format:options", z.object({ options: text }).strict(), (r, p) => {
  const parsed = parseOptions(p.options);
  if (parsed.strict) {
    const ok = parsed.options.includes(r);
    return verdict(ok, null, ok ? `is exactly the option ${q(r)}` : `is not exactly one of ${parsed.options.map((o) => q(o)).join(", ")}`);
  }
  const norm = (s: string) => stripPunctSpace(s).toLowerCase();
  const value = norm(r);
  const hit = parsed.options.find((o) => norm(o) === value);
  return verdict(hit !== undefined, null, hit !== undefined ? `is the option ${q(hit)}` : `is not one of ${parsed.options.map((o) => q(o)).join(", ")} (ignoring case and punctuation)`);
});

export const newline = checker("format:newline", none, (r) => {
  const value = removePunctuation(r);
  const lines = pyStrip(value).split("\n").filter((l) => l !== "");
  const words = split(pyStrip(value)).length;
  return verdict(lines.length === words, lines.length, `${plural(lines.length, "non-empty line")} for ${plural(words, "word")}; expected one word per line`);
});

export const emoji = checker("format:emoji", none, (r, _p, _q, rev) => {
  const ss = sentences(r, rev);
  for (const [i, s] of ss.entries()) {
    const stripped = cps(pyStrip(removePunctuation(s)));
    if (stripped.length === 0) return fail(i + 1, `sentence ${i + 1} is only punctuation`);
    const last = stripped[stripped.length - 1]!;
    const secondLast = stripped.length > 1 ? stripped[stripped.length - 2]! : last;
    if (isEmojiChar(last) || isEmojiChar(secondLast)) continue;
    if (i === ss.length - 1) return fail(i + 1, `the last sentence (${i + 1}) does not end with an emoji`);
    const next = pyStrip(removePunctuation(ss[i + 1]!));
    if (next === "") return fail(i + 2, `sentence ${i + 2} is only punctuation`);
    if (!isEmojiChar(firstChar(next))) return fail(i + 1, `sentence ${i + 1} does not end with an emoji (nor does sentence ${i + 2} start with one)`);
  }
  return pass(ss.length, "every sentence ends with an emoji");
});

/** The lines IFBench compares: blank lines removed with its remove-while-iterating loop (a blank line right after a removed one survives). */
export function indentLines(r: string): string[] {
  const lines = r.split("\n");
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    i++;
    // `lines.remove(line)` removes the first equal line, shifting the rest under the iterator.
    if (pyStrip(line) === "") lines.splice(lines.indexOf(line), 1);
  }
  return lines;
}

function leadingSpaces(line: string): number {
  return line.length - pyStripChars(line, " ", "left").length;
}

export const lineIndent = checker("format:line_indent", none, (r) => {
  const lines = indentLines(r);
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = leadingSpaces(lines[i]!);
    const b = leadingSpaces(lines[i + 1]!);
    if (b <= a) return fail(i + 2, `line ${i + 2} of the non-blank lines is indented ${b} spaces, not more than the line before (${a})`);
  }
  return pass(lines.length, "each line is indented more than the one before");
});

const DIGITS_AND_PUNCT_BUT_QUOTE = "0123456789" + PUNCTUATION.replace('"', "");

export const quoteUnquote = checker("format:quote_unquote", none, (r, _p, _q, rev) => {
  // The published code turned curly quotes into ASCII ones; the current code's replacement is ASCII to ASCII (a no-op).
  let value = rev === "published" ? r.replaceAll("\u201c", '"').replaceAll("\u201d", '"') : r;
  value = value.replaceAll(`'"'`, "");
  value = split(value).join("");
  if (value.includes('""')) return fail(null, "two quotations follow each other with no text in between");
  const stripped = pyStripChars(value, DIGITS_AND_PUNCT_BUT_QUOTE);
  // Published: indexing an empty remainder raised, which ends the check unfollowed.
  if (stripped === "" && rev === "published") return fail(null, "nothing but digits and punctuation");
  if (stripped !== "" && stripped.endsWith('"')) return fail(null, "the response ends with a quotation; an explanation must follow every quote");
  return pass(null, "every quotation is followed by unquoted text");
});

export const list = checker("format:list", z.object({ sep: text }).strict(), (r, p) => {
  const n = countOccurrences(r, p.sep);
  return verdict(n >= 2, n, `the separator ${q(p.sep)} occurs ${plural(n, "time")}; expected at least 2`);
});

export const thesis = checker("format:thesis", none, (r) => {
  let index = r.indexOf("<i>");
  if (index === -1) index = r.indexOf("<em>");
  if (index === -1) return fail(null, "no <i> or <em> thesis");
  const value = r.slice(index);
  let end = value.indexOf("</i>");
  if (end === -1) end = value.indexOf("</em>");
  if (end === -1) return fail(null, "the italic thesis is not closed");
  // As in the reference: the thesis starts 3 characters in and the rest 4 after the closer, for <i> and <em> alike.
  const thesisText = value.slice(3, Math.max(3, end));
  if (pyStrip(thesisText) === "") return fail(null, "the italic thesis is empty");
  const rest = value.slice(end + 4);
  return verdict(pyStrip(rest) !== "", null, pyStrip(rest) !== "" ? "has an italic thesis followed by text" : "nothing follows the italic thesis");
});

export const subBullets = checker("format:sub-bullets", none, (r) => {
  const pieces = r.split("*");
  for (let i = 1; i < pieces.length; i++) if (!pieces[i]!.includes("-")) return fail(i, `the text after "*" number ${i} has no "-" sub-bullet`);
  return pass(pieces.length - 1, `${plural(pieces.length - 1, "bullet")}, each with a "-" sub-bullet`);
});

export const noBulletsBullets = checker("format:no_bullets_bullets", none, (r, _p, _q, rev) => {
  // `sentences` in the reference is first True, then the last sentence list (falsy when a line was blank), then False.
  let inProse: boolean | string[] = true;
  let proseSentences = 0;
  let bullets = 0;
  for (const [i, line] of r.split("\n").entries()) {
    if (pyStrip(line).startsWith("*")) {
      inProse = false;
      if (proseSentences < 2) return fail(i + 1, `a bullet starts on line ${i + 1} after ${plural(proseSentences, "sentence")}; at least 2 must come first`);
      bullets++;
    } else if (inProse === true || (Array.isArray(inProse) && inProse.length > 0)) {
      inProse = sentences(pyStrip(line), rev);
      proseSentences += inProse.length;
    } else return fail(i + 1, `line ${i + 1} is not a bullet, but it comes after the bullets (or after a blank line in the prose)`);
  }
  return verdict(bullets >= 2, bullets, `${plural(bullets, "bullet")}; expected at least 2`);
});

export const titleCase = checker("format:title_case", none, (r, _p, _q, rev) => {
  for (const w of wordTokens(r)) {
    const c = cps(w);
    // Published: no guard, so single lowercase letters and non-letter tokens pass through the rules below unflagged.
    if (rev === "current" && (c.length === 0 || !isAlpha(c[0]!))) continue;
    if (c.length === 0) continue;
    const rest = c.slice(1).join("");
    if (c.length === 1 && rev === "current") {
      if (pyIsLower(c[0]!)) return fail(w, `${q(w)} is not capitalised`);
      continue;
    }
    if (pyIsUpper(c[0]!) && pyIsLower(rest)) continue;
    if (pyIsLower(c[0]!) && (pyIsUpper(rest) || pyIsLower(rest))) return fail(w, `${q(w)} is not in title case`);
  }
  return pass(null, "every word is in title case");
});

export const outputTemplate = checker("format:output_template", none, (r) => {
  const missing = ["My Answer:", "My Conclusion:", "Future Outlook:"].filter((m) => !r.includes(m));
  return verdict(missing.length === 0, null, missing.length === 0 ? "has My Answer:, My Conclusion: and Future Outlook:" : `lacks ${missing.map((m) => q(m)).join(", ")}`);
});

export const noWhitespace = checker("format:no_whitespace", none, (r) => {
  for (let i = 0; i < r.length; i++) if (isPySpaceCode(r.charCodeAt(i))) return fail(i, `whitespace at offset ${i}`);
  return pass(null, "no whitespace");
});

