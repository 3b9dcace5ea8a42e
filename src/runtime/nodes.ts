/**
 * Expression node semantics, one helper per expression kind, shared by both
 * verifier backends: the IR interpreter (src/runtime/evaluate.ts) dispatches on the
 * IR and calls these helpers; generated verifiers (src/runtime/compiled.ts,
 * src/compiler/codegen) call them directly from their check functions. So the
 * value, the evidence text ("found 4 bullet lines (lines 3, 7, 9, 12); expected
 * exactly 3") and the measured quantity are computed by one implementation.
 *
 * Each node yields its value and a `text` describing it: measures a noun phrase,
 * predicates and comparisons a statement of fact, selectors where they point.
 * Helpers throw BuiltinError when a value has the wrong type (the constraint is then
 * `unknown`).
 */
import type { ComparisonOp } from "../compiler/ir.js";
import { excerpt } from "./builtins/text.js";
import { BuiltinError, type BuiltinOutcome, type RuntimeValue } from "./builtins/types.js";
import type { ResolvedInputs } from "./inputs.js";

/** A value with the text that explains it. */
export interface Node {
  readonly value: RuntimeValue;
  readonly text: string;
  /** The quantity this node reports (a count, a detected language...). */
  readonly measured?: unknown;
  /** Set on predicate calls: the text describes the subject, so negation can say "which is not allowed". */
  readonly predicate?: boolean;
  /** A constant (literal or input): comparisons report the other side as "found". */
  readonly constant?: boolean;
}

export function display(v: RuntimeValue): string {
  if (typeof v === "string") return excerpt(v, 60);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${(v as readonly string[]).map((x) => excerpt(x, 40)).join(", ")}]`;
  const r = v as { pattern: string; flags: string };
  return `/${r.pattern}/${r.flags}`;
}

/** The value of a check (the root node of a hard constraint), which must be true or false. */
export function checkValue(n: Node): boolean {
  if (typeof n.value !== "boolean") throw new BuiltinError(`the check evaluates to ${display(n.value)}, not true or false`);
  return n.value;
}

// ---- leaves ------------------------------------------------------------------------------------------------

/** A number, text or bool literal. */
export function literal(value: number | string | boolean): Node {
  return { value, text: display(value), constant: true };
}

export function regexLiteral(pattern: string, flags: string): Node {
  return { value: { pattern, flags }, text: `/${pattern}/${flags}`, constant: true };
}

export function list(items: readonly Node[]): Node {
  const values = items.map((i) => i.value);
  if (!values.every((i): i is string => typeof i === "string")) throw new BuiltinError("a list holds a value that is not a text");
  return { value: values, text: display(values), constant: true };
}

export function input(inputs: ResolvedInputs, name: string): Node {
  const v = inputs[name];
  if (v === undefined) throw new BuiltinError(`input \`${name}\` has no value`);
  const text = typeof v === "boolean" ? `\`${name}\` is ${v}` : `${display(v)} (\`${name}\`)`;
  return { value: v, text, constant: true, measured: v };
}

// ---- built-in calls ----------------------------------------------------------------------------------------

/** The text a built-in reads when it is given a subject (a selector's result). */
export function subjectText(subject: Node, name: string): string {
  if (typeof subject.value !== "string") throw new BuiltinError(`\`${name}\` applies to a text, not ${display(subject.value)}`);
  return subject.value;
}

/** A measure's outcome (a count, a detected language...): its detail, located in the subject when there is one. */
export function measure(out: BuiltinOutcome, where: string | undefined): Node {
  return { value: out.value, text: where ? `${out.detail} in ${where}` : out.detail, measured: out.value };
}

/** A predicate's outcome: a statement about its subject (the response by default). */
export function predicate(out: BuiltinOutcome, where: string | undefined): Node {
  return { value: out.value, text: `${where ?? "the response"} ${out.detail}`, measured: out.value, predicate: true };
}

/** A selector's outcome (a part of the text); `unit` is the registry's phrase for it ("the last paragraph"). */
export function selector(
  name: string,
  unit: string | undefined,
  out: BuiltinOutcome,
  where: string | undefined,
  callArgs: Readonly<Record<string, RuntimeValue>>,
): Node {
  return { value: out.value, text: selectorText(name, unit, out.detail, where, callArgs) };
}

function selectorText(name: string, unit: string | undefined, detail: string, where: string | undefined, a: Readonly<Record<string, RuntimeValue>>): string {
  if (name === "response") return where ?? "the response";
  if (name === "lowercase") return `${where ?? "the response"} in lower case`;
  const n = a["n"];
  const base = unit ?? `the ${name.replace(/_/g, " ")}`;
  const phrase = typeof n === "number" ? `${base.replace(/^the /, "")} ${n}` : base;
  if (!where) return `${phrase} (${detail})`;
  return detail.startsWith("empty") ? `${phrase} of ${where} (${detail})` : `${phrase} of ${where}`;
}

// ---- operators ---------------------------------------------------------------------------------------------

