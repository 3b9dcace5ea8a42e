/** IFBench `custom:*` checkers: one fixed task each. */
import { plural, q } from "../../ifeval/support.js";
import { PY_WS_CLASS, pyLstrip, pyStrip } from "../../text/python-chars.js";
import { pythonCsvRows } from "../python-csv.js";
import { asciiFold, cps, firstChar, removePunctuation, split, stripPunctSpace } from "../python.js";
import { checker, fail, none, pass, sentences, verdict } from "../support.js";

const MULTIPLES = ["14", "21", "28", "35", "42", "49"];

export const multiples = checker("custom:multiples", none, (r) => {
  const nums = r.replaceAll(",", ", ").match(/\p{Nd}+/gu) ?? [];
  const ok = nums.length === MULTIPLES.length && nums.every((n, i) => n === MULTIPLES[i]);
  return verdict(ok, nums.length, ok ? "lists exactly 14, 21, 28, 35, 42, 49" : `its numbers are ${nums.slice(0, 10).join(", ") || "none"}; expected exactly 14, 21, 28, 35, 42, 49`);
});

const QUESTION_SPLIT = new RegExp(`\\n*(?:Question \\p{Nd}+[.|):;]?[${PY_WS_CLASS}]*)`, "u");
const OPTION_LINE = new RegExp(`^[A-Ea-e][.|)][${PY_WS_CLASS}]*[\\p{L}\\p{N}_]`, "u");

export const mcqCountLength = checker("custom:mcq_count_length", none, (r) => {
  const at = r.indexOf("Question");
  const fromQuestion = at === -1 ? cps(r).slice(-1).join("") : r.slice(at);
  if (fromQuestion !== r) return fail(null, 'the response does not start with "Question"');
  let parts = r.split(QUESTION_SPLIT);
  if (parts[0] === "") parts = parts.slice(1);
  const questions = parts.map((x) => pyStrip(x)).filter((x) => x !== "");
  if (questions.length !== 4) return fail(questions.length, `${plural(questions.length, "question")}; expected 4`);
  const lengths: number[] = [];
  for (const [qi, question] of questions.entries()) {
    let stem = "";
    let optionCount = 0;
    let done = false;
    for (const line of question.split("\n")) {
      if (OPTION_LINE.test(pyStrip(line))) {
        optionCount++;
        done = true;
      } else if (!done) stem += " " + pyStrip(line);
    }
    if (optionCount !== 5) return fail(optionCount, `question ${qi + 1} has ${plural(optionCount, "option")}; expected 5 (A–E)`);
    lengths.push(cps(pyStrip(stem)).length);
  }
  const ok = lengths.every((l, i) => i === 0 || lengths[i - 1]! < l);
  return verdict(ok, null, `question lengths ${lengths.join(", ")}; each must be longer than the one before`);
});

export const reverseNewline = checker("custom:reverse_newline", none, (r) => {
  const lines = r
    .split("\n")
    .map((l) => stripPunctSpace(l))
    .filter((l) => l !== "");
  const start = lines.findIndex((l) => l.includes("Zimbabwe"));
  if (start < 0) return fail(null, 'no line contains "Zimbabwe"');
  const target = lines.slice(start).map(asciiFold);
  if (target.length < 52) return fail(target.length, `${plural(target.length, "line")} from "Zimbabwe" on; expected at least 52`);
  for (let i = 0; i + 1 < target.length; i++) {
    if (target[i]! < target[i + 1]!) return fail(i + 1, `${q(target[i]!)} comes before ${q(target[i + 1]!)}; the lines must be in reverse alphabetical order`);
  }
  return pass(target.length, `${target.length} lines in reverse alphabetical order`);
});

export const wordReverse = checker("custom:word_reverse", none, (r, _p, _q, rev) => {
  const value = split(removePunctuation(pyStrip(r.toLowerCase()))).reverse().join(" ");
  if (!value.includes("bald eagle")) return fail(null, 'read backwards, the words do not contain "bald eagle"');
  const ok = sentences(value, rev).includes(value);
  return verdict(ok, null, ok ? "read backwards, it is one sentence containing \"bald eagle\"" : "read backwards, it is more than one sentence");
});

export const characterReverse = checker("custom:character_reverse", none, (r) => {
  const ok = r.toLowerCase().includes("elgae dlab");
  return verdict(ok, null, ok ? 'contains "elgae dlab"' : 'does not contain "elgae dlab"');
});

export const sentenceAlphabet = checker("custom:sentence_alphabet", none, (r, _p, _q, rev) => {
  const ss = sentences(r, rev);
  if (ss.length !== 26) return fail(ss.length, `${plural(ss.length, "sentence")}; expected 26`);
  for (const [i, s] of ss.entries()) {
    const words = split(pyLstrip(s));
    const want = String.fromCharCode(97 + i);
    if (words.length === 0 || firstChar(words[0]!.toLowerCase()) !== want) return fail(i + 1, `sentence ${i + 1} does not start with "${want}"`);
  }
  return pass(26, "26 sentences starting with a to z");
});

const CAPITALS = [
  "Reykjavik", "Helsinki", "Oslo", "Tallinn", "Stockholm", "Riga", "Moscow", "Copenhagen", "Vilnius", "Minsk", "Dublin", "Berlin", "Amsterdam",
  "Warsaw", "London", "Brussels", "Prague", "Luxembourg", "Paris", "Vienna", "Bratislava", "Budapest", "Vaduz", "Chisinau", "Bern", "Ljubljana", "Zagreb",
];

