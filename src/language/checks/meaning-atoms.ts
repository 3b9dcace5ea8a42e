/**
 * Normalises check expressions into atoms the meaning passes reason about:
 *
 *  - numeric bounds on a measure (`words <= 100`, `bullets in 2..4`, `chars != 0`),
 *    keyed by the measure, its subject and its constant arguments;
 *  - equality of a text measure (`language == "de"`);
 *  - phrase presence (`contains`, `contains_any`, `contains_all`, negated or not);
 *  - prefixes and suffixes (`starts_with`, `ends_with`);
 *  - the polarity of any other predicate (`is_json`, `matches(/x/)`).
 *
 * A check contributes the atoms of its top-level conjunction (`and`, parentheses,
 * `not (a or b)`); whatever sits under `or` is skipped. Inputs are read at their
 * defaults, and each atom remembers which defaults it relied on.
 */
import type * as A from "../ast.js";
import type { BuiltinSpec } from "../builtins/registry.js";
import type { Range } from "../diagnostics/types.js";
import type { ConstValue, Typing } from "../typing/table.js";

export type CmpOp = "==" | "!=" | "<" | "<=" | ">" | ">=";

const NEGATE: Readonly<Record<CmpOp, CmpOp>> = { "==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<" };
const FLIP: Readonly<Record<CmpOp, CmpOp>> = { "==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

export function isCmpOp(op: string): op is CmpOp {
  return op in NEGATE;
}

export function unwrap(e: A.Expression): A.Expression {
  let x = e;
  while (x.kind === "Paren") x = x.inner;
  return x;
}

/** Where an atom came from: the constraint, its file, and the expression to point at. */
export interface Origin {
  readonly decl: A.ConstraintDecl;
  readonly file: string;
  /** The expression as written, including any `not` around it. */
  readonly expr: A.Expression;
  /** Inputs read at their defaults, as `name = value`. */
  readonly defaults: readonly string[];
}

// ---- intervals ---------------------------------------------------------------------------------

/** A set of numbers `lo..hi`; open ends exclude the bound. Integer intervals are always closed. */
export interface Interval {
  readonly lo: number;
  readonly loOpen: boolean;
  readonly hi: number;
  readonly hiOpen: boolean;
}

export const EVERYTHING: Interval = { lo: -Infinity, loOpen: true, hi: Infinity, hiOpen: true };
export const COUNTS: Interval = { lo: 0, loOpen: false, hi: Infinity, hiOpen: true };

export function intervalOf(op: Exclude<CmpOp, "!=">, v: number): Interval {
  switch (op) {
    case "==": return { lo: v, loOpen: false, hi: v, hiOpen: false };
    case "<": return { lo: -Infinity, loOpen: true, hi: v, hiOpen: true };
    case "<=": return { lo: -Infinity, loOpen: true, hi: v, hiOpen: false };
    case ">": return { lo: v, loOpen: true, hi: Infinity, hiOpen: true };
    case ">=": return { lo: v, loOpen: false, hi: Infinity, hiOpen: true };
  }
}

/** For integer measures, `< 5` is `<= 4` and `>= 2.5` is `>= 3`. */
export function tighten(iv: Interval, integer: boolean): Interval {
  if (!integer) return iv;
  const lo = Number.isFinite(iv.lo) ? (iv.loOpen ? Math.floor(iv.lo) + 1 : Math.ceil(iv.lo)) : iv.lo;
  const hi = Number.isFinite(iv.hi) ? (iv.hiOpen ? Math.ceil(iv.hi) - 1 : Math.floor(iv.hi)) : iv.hi;
  return { lo, loOpen: !Number.isFinite(lo), hi, hiOpen: !Number.isFinite(hi) };
}

export function intersect(a: Interval, b: Interval): Interval {
  // No tuples: the contradiction pass intersects once per bound of every constraint.
  const lo = b.lo > a.lo ? b.lo : a.lo;
  const loOpen = a.lo > b.lo ? a.loOpen : b.lo > a.lo ? b.loOpen : a.loOpen || b.loOpen;
  const hi = b.hi < a.hi ? b.hi : a.hi;
  const hiOpen = a.hi < b.hi ? a.hiOpen : b.hi < a.hi ? b.hiOpen : a.hiOpen || b.hiOpen;
  return { lo, loOpen, hi, hiOpen };
}

export function isEmptyInterval(iv: Interval): boolean {
  return iv.lo > iv.hi || (iv.lo === iv.hi && (iv.loOpen || iv.hiOpen));
}

/** Whether every value of `inner` lies in `outer`. */
export function contains(outer: Interval, inner: Interval): boolean {
  if (isEmptyInterval(inner)) return true;
  const loOk = outer.lo < inner.lo || (outer.lo === inner.lo && (!outer.loOpen || inner.loOpen));
  const hiOk = outer.hi > inner.hi || (outer.hi === inner.hi && (!outer.hiOpen || inner.hiOpen));
  return loOk && hiOk;
}

export function inInterval(iv: Interval, v: number): boolean {
  return (v > iv.lo || (v === iv.lo && !iv.loOpen)) && (v < iv.hi || (v === iv.hi && !iv.hiOpen));
}

// ---- measures and subjects ---------------------------------------------------------------------

export interface MeasureRef {
  readonly spec: BuiltinSpec;
  /** Measure name, canonical subject and constant arguments: equal keys measure the same thing. */
  readonly key: string;
  /** True for whole-number measures (every count). */
  readonly integer: boolean;
  /** The values the measure can take at all. */
  readonly natural: Interval;
  readonly defaults: readonly string[];
}

/**
 * The answers of `measureRef` for each typing table: the contradiction, always-true and
 * clause passes each ask about every comparison of every check. Answers are never mutated.
 */
const MEASURE_REFS = new WeakMap<Typing, Map<A.Expression, MeasureRef | null>>();

/** A built-in measure applied to a constant subject and arguments, or undefined. */
export function measureRef(e: A.Expression, typing: Typing): MeasureRef | undefined {
  let known = MEASURE_REFS.get(typing);
  if (known === undefined) {
    known = new Map();
    MEASURE_REFS.set(typing, known);
  }
  const hit = known.get(e);
  if (hit !== undefined) return hit ?? undefined;
  const m = readMeasureRef(e, typing);
  known.set(e, m ?? null);
  return m;
}

function readMeasureRef(e: A.Expression, typing: Typing): MeasureRef | undefined {
  const x = unwrap(e);
  if (x.kind !== "Call" && x.kind !== "Name") return undefined;
  const r = typing.resolutionOf(x);
  if (r?.kind !== "builtin" || r.spec.kind !== "measure") return undefined;
  const defaults: string[] = [];
  const subject = x.kind === "Call" ? canonicalSubject(x.subject, typing, defaults) : "";
  const args = canonicalArgs(r.spec, r.args, typing, defaults);
  if (subject === undefined || args === undefined) return undefined;
  const integer = r.spec.result === "int";
  return {
    spec: r.spec,
    key: `${subject}|${r.spec.name}|${args}`,
    integer,
    natural: integer ? COUNTS : EVERYTHING,
    defaults,
  };
}

const PART_SELECTORS = new Set(["first_line", "last_line", "first_paragraph", "last_paragraph", "paragraph", "line"]);

/**
 * A canonical spelling of a subject: "" for the whole response; `paragraph(1)` and
 * `first_paragraph` spell the same. Undefined when the subject is not constant.
 */
export function canonicalSubject(e: A.Expression | undefined, typing: Typing, defaults: string[] = []): string | undefined {
  if (!e) return "";
  const x = unwrap(e);
  if (x.kind !== "Call" && x.kind !== "Name") return undefined;
  const r = typing.resolutionOf(x);
  if (r?.kind !== "builtin" || r.spec.kind !== "selector") return undefined;
  const inner = x.kind === "Call" ? canonicalSubject(x.subject, typing, defaults) : "";
  if (inner === undefined) return undefined;
  if (r.spec.name === "response") return inner;
  let name = r.spec.name;
  let args = canonicalArgs(r.spec, r.args, typing, defaults);
  if (args === undefined) return undefined;
  if ((name === "paragraph" || name === "line") && args === "n=1") {
    name = `first_${name}`;
    args = "";
  }
  return `${inner ? `${inner}.` : ""}${name}(${args})`;
}

/** Whether text found in subject `part` is necessarily also in subject `whole`. */
export function subjectWithin(part: string, whole: string): boolean {
  if (part === whole) return true;
  if (whole !== "") return false;
  // Part selectors pick a piece of the response; `lowercase` changes the text.
  return part.split(".").every((s) => PART_SELECTORS.has(s.replace(/\(.*$/, "")));
}

function canonicalArgs(spec: BuiltinSpec, bound: ReadonlyMap<string, A.Expression>, typing: Typing, defaults: string[]): string | undefined {
  const parts: string[] = [];
  for (const p of spec.params) {
    const arg = bound.get(p.name);
    let v: ConstValue | undefined;
    if (arg) {
      v = typing.constOf(arg, true);
      if (v === undefined) return undefined;
      noteDefaults(arg, typing, defaults);
    } else {
      v = p.default;
    }
    if (v !== undefined) parts.push(`${p.name}=${JSON.stringify(v)}`);
  }
  return parts.join(",");
}

/** Records the inputs an expression reads at their defaults (`max_words = 150`). */
export function noteDefaults(x: A.Expression, typing: Typing, out: string[]): void {
  switch (x.kind) {
    case "Name": {
      const r = typing.resolutionOf(x);
      if (r?.kind === "input" && r.decl.default) {
        const v = typing.constOf(r.decl.default);
        const note = `\`${r.decl.name.name}\` = ${JSON.stringify(v)}`;
        if (v !== undefined && !out.includes(note)) out.push(note);
      }
      break;
    }
    case "Paren": noteDefaults(x.inner, typing, out); break;
    case "Unary": noteDefaults(x.operand, typing, out); break;
    case "Binary": noteDefaults(x.left, typing, out); noteDefaults(x.right, typing, out); break;
    case "List": for (const i of x.items) noteDefaults(i, typing, out); break;
    default: break;
  }
}

// ---- atoms -------------------------------------------------------------------------------------

export interface Phrase {
  readonly text: string;
  readonly wholeWords: boolean;
  readonly ignoreCase: boolean;
}

export type AtomBody =
  | { readonly kind: "bound"; readonly measure: MeasureRef; readonly interval: Interval }
  | { readonly kind: "exclude"; readonly measure: MeasureRef; readonly value: number }
  | { readonly kind: "text-eq"; readonly measure: MeasureRef; readonly value: string; readonly equal: boolean }
  /**
   * Phrase presence in a subject. `all`: every phrase occurs; `any`: at least one does;
   * `none`: no phrase occurs; `not-all`: at least one phrase is missing.
   */
  | { readonly kind: "presence"; readonly subject: string; readonly mode: "all" | "any" | "none" | "not-all"; readonly phrases: readonly Phrase[] }
  | { readonly kind: "affix"; readonly subject: string; readonly end: "start" | "end"; readonly text: string; readonly ignoreCase: boolean; readonly positive: boolean }
  | { readonly kind: "predicate"; readonly key: string; readonly positive: boolean };

export type Atom = AtomBody & { readonly origin: Origin };

/**
 * The atoms a check requires together: its top-level conjunction, with `not`
 * pushed inward through `or` (De Morgan) and comparisons. Parts under a positive
 * `or` are skipped; so is anything the atoms cannot describe.
 */
export function checkAtoms(decl: A.ConstraintDecl, file: string, typing: Typing): Atom[] {
  if (decl.body?.kind !== "Check") return [];
  const out: Atom[] = [];
  const walk = (e: A.Expression, positive: boolean, display: A.Expression): void => {
    const x = unwrap(e);
    if (x.kind === "Binary" && ((x.op === "and" && positive) || (x.op === "or" && !positive))) {
      walk(x.left, positive, x.left);
      walk(x.right, positive, x.right);
      return;
    }
    if (x.kind === "Unary" && x.op === "not") {
      walk(x.operand, !positive, display);
      return;
    }
    const origin: Origin = { decl, file, expr: display, defaults: [] };
    const atom = leafAtom(x, positive, typing, origin.defaults as string[], origin);
    if (atom) out.push(atom);
  };
  walk(decl.body.expression, true, decl.body.expression);
  return out;
}

/** A comparison `measure op constant` (either side), normalised so the measure is on the left. */
export interface Comparison {
  readonly measure: A.Expression;
  readonly op: CmpOp;
  readonly value: ConstValue;
  readonly valueExpr: A.Expression;
}

export function asComparison(x: A.BinaryExpression, typing: Typing): Comparison | undefined {
  if (!isCmpOp(x.op)) return undefined;
  const r = typing.constOf(x.right, true);
  if (r !== undefined && typing.constOf(x.left, true) === undefined) return { measure: x.left, op: x.op, value: r, valueExpr: x.right };
  const l = typing.constOf(x.left, true);
  if (l !== undefined && typing.constOf(x.right, true) === undefined) return { measure: x.right, op: FLIP[x.op], value: l, valueExpr: x.left };
  return undefined;
}

/** The atom of one leaf of a check, built with its origin (whose `defaults` are `defaults`). */
function leafAtom(x: A.Expression, positive: boolean, typing: Typing, defaults: string[], origin: Origin): Atom | undefined {
  if (x.kind === "Binary") {
    const c = asComparison(x, typing);
    if (!c) return undefined;
    const m = measureRef(c.measure, typing);
    if (!m) return undefined;
    for (const d of m.defaults) defaults.push(d);
    noteDefaults(c.valueExpr, typing, defaults);
    const op = positive ? c.op : NEGATE[c.op];
    if (typeof c.value === "number" && m.spec.result !== "text") {
      if (op === "!=") return { kind: "exclude", measure: m, value: c.value, origin };
      return { kind: "bound", measure: m, interval: intervalOf(op, c.value), origin };
    }
    if (typeof c.value === "string" && m.spec.result === "text" && (op === "==" || op === "!=")) {
      return { kind: "text-eq", measure: m, value: c.value, equal: op === "==", origin };
    }
    return undefined;
  }
  if (x.kind === "InRange") {
    if (!positive) return undefined;
    const m = measureRef(x.subject, typing);
    const lo = typing.constOf(x.low, true);
    const hi = typing.constOf(x.high, true);
    if (!m || typeof lo !== "number" || typeof hi !== "number" || lo > hi) return undefined;
    for (const d of m.defaults) defaults.push(d);
    noteDefaults(x.low, typing, defaults);
    noteDefaults(x.high, typing, defaults);
    return { kind: "bound", measure: m, interval: { lo, loOpen: false, hi, hiOpen: false }, origin };
  }
  if (x.kind === "Call" || x.kind === "Name") return predicateAtom(x, positive, typing, defaults, origin);
  return undefined;
}

function predicateAtom(x: A.CallExpression | A.NameRef, positive: boolean, typing: Typing, defaults: string[], origin: Origin): Atom | undefined {
  const r = typing.resolutionOf(x);
  if (r?.kind !== "builtin" || r.spec.kind !== "predicate") return undefined;
  const subject = x.kind === "Call" ? canonicalSubject(x.subject, typing, defaults) : "";
  if (subject === undefined) return undefined;
  const args: Record<string, ConstValue> = {};
  for (const p of r.spec.params) {
    const a = r.args.get(p.name);
    const v = a ? typing.constOf(a, true) : p.default;
    if (v === undefined) return undefined;
    if (a) noteDefaults(a, typing, defaults);
    args[p.name] = v;
  }
  const ww = args["whole_words"] === true;
  const ic = args["ignore_case"] === true;
  switch (r.spec.name) {
    case "contains": {
      const text = args["phrase"];
      if (typeof text !== "string" || text === "") return undefined;
      return { kind: "presence", subject, mode: positive ? "all" : "none", phrases: [{ text, wholeWords: ww, ignoreCase: ic }], origin };
    }
    case "contains_any":
    case "contains_all": {
      const list = args["phrases"];
      if (!Array.isArray(list) || list.length === 0 || list.some((t) => t === "")) return undefined;
      const phrases = (list as readonly string[]).map((text) => ({ text, wholeWords: ww, ignoreCase: ic }));
      const mode = r.spec.name === "contains_any" ? (positive ? "any" : "none") : positive ? "all" : "not-all";
      return { kind: "presence", subject, mode, phrases, origin };
    }
    case "starts_with":
    case "ends_with": {
      const text = args[r.spec.name === "starts_with" ? "prefix" : "suffix"];
      if (typeof text !== "string" || text.trim() === "") return undefined;
      return { kind: "affix", subject, end: r.spec.name === "starts_with" ? "start" : "end", text, ignoreCase: ic, positive, origin };
    }
    default:
      return { kind: "predicate", key: `${subject}|${r.spec.name}|${JSON.stringify(args)}`, positive, origin };
  }
}

// ---- phrases -----------------------------------------------------------------------------------

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Whether the presence of `p` guarantees the presence of `q` (same subject). */
export function phraseImplies(p: Phrase, q: Phrase): boolean {
  if (p.text === "" || q.text === "") return false;
  let P: string;
  let Q: string;
  if (q.ignoreCase) {
    P = p.text.toLowerCase();
    Q = q.text.toLowerCase();
  } else if (p.ignoreCase) {
    return false;
  } else {
    P = p.text;
    Q = q.text;
  }
  if (!q.wholeWords) return P.includes(Q);
  // q must sit at word boundaries: inside p at non-word neighbours, or at p's edges when p itself is whole-word.
  if (!WORD_CHAR.test(Q.charAt(0)) || !WORD_CHAR.test(Q.charAt(Q.length - 1))) return p.wholeWords && P === Q;
  for (let i = P.indexOf(Q); i >= 0; i = P.indexOf(Q, i + 1)) {
    const before = i === 0 ? (p.wholeWords ? "" : "x") : P.charAt(i - 1);
    const afterIdx = i + Q.length;
    const after = afterIdx === P.length ? (p.wholeWords ? "" : "x") : P.charAt(afterIdx);
    if (!WORD_CHAR.test(before) && !WORD_CHAR.test(after)) return true;
  }
  return false;
}

// ---- printing ----------------------------------------------------------------------------------

/** A canonical spelling of an expression (for comparing two expressions structurally). */
export function printExpression(e: A.Expression): string {
  switch (e.kind) {
    case "Number": return String(e.value);
    case "String": return JSON.stringify(e.value);
    case "Boolean": return String(e.value);
    case "Regex": return `/${e.pattern}/${e.flags}`;
    case "List": return `[${e.items.map(printExpression).join(", ")}]`;
    case "Name": return e.name.name;
    case "Call": {
      const args = e.args.map((a) => `${a.name ? `${a.name.name}: ` : ""}${printExpression(a.value)}`).join(", ");
      return `${e.subject ? `${printExpression(e.subject)}.` : ""}${e.callee.name}(${args})`;
    }
    case "Unary": return e.op === "not" ? `not ${printExpression(e.operand)}` : `-${printExpression(e.operand)}`;
    case "Binary": return `(${printExpression(e.left)} ${e.op} ${printExpression(e.right)})`;
    case "InRange": return `(${printExpression(e.subject)} in ${printExpression(e.low)}..${printExpression(e.high)})`;
    case "Paren": return printExpression(e.inner);
    case "Error": return "<error>";
  }
}

/** The source text of a range, with runs of whitespace collapsed (for messages). */
export function sourceText(files: ReadonlyMap<string, A.SourceFile>, file: string, range: Range): string {
  const text = files.get(file)?.text ?? "";
  const s = text.slice(range.start.offset, range.end.offset).replace(/\s+/g, " ").trim();
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
