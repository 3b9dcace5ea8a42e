/**
 * HIR7002 / HIR7003: the clause (what the model reads) and the check (what is
 * rewarded) must agree on numbers and units.
 *
 *  - HIR7002: the clause states quantities and none of them matches a constant of
 *    the check (±1 for comparisons: "under 120 words" is `words < 120` or
 *    `words <= 119`); or a quantity with a unit ("300 words") disagrees with every
 *    bound the check puts on that unit's measure.
 *  - HIR7003: the clause counts one unit ("100 words") and the check counts only
 *    other units (`sentences < 100`).
 *
 * Conservative on purpose: judge constraints, clause-less constraints and checks
 * whose bounds are not constant are skipped; numbers in quotes and identifiers
 * (POL-7), years, and numbers the check's own texts contain are ignored.
 */
import type * as A from "../ast.js";
import { BUILTINS, getBuiltin } from "../builtins/registry.js";
import { CATALOG } from "../diagnostics/catalog.js";
import type { Range, RelatedLocation } from "../diagnostics/types.js";
import { LineIndex } from "../line-index.js";
import { decodeString, plainStringValue } from "../strings.js";
import { constraintDecls } from "../model.js";
import { walkExpression, type CheckContext } from "./context.js";
import { asComparison, isCmpOp, measureRef, sourceText } from "./meaning-atoms.js";
import { buildUnitTable, extractClauseNumbers, interpolationChar, mayStateNumbers, type ClauseNumber, type UnitTable } from "./meaning-numbers.js";
import type { Typing } from "../typing/table.js";

/** Unit words too vague to say which measure is meant ("three points", "two items"). */
const VAGUE_UNITS = new Set(["point", "points", "item", "items", "section", "sections", "step", "steps"]);

let unitTable: UnitTable | undefined;
function unitWords(): UnitTable {
  unitTable ??= buildUnitTable(BUILTINS);
  return unitTable;
}

/**
 * Clauses longer than this are not compared with their checks: an instruction is a
 * sentence or a paragraph, and reading a multi-megabyte string character by character
 * (with offsets for every character) would make lint slow on hostile files for no finding.
 */
export const MAX_CLAUSE_CHARS_FOR_AGREEMENT = 20_000;

