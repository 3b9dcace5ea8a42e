/**
 * The expression interpreter: evaluates an IR check on a response and explains the
 * result ("found 4 bullet lines (lines 3, 7, 9, 12); expected exactly 3").
 *
 * Each node yields its value and a `text` describing it: measures a noun phrase,
 * predicates and comparisons a statement of fact, selectors where they point.
 * Built-in calls are memoized per evaluation environment, so a measure shared by
 * several constraints (`words`) runs once per response.
 */
import type { CallExpr, ComparisonOp, Expr } from "../compiler/ir.js";
import { getBuiltin } from "../language/builtins/registry.js";
import { getBuiltinImpl } from "./builtins/index.js";
import { excerpt } from "./builtins/text.js";
import { BuiltinError, type RuntimeValue } from "./builtins/types.js";
import type { ResolvedInputs } from "./inputs.js";

export interface EvalEnv {
  readonly response: string;
  readonly inputs: ResolvedInputs;
  readonly instruction: string;
  /** Memoized built-in results, keyed by the call node's JSON. */
  readonly memo: Map<string, Node>;
}

export function createEnv(response: string, inputs: ResolvedInputs, instruction: string): EvalEnv {
  return { response, inputs, instruction, memo: new Map() };
}

interface Node {
  readonly value: RuntimeValue;
  readonly text: string;
  /** The quantity this node reports (a count, a detected language...). */
  readonly measured?: unknown;
  /** Set on predicate calls: the text describes the subject, so negation can say "which is not allowed". */
  readonly predicate?: boolean;
  /** A constant (literal or input): comparisons report the other side as "found". */
  readonly constant?: boolean;
}

export interface CheckResult {
  readonly value: boolean;
  readonly evidence: string;
  readonly measured?: unknown;
}

/** Evaluates a check (type bool). Throws BuiltinError when it cannot be evaluated. */
export function evaluateCheck(expr: Expr, env: EvalEnv): CheckResult {
  const r = evalNode(expr, env);
  if (typeof r.value !== "boolean") throw new BuiltinError(`the check evaluates to ${display(r.value)}, not true or false`);
  return { value: r.value, evidence: r.text, ...(r.measured !== undefined ? { measured: r.measured } : {}) };
}

/** Does this expression (or a built-in inside it) read the instruction? */
export function readsInstruction(expr: Expr): boolean {
  switch (expr.kind) {
    case "call":
      return (getBuiltinImpl(expr.name)?.readsInstruction ?? false) ||
        (expr.subject !== undefined && readsInstruction(expr.subject)) ||
        Object.values(expr.args).some(readsInstruction);
    case "list": return expr.items.some(readsInstruction);
    case "not": case "neg": return readsInstruction(expr.operand);
    case "and": case "or": return expr.operands.some(readsInstruction);
    case "compare": case "arith": return readsInstruction(expr.left) || readsInstruction(expr.right);
    case "inRange": return readsInstruction(expr.subject) || readsInstruction(expr.low) || readsInstruction(expr.high);
    default: return false;
  }
}