function bool(v: RuntimeValue, op: string): boolean {
  if (typeof v !== "boolean") throw new BuiltinError(`\`${op}\` needs true or false, not ${display(v)}`);
  return v;
}

function num(v: RuntimeValue, op: string): number {
  if (typeof v !== "number") throw new BuiltinError(`\`${op}\` needs a number, not ${display(v)}`);
  return v;
}

function measuredOf(n: Node): { measured?: unknown } {
  return n.measured !== undefined ? { measured: n.measured } : {};
}

/** `not x` where x is neither a comparison nor a range test. */
export function not(operand: Node): Node {
  const v = bool(operand.value, "not");
  const text = v ? `${operand.text}, which is not allowed` : operand.text;
  return { value: !v, text, ...measuredOf(operand) };
}

/** `not (l op r)`: described as the negated comparison (`not (a == b)` reads as `a != b`). `inner` is the comparison's node. */
export function notCompare(op: ComparisonOp, inner: Node, l: Node, r: Node): Node {
  const v = bool(inner.value, "not");
  return { value: !v, text: describeCompare(op, l, r, true), ...measuredOf(inner) };
}

/** `not (x in a..b)`. */
export function notInRange(inner: Node): Node {
  const v = bool(inner.value, "not");
  return { value: !v, text: `${inner.text.replace(/; expected between /, "; expected outside ")}`, ...measuredOf(inner) };
}

/** `a and b and ...`: every operand is evaluated (no short circuit). */
export function and(parts: readonly Node[]): Node {
  const values = parts.map((p) => bool(p.value, "and"));
  const measured = parts.map((p) => p.measured ?? p.value);
  const ok = values.every(Boolean);
  const shown = ok ? parts : parts.filter((_, i) => !values[i]);
  return { value: ok, text: shown.map((p) => p.text).join("; "), measured };
}

export function or(parts: readonly Node[]): Node {
  const values = parts.map((p) => bool(p.value, "or"));
  const measured = parts.map((p) => p.measured ?? p.value);
  const first = values.indexOf(true);
  if (first >= 0) return { value: true, text: (parts[first] as Node).text, measured };
  return { value: false, text: `none of the alternatives holds: ${parts.map((p) => p.text).join("; or ")}`, measured };
}

export function compare(op: ComparisonOp, l: Node, r: Node): Node {
  const value = compareValues(op, l.value, r.value);
  const quantity = l.constant && !r.constant ? r : l;
  return { value, text: describeCompare(op, l, r, false), measured: quantity.measured ?? quantity.value };
}

export function inRange(s: Node, lo: Node, hi: Node): Node {
  const v = num(s.value, "in");
  const value = v >= num(lo.value, "in") && v <= num(hi.value, "in");
  return { value, text: `found ${s.text}; expected between ${lo.text} and ${hi.text}`, measured: s.measured ?? s.value };
}

export function arith(op: "+" | "-" | "*", l: Node, r: Node): Node {
  const a = num(l.value, op);
  const b = num(r.value, op);
  const value = op === "+" ? a + b : op === "-" ? a - b : a * b;
  const constant = l.constant === true && r.constant === true;
  return { value, text: constant ? String(value) : `${value} (${l.text} ${op} ${r.text})`, measured: value, ...(constant ? { constant } : {}) };
}

export function neg(operand: Node): Node {
  const value = -num(operand.value, "-");
  return { value, text: operand.constant ? String(value) : `${value} (minus ${operand.text})`, measured: value, ...(operand.constant ? { constant: true } : {}) };
}

function compareValues(op: ComparisonOp, a: RuntimeValue, b: RuntimeValue): boolean {
  if (op === "==" || op === "!=") {
    const same = typeof a === typeof b && (typeof a === "number" || typeof a === "string" || typeof a === "boolean");
    if (!same) throw new BuiltinError(`cannot compare ${display(a)} with ${display(b)}`);
    return op === "==" ? a === b : a !== b;
  }
  const x = num(a, op);
  const y = num(b, op);
  switch (op) {
    case "<": return x < y;
    case "<=": return x <= y;
    case ">": return x > y;
    case ">=": return x >= y;
  }
}

const NEGATE: Readonly<Record<ComparisonOp, ComparisonOp>> = { "==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<" };
const FLIP: Readonly<Record<ComparisonOp, ComparisonOp>> = { "==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

function expectation(op: ComparisonOp, numeric: boolean): string {
  switch (op) {
    case "==": return numeric ? "exactly " : "";
    case "!=": return "anything but ";
    case "<": return "less than ";
    case "<=": return "at most ";
    case ">": return "more than ";
    case ">=": return "at least ";
  }
}

/** "found X; expected at most Y", with the non-constant side reported as found. */
function describeCompare(op: ComparisonOp, l: Node, r: Node, negated: boolean): string {
  let o = negated ? NEGATE[op] : op;
  let found = l;
  let expected = r;
  if (l.constant && !r.constant) {
    found = r;
    expected = l;
    o = FLIP[o];
  }
  const numeric = typeof found.value === "number";
  return `found ${found.text}; expected ${expectation(o, numeric)}${expected.text}`;
}