export function checkClauseAgreement(ctx: CheckContext): void {
  const indexes = new Map<string, LineIndex>();
  const lineIndex = (file: string): LineIndex => {
    let idx = indexes.get(file);
    if (!idx) {
      idx = LineIndex.of(ctx.files.get(file)?.text ?? "");
      indexes.set(file, idx);
    }
    return idx;
  };
  const decls = constraintDecls(ctx);
  for (let i = 0; i < decls.length; i++) {
    const { decl, file, inputs } = decls[i]!;
    if (!decl.clause || decl.body?.kind !== "Check") continue;
    if (decl.clause.range.end.offset - decl.clause.range.start.offset > MAX_CLAUSE_CHARS_FOR_AGREEMENT) continue;
    const check = decl.body.expression;
    // Cheapest test first: most clauses state no number (all three steps are pure).
    const clause = flattenClause(ctx.files.get(file)?.text ?? "", decl.clause, inputs, ctx.typing);
    if (!clause) continue;
    const read = clauseNumbers(clause);
    if (read.numbers.length === 0 || read.label) continue;
    const numbers = read.numbers;
    if (!wellTyped(check, ctx.typing)) continue; // the typing pass already reports it
    const quantities = numbers.some((n) => Number.isNaN(n.value)) ? numbers.filter((n) => !Number.isNaN(n.value)) : numbers;
    const facts = checkFacts(check, ctx.typing);
    const where = (start: number, end: number): Range => clause.range(start, end, lineIndex(file));

    // HIR7002 -------------------------------------------------------------------------------------
    if (!facts.openBounds) {
      const relevant = facts.texts.length === 0 ? quantities : quantities.filter((n) => !facts.texts.some((t) => mentions(t, n.written)));
      let reported = false;
      if (relevant.length > 0 && (facts.comparisons.length > 0 || facts.exact.length > 0)) {
        if (!relevant.some((n) => matches(n, facts.comparisons, facts.exact))) {
          const first = relevant[0] as ClauseNumber;
          const target = (facts.comparisons.find((c) => first.unit?.measures.includes(c.measure)) ?? facts.comparisons[0])?.expr ?? check;
          const enforces = sourceText(ctx.files, file, target.range);
          ctx.report(CATALOG.clauseMismatch, file, where(first.start, first.end),
            `the clause says ${joinAnd(relevant.slice(0, 3).map((n) => clause.show(n)))} but the check enforces \`${enforces}\``,
            { hint: "Make the clause and the check state the same number: the model is told the clause but rewarded for the check.", related: relatedCheck(file, target, enforces) });
          reported = true;
        }
      }
      if (!reported) {
        for (const n of relevant) {
          if (!n.unit || n.kind === "ordinal") continue;
          const cmps = facts.comparisons.filter((c) => countsUnit(c.measure, n.unit?.measures ?? []));
          if (cmps.length === 0 || matches(n, cmps, [])) continue;
          const target = (cmps[0] as FactComparison).expr;
          const enforces = sourceText(ctx.files, file, target.range);
          ctx.report(CATALOG.clauseMismatch, file, where(n.start, n.unit.end),
            `the clause says ${clause.show(n)} ${n.unit.word} but the check enforces \`${enforces}\``,
            { hint: "Make the clause and the check state the same number: the model is told the clause but rewarded for the check.", related: relatedCheck(file, target, enforces) });
          break;
        }
      }
    }

    // HIR7003 -------------------------------------------------------------------------------------
    if (facts.unitless || facts.compared.size === 0) continue;
    const counted = facts.compared;
    const mentioned = numbers.flatMap((n) => (n.unit && n.kind !== "ordinal" && !VAGUE_UNITS.has(n.unit.word) ? [n.unit] : []));
    // A clause that also names a unit the check counts states extra requirements ("one sentence per bullet, 3 bullets"), not a different unit.
    if (mentioned.some((u) => [...counted].some((m) => countsUnit(m, u.measures)))) continue;
    for (const unit of mentioned) {
      // "a one-line summary" with `first_line.words`: the unit names the part the check measures.
      if (unit.measures.some((m) => facts.selectedUnits.has(m))) continue;
      const target = facts.comparisons[0]?.expr ?? check;
      const counts = sourceText(ctx.files, file, target.range);
      const countedUnits = [...counted].map((m) => getBuiltin(m)?.units?.[1] ?? m);
      ctx.report(CATALOG.clauseUnitMismatch, file, where(unit.start, unit.end),
        `the clause talks about ${unit.word} but the check counts ${joinAnd(countedUnits)} (\`${counts}\`)`,
        {
          hint: `Count ${unit.word} in the check (\`${unit.measures[0]}\`), or say ${joinAnd(countedUnits)} in the clause.`,
          related: relatedCheck(file, target, counts),
        });
      break;
    }
  }
}

/**
 * Whether clause number `n` agrees with a comparison or an exact constant of the check.
 * Inequalities and ranges allow ±1 ("under 120 words" is `words < 120` or `words <= 119`); `==` must be exact.
 * A number inside a checked range agrees with it ("a 500-word essay" and `words in 450..550`).
 */
function matches(n: ClauseNumber, cmps: readonly FactComparison[], exact: readonly number[]): boolean {
  return (
    exact.includes(n.value) ||
    cmps.some((c) => c.values.some((v) => v === n.value || (c.tolerant && n.kind !== "ordinal" && Math.abs(v - n.value) <= 1))) ||
    cmps.some((c) => c.range !== undefined && n.kind !== "ordinal" && n.value >= c.range[0] - 1 && n.value <= c.range[1] + 1)
  );
}

/** The related location of a finding: the part of the check it compares with (`text` is its source, already read for the message). */
function relatedCheck(file: string, target: A.Expression, text: string): RelatedLocation[] {
  return [{ file, range: target.range, message: `the check enforces \`${text}\`` }];
}

/** A clause's quantities, and whether the clause is only a label ("Four."). */
interface ClauseReading {
  readonly numbers: readonly ClauseNumber[];
  readonly label: boolean;
}