export const europeanCapitalsSort = checker("custom:european_capitals_sort", none, (r) => {
  const caps = asciiFold(r)
    .split(",")
    .filter((c) => pyStrip(c) !== "");
  if (caps.length !== CAPITALS.length) return fail(caps.length, `${plural(caps.length, "item")}; expected the ${CAPITALS.length} capitals`);
  for (const [i, c] of caps.entries()) if (pyStrip(c) !== CAPITALS[i]) return fail(i + 1, `item ${i + 1} is ${q(pyStrip(c))}; expected ${CAPITALS[i]}`);
  return pass(caps.length, "the capitals in the expected order");
});

function csvRows(text: string, delimiter = ","): string[][] | string {
  try {
    return pythonCsvRows(text, delimiter);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export const csvCity = checker("custom:csv_city", none, (r) => {
  const rows = csvRows(r);
  if (typeof rows === "string") return fail(null, rows);
  if (rows.length !== 8) return fail(rows.length, `${plural(rows.length, "CSV row")}; expected 8 (header and 7 rows)`);
  const header = ["ID", "Country", "City", "Year", "Count"];
  if (rows[0]!.length !== 5 || rows[0]!.some((h, i) => h !== header[i])) return fail(null, `the header is ${rows[0]!.join(",")}; expected ${header.join(",")}`);
  const bad = rows.findIndex((row) => row.length !== 5);
  return verdict(bad < 0, rows.length, bad < 0 ? "8 rows of 5 fields with the expected header" : `row ${bad + 1} has ${rows[bad]!.length} fields; expected 5`);
});

const PRODUCT_HEADER = /^(ProductID|"ProductID"),[ \t]*(Category|"Category"),[ \t]*(Brand|"Brand"),[ \t]*(Price|"Price"),[ \t]*(Stock|"Stock")$/;
const STUDENT_HEADER = /^(StudentID|"StudentID")\t *(Subject|"Subject")\t *(Grade|"Grade")\t *(Semester|"Semester")\t *(Score|"Score")$/;
const WORD_OR_SPACE = new RegExp(`[\\p{L}\\p{N}_${PY_WS_CLASS}]`, "u");

/** `re.match(r'".*[^\d\w\s].*"', field)`: a quote, then on the same line a special character and a later quote. */
function quotedSpecial(field: string): boolean {
  if (!field.startsWith('"')) return false;
  const nl = field.indexOf("\n");
  const line = nl < 0 ? field : field.slice(0, nl);
  const c = cps(line);
  for (let k = 1; k < c.length; k++) {
    if (!WORD_OR_SPACE.test(c[k]!)) return c.slice(k + 1).includes('"');
  }
  return false;
}

/** Python's `$` also matches before a final "\n"; the header was stripped, so a plain `$` suffices. */
function header(r: string): string {
  return pyStrip(r.split("\n")[0]!);
}

export const csvSpecialCharacter = checker("custom:csv_special_character", none, (r) => {
  if (!PRODUCT_HEADER.test(header(r))) return fail(null, "the header is not ProductID, Category, Brand, Price, Stock");
  const rows = csvRows(r.replaceAll('"', '"""'));
  if (typeof rows === "string") return fail(null, rows);
  if (rows.length !== 15) return fail(rows.length, `${plural(rows.length, "CSV row")}; expected 15`);
  for (const [i, fields] of rows.slice(1).entries()) {
    if (fields.length !== 5) return fail(i + 2, `row ${i + 2} has ${plural(fields.length, "field")}; expected 5`);
    if (fields.some(quotedSpecial)) return pass(i + 2, `row ${i + 2} has a quoted field with a special character`);
  }
  return fail(null, "no quoted field contains a special character");
});

export const csvQuotes = checker("custom:csv_quotes", none, (r) => {
  if (!STUDENT_HEADER.test(header(r))) return fail(null, "the header is not StudentID, Subject, Grade, Semester, Score (tab-separated)");
  const rows = csvRows(r.replaceAll('"', '"""'), "\t");
  if (typeof rows === "string") return fail(null, rows);
  if (rows.length !== 4) return fail(rows.length, `${plural(rows.length, "row")}; expected 4`);
  for (const [i, fields] of rows.entries()) {
    if (fields.length !== 5) return fail(i + 1, `row ${i + 1} has ${plural(fields.length, "field")}; expected 5`);
    for (const f of fields) {
      const s = pyStrip(f);
      // The reference indexes s[0] and raises on an empty field, which ends the check unfollowed.
      if (s === "") return fail(i + 1, `row ${i + 1} has an empty field`);
      if (!(s.startsWith('"') && s.endsWith('"'))) return fail(i + 1, `row ${i + 1} has a field not wrapped in double quotes: ${q(s)}`);
    }
  }
  return pass(4, "4 tab-separated rows of 5 quoted fields");
});

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const dateFormatList = checker("custom:date_format_list", none, (r) => {
  for (const raw of pyStrip(r).split(",")) {
    const d = pyStrip(raw);
    const m = DATE.exec(d);
    if (!m) return fail(null, `${q(d)} is not a YYYY-MM-DD date`);
    const [y, mo, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (y < 1769 || y > 1821) return fail(y, `${d}: the year must be 1769–1821`);
    if (mo > 12) return fail(mo, `${d}: no month ${mo}`);
    if ([1, 3, 5, 7, 8, 10, 12].includes(mo) && day > 31) return fail(day, `${d}: the day is out of range`);
    if ([4, 6, 9, 11].includes(mo) && day > 30) return fail(day, `${d}: the day is out of range`);
    if (mo === 2 && day > 29) return fail(day, `${d}: the day is out of range`);
  }
  return pass(null, "every item is a YYYY-MM-DD date from 1769 to 1821");
});