export function display(v: RuntimeValue): string {
  if (typeof v === "string") return excerpt(v, 60);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${(v as readonly string[]).map((x) => excerpt(x, 40)).join(", ")}]`;
  const r = v as { pattern: string; flags: string };
  return `/${r.pattern}/${r.flags}`;
}

function evalNode(e: Expr, env: EvalEnv): Node {
  switch (e.kind) {
    case "number":
    case "text":
    case "bool":
      return { value: e.value, text: display(e.value), constant: true };
    case "regex":
      return { value: { pattern: e.pattern, flags: e.flags }, text: `/${e.pattern}/${e.flags}`, constant: true };
    case "list": {
      const items = e.items.map((i) => evalNode(i, env).value);
      if (!items.every((i): i is string => typeof i === "string")) throw new BuiltinError("a list holds a value that is not a text");
      return { value: items, text: display(items), constant: true };
    }
    case "input": {
      const v = env.inputs[e.name];
      if (v === undefined) throw new BuiltinError(`input \`${e.name}\` has no value`);
      const text = typeof v === "boolean" ? `\`${e.name}\` is ${v}` : `${display(v)} (\`${e.name}\`)`;
      return { value: v, text, constant: true, measured: v };
    }
    case "call":
      return evalCall(e, env);
    case "not": {
      const r = evalNode(e.operand, env);
      const v = bool(r.value, "not");
      if (e.operand.kind === "compare" || e.operand.kind === "inRange") {
        // Describe `not (a == b)` as `a != b`.
        const inner = e.operand.kind === "compare"
          ? describeCompare(e.operand.op, evalNode(e.operand.left, env), evalNode(e.operand.right, env), true)
          : `${r.text.replace(/; expected between /, "; expected outside ")}`;
        return { value: !v, text: inner, ...(r.measured !== undefined ? { measured: r.measured } : {}) };
      }
      const text = v ? `${r.text}, which is not allowed` : r.text;
      return { value: !v, text, ...(r.measured !== undefined ? { measured: r.measured } : {}) };
    }
    case "and":
    case "or": {
      const parts = e.operands.map((o) => evalNode(o, env));
      const values = parts.map((p) => bool(p.value, e.kind));
      const measured = parts.map((p) => p.measured ?? p.value);
      if (e.kind === "and") {
        const ok = values.every(Boolean);
        const shown = ok ? parts : parts.filter((_, i) => !values[i]);
        return { value: ok, text: shown.map((p) => p.text).join("; "), measured };
      }
      const first = values.indexOf(true);
      if (first >= 0) return { value: true, text: (parts[first] as Node).text, measured };
      return { value: false, text: `none of the alternatives holds: ${parts.map((p) => p.text).join("; or ")}`, measured };
    }
    case "compare": {
      const l = evalNode(e.left, env);
      const r = evalNode(e.right, env);
      const value = compare(e.op, l.value, r.value);
      const quantity = l.constant && !r.constant ? r : l;
      return { value, text: describeCompare(e.op, l, r, false), measured: quantity.measured ?? quantity.value };
    }
    case "inRange": {
      const s = evalNode(e.subject, env);
      const lo = evalNode(e.low, env);
      const hi = evalNode(e.high, env);
      const v = num(s.value, "in");
      const value = v >= num(lo.value, "in") && v <= num(hi.value, "in");
      return { value, text: `found ${s.text}; expected between ${lo.text} and ${hi.text}`, measured: s.measured ?? s.value };
    }
    case "arith": {
      const l = evalNode(e.left, env);
      const r = evalNode(e.right, env);
      const a = num(l.value, e.op);
      const b = num(r.value, e.op);
      const value = e.op === "+" ? a + b : e.op === "-" ? a - b : a * b;
      const constant = l.constant === true && r.constant === true;
      return { value, text: constant ? String(value) : `${value} (${l.text} ${e.op} ${r.text})`, measured: value, ...(constant ? { constant } : {}) };
    }
    case "neg": {
      const r = evalNode(e.operand, env);
      const value = -num(r.value, "-");
      return { value, text: r.constant ? String(value) : `${value} (minus ${r.text})`, measured: value, ...(r.constant ? { constant: true } : {}) };
    }
  }
}

function bool(v: RuntimeValue, op: string): boolean {
  if (typeof v !== "boolean") throw new BuiltinError(`\`${op}\` needs true or false, not ${display(v)}`);
  return v;
}

function num(v: RuntimeValue, op: string): number {
  if (typeof v !== "number") throw new BuiltinError(`\`${op}\` needs a number, not ${display(v)}`);
  return v;
}

function compare(op: ComparisonOp, a: RuntimeValue, b: RuntimeValue): boolean {
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

// ---- built-in calls ------------------------------------------------------------------------------------

function evalCall(e: CallExpr, env: EvalEnv): Node {
  const key = JSON.stringify(e);
  const hit = env.memo.get(key);
  if (hit) return hit;
  const node = evalCallUncached(e, env);
  env.memo.set(key, node);
  return node;
}

function evalCallUncached(e: CallExpr, env: EvalEnv): Node {
  const impl = getBuiltinImpl(e.name);
  if (!impl) throw new BuiltinError(`no implementation for built-in \`${e.name}\``);
  const spec = getBuiltin(e.name);
  const subject = e.subject ? evalNode(e.subject, env) : undefined;
  if (subject && typeof subject.value !== "string") throw new BuiltinError(`\`${e.name}\` applies to a text, not ${display(subject.value)}`);
  const text = subject ? (subject.value as string) : env.response;
  const args: Record<string, RuntimeValue> = {};
  for (const [k, v] of Object.entries(e.args)) args[k] = evalNode(v, env).value;
  const out = impl.evaluate(text, args, { instruction: env.instruction });
  const kind = spec?.kind ?? (typeof out.value === "boolean" ? "predicate" : typeof out.value === "number" ? "measure" : "selector");
  const where = subject?.text;
  switch (kind) {
    case "measure":
      return { value: out.value, text: where ? `${out.detail} in ${where}` : out.detail, measured: out.value };
    case "predicate":
      return { value: out.value, text: `${where ?? "the response"} ${out.detail}`, measured: out.value, predicate: true };
    case "selector":
      return { value: out.value, text: selectorText(e, spec?.units?.[0], out.detail, where, args) };
  }
}

function selectorText(e: CallExpr, unit: string | undefined, detail: string, where: string | undefined, args: Readonly<Record<string, RuntimeValue>>): string {
  if (e.name === "response") return where ?? "the response";
  if (e.name === "lowercase") return `${where ?? "the response"} in lower case`;
  const n = args["n"];
  const base = unit ?? `the ${e.name.replace(/_/g, " ")}`;
  const phrase = typeof n === "number" ? `${base.replace(/^the /, "")} ${n}` : base;
  if (!where) return `${phrase} (${detail})`;
  return detail.startsWith("empty") ? `${phrase} of ${where} (${detail})` : `${phrase} of ${where}`;
}