/**
 * The quantities of a clause, memoized per clause text and interpolated values: reading
 * them is the costliest step of the checker, and a training set repeats its clause
 * templates thousands of times. The memo is bounded; results are never mutated.
 */
const NUMBERS_MEMO = new Map<string, ClauseReading>();
const NUMBERS_MEMO_LIMIT = 20_000;
const NO_NUMBERS: ClauseReading = { numbers: [], label: false };
function clauseNumbers(clause: FlatClause): ClauseReading {
  if (!mayStateNumbers(clause.text)) return NO_NUMBERS;
  const key = clause.values.length === 0 ? clause.text : `${clause.text}\u0000${clause.values.join(",")}`;
  let found = NUMBERS_MEMO.get(key);
  if (!found) {
    const numbers = extractClauseNumbers(clause.text, unitWords(), clause.valueOf);
    found = { numbers, label: numbers.length > 0 && isLabel(clause.text, numbers) };
    if (NUMBERS_MEMO.size >= NUMBERS_MEMO_LIMIT) NUMBERS_MEMO.clear();
    NUMBERS_MEMO.set(key, found);
  }
  return found;
}

/**
 * Whether `measure` counts the unit of one of `unitMeasures`: it is one of them, or it
 * refines one ("3 words in capital letters" and `capital_words`).
 */
function countsUnit(measure: string, unitMeasures: readonly string[]): boolean {
  return unitMeasures.includes(measure) || (getBuiltin(measure)?.refines ?? []).some((r) => unitMeasures.includes(r));
}

/** Whether a text of the check contains the number as written, as a whole word or number. */
function mentions(text: string, written: string): boolean {
  if (!text.toLowerCase().includes(written.toLowerCase()) && !/[^\x00-\x7f]/.test(written + text)) return false;
  let re = MENTION_PATTERNS.get(written);
  if (!re) {
    const escaped = written.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    re = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "iu");
    if (MENTION_PATTERNS.size >= NUMBERS_MEMO_LIMIT) MENTION_PATTERNS.clear();
    MENTION_PATTERNS.set(written, re);
  }
  return re.test(text);
}
const MENTION_PATTERNS = new Map<string, RegExp>();

const ONLY_SPACE_AND_PUNCT = /^[\s\p{P}]*$/u;

/** A clause that is nothing but a number ("Four.") is a label, not a statement about a quantity. */
function isLabel(text: string, numbers: readonly ClauseNumber[]): boolean {
  const first = numbers[0];
  if (numbers.length !== 1 || first === undefined) return false;
  // Stripping works character by character: when the number is written where it stands, a letter
  // or digit before or after it ("Step 4.") already makes the two sides differ.
  if (text.slice(first.start, first.end) === first.written && !(ONLY_SPACE_AND_PUNCT.test(text.slice(0, first.start)) && ONLY_SPACE_AND_PUNCT.test(text.slice(first.end)))) return false;
  return text.replace(/[\s\p{P}]+/gu, "").toLowerCase() === first.written.replace(/[\s\p{P}]+/gu, "").toLowerCase();
}

function wellTyped(check: A.Expression, typing: Typing): boolean {
  return typing.typeOf(check) === "bool" && fullyTyped(check, typing);
}

/** Whether no part of `e` has an unknown type (stops at the first that has). */
function fullyTyped(e: A.Expression, typing: Typing): boolean {
  if (typing.typeOf(e) === "unknown") return false;
  switch (e.kind) {
    case "List": return e.items.every((i) => fullyTyped(i, typing));
    case "Call": return (!e.subject || fullyTyped(e.subject, typing)) && e.args.every((a) => fullyTyped(a.value, typing));
    case "Unary": return fullyTyped(e.operand, typing);
    case "Binary": return fullyTyped(e.left, typing) && fullyTyped(e.right, typing);
    case "InRange": return fullyTyped(e.subject, typing) && fullyTyped(e.low, typing) && fullyTyped(e.high, typing);
    case "Paren": return fullyTyped(e.inner, typing);
    default: return true;
  }
}

// ---- the check's side ------------------------------------------------------------------------------

interface FactComparison {
  readonly expr: A.Expression;
  /** The measure's name (`words`), whatever its subject. */
  readonly measure: string;
  readonly values: readonly number[];
  /** An inequality or a range, where clause wording may be off by one (strict vs inclusive). */
  readonly tolerant: boolean;
  /** For `x in lo..hi`: the bounds. */
  readonly range?: readonly [number, number];
}

interface CheckFacts {
  /** Comparisons of a counting measure with constants (ranges included). */
  readonly comparisons: readonly FactComparison[];
  /** Every measure the check compares with anything (constant or not). */
  readonly compared: ReadonlySet<string>;
  /** Measures of the units the check's selectors pick (`first_line` picks a line: `lines`). */
  readonly selectedUnits: ReadonlySet<string>;
  /** Constants matched exactly: call arguments (`paragraph(2)`), regex counts (`{3}`), `first_*` selectors (1). */
  readonly exact: readonly number[];
  /** Texts in the check (a clause number they contain is not a quantity). */
  readonly texts: readonly string[];
  /** A measure is compared with something that is not constant: numbers cannot be checked. */
  readonly openBounds: boolean;
  /** A counting measure without unit words (`count`, `count_matches`) is used. */
  readonly unitless: boolean;
}

const NO_UNITS: ReadonlySet<string> = new Set();

function checkFacts(check: A.Expression, typing: Typing): CheckFacts {
  const comparisons: FactComparison[] = [];
  const compared = new Set<string>();
  let selectedUnits: Set<string> | undefined; // most checks select no part: no Set for them
  const exact: number[] = [];
  const texts: string[] = [];
  let openBounds = false;
  let unitless = false;
  walkExpression(check, (e) => {
    switch (e.kind) {
      case "Binary": {
        if (!isCmpOp(e.op)) break;
        const c = asComparison(e, typing);
        if (!c) {
          const m = measureRef(e.left, typing) ?? measureRef(e.right, typing);
          if (m) {
            openBounds = true;
            if (m.spec.result === "int") compared.add(m.spec.name);
          }
          break;
        }
        const m = measureRef(c.measure, typing);
        if (m && typeof c.value === "number") compared.add(m.spec.name);
        if (m && typeof c.value === "number") comparisons.push({ expr: e, measure: m.spec.name, values: [c.value], tolerant: c.op !== "==" && c.op !== "!=" });
        break;
      }
      case "InRange": {
        const m = measureRef(e.subject, typing);
        if (!m) break;
        compared.add(m.spec.name);
        const lo = typing.constOf(e.low, true);
        const hi = typing.constOf(e.high, true);
        if (typeof lo === "number" && typeof hi === "number") comparisons.push({ expr: e, measure: m.spec.name, values: [lo, hi], tolerant: true, range: [lo, hi] });
        else openBounds = true;
        break;
      }
      case "Call":
      case "Name": {
        const r = typing.resolutionOf(e);
        if (r?.kind === "builtin") {
          if (r.spec.kind === "measure" && r.spec.result === "int" && !r.spec.units) unitless = true;
          if (r.spec.name === "first_line" || r.spec.name === "first_paragraph") exact.push(1);
          if (r.spec.kind === "selector" && /line/.test(r.spec.name)) (selectedUnits ??= new Set()).add("lines");
          if (r.spec.kind === "selector" && /paragraph/.test(r.spec.name)) (selectedUnits ??= new Set()).add("paragraphs");
          if (r.args.size > 0) {
            for (const arg of r.args.values()) {
              const v = typing.constOf(arg, true);
              if (typeof v === "number") exact.push(v);
            }
          }
        }
        break;
      }
      case "String":
        texts.push(e.value);
        break;
      case "Regex":
        for (const m of e.pattern.matchAll(/\{(\d+)(?:,(\d*))?\}/g)) {
          exact.push(Number(m[1]));
          if (m[2]) exact.push(Number(m[2]));
        }
        break;
      default:
        break;
    }
    if (e.kind === "Name") {
      const r = typing.resolutionOf(e);
      if (r?.kind === "input" && r.decl.default) {
        const v = typing.constOf(r.decl.default);
        if (typeof v === "string") texts.push(v);
        else if (Array.isArray(v)) for (const x of v) texts.push(x);
      }
    }
  });
  return { comparisons, compared, selectedUnits: selectedUnits ?? NO_UNITS, exact, texts, openBounds, unitless };
}

// ---- the clause's side -----------------------------------------------------------------------------

interface FlatClause {
  /** The decoded clause, each `{{name}}` replaced by one placeholder character. */
  readonly text: string;
  /** The numeric value of each interpolation, in order. */
  readonly values: readonly (number | undefined)[];
  readonly valueOf: (k: number) => number | undefined;
  /** How a number reads in a message: "three (3)", "120", "{{max_words}} (150)". */
  readonly show: (n: ClauseNumber) => string;
  readonly range: (start: number, end: number, idx: LineIndex) => Range;
}

/** The clause as plain text with source offsets, so diagnostics can point inside it. */
function flattenClause(source: string, clause: A.StringLiteral, inputs: readonly A.InputDecl[], typing: Typing): FlatClause | undefined {
  const image = source.slice(clause.range.start.offset, clause.range.end.offset);
  const plain = plainStringValue(image);
  if (plain !== undefined) return plainClause(plain, clause);
  const decoded = decodeString(image, clause.range.start.offset);
  const chars = decoded.chars;
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  const values: (number | undefined)[] = [];
  const written: string[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    if (!c) break;
    if (c.ch === "{" && !c.escaped && chars[i + 1]?.ch === "{" && !chars[i + 1]?.escaped) {
      let j = i + 2;
      let inner = "";
      while (j < chars.length && !(chars[j]?.ch === "}" && chars[j + 1]?.ch === "}" && !chars[j]?.escaped) && inner.length <= 200) {
        inner += chars[j]?.ch ?? "";
        j++;
      }
      const name = inner.trim();
      if (j < chars.length && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && values.length < 6000) {
        const input = inputs.find((x) => x.name.name === name);
        const v = input?.default ? typing.constOf(input.default) : undefined;
        text += interpolationChar(values.length);
        values.push(typeof v === "number" ? v : undefined);
        written.push(`{{${name}}}`);
        starts.push(c.offset);
        ends.push((chars[j + 1]?.offset ?? c.offset) + 1);
        i = j + 2;
        continue;
      }
    }
    text += c.ch;
    starts.push(c.offset);
    ends.push(c.offset + (c.escaped ? 2 : 1));
    i++;
  }
  if (text.length !== starts.length) return undefined;
  return {
    text,
    values,
    valueOf: (k) => values[k],
    show: (n) => {
      if (n.kind === "interpolation") return `${written[n.written.charCodeAt(0) - 0xe000] ?? "{{?}}"} (${n.value})`;
      return n.kind === "digits" ? n.written : `${n.written} (${n.value})`;
    },
    range: (start, end, idx) => {
      const s = starts[start];
      const e = ends[Math.max(start, end - 1)];
      return s === undefined || e === undefined ? clause.range : idx.range(s, e);
    },
  };
}

const NO_VALUES: readonly (number | undefined)[] = [];
const noValue = (): undefined => undefined;

/**
 * A one-line literal without escapes or `{{`: its text is its source between the quotes, so
 * character k sits at offset start + 1 + k (what the general path's per-character table holds).
 */
function plainClause(text: string, clause: A.StringLiteral): FlatClause {
  const base = clause.range.start.offset + 1;
  return {
    text,
    values: NO_VALUES,
    valueOf: noValue,
    show: showPlain,
    range: (start, end, idx) => {
      const last = Math.max(start, end - 1);
      return start < 0 || start >= text.length || last >= text.length ? clause.range : idx.range(base + start, base + last + 1);
    },
  };
}

/** `show` for a clause without interpolations. */
function showPlain(n: ClauseNumber): string {
  if (n.kind === "interpolation") return `{{?}} (${n.value})`;
  return n.kind === "digits" ? n.written : `${n.written} (${n.value})`;
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
