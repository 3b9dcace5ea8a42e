/**
 * The expression interpreter: evaluates an IR check on a response and explains the
 * result ("found 4 bullet lines (lines 3, 7, 9, 12); expected exactly 3").
 *
 * It dispatches on the IR expression kind; what each kind means (value, evidence
 * text, measured quantity) is defined once in src/runtime/nodes.ts, which generated
 * verifiers call directly. Built-in calls are memoized per evaluation environment,
 * so a measure shared by several constraints (`words`) runs once per response.
 */
import type { CallExpr, Expr } from "../compiler/ir.js";
import { getBuiltinImpl } from "./builtins/index.js";
import { BuiltinError, type RuntimeValue } from "./builtins/types.js";
import type { ResolvedInputs } from "./inputs.js";
import * as n from "./nodes.js";

export { display } from "./nodes.js";

export interface EvalEnv {
  readonly response: string;
  readonly inputs: ResolvedInputs;
  readonly instruction: string;
  /** Memoized built-in results, keyed by the call node's JSON. */
  readonly memo: Map<string, n.Node>;
}

export function createEnv(response: string, inputs: ResolvedInputs, instruction: string): EvalEnv {
  return { response, inputs, instruction, memo: new Map() };
}

export interface CheckResult {
  readonly value: boolean;
  readonly evidence: string;
  readonly measured?: unknown;
}

/** Evaluates a check (type bool). Throws BuiltinError when it cannot be evaluated. */
export function evaluateCheck(expr: Expr, env: EvalEnv): CheckResult {
  const r = evaluateNode(expr, env);
  return { value: n.checkValue(r), evidence: r.text, ...(r.measured !== undefined ? { measured: r.measured } : {}) };
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

/** Evaluates an expression to its node (value, evidence text, measured quantity). Throws BuiltinError. */
export function evaluateNode(e: Expr, env: EvalEnv): n.Node {
  switch (e.kind) {
    case "number":
    case "text":
    case "bool":
      return n.literal(e.value);
    case "regex":
      return n.regexLiteral(e.pattern, e.flags);
    case "list":
      return n.list(e.items.map((i) => evaluateNode(i, env)));
    case "input":
      return n.input(env.inputs, e.name);
    case "call":
      return evalCall(e, env);
    case "not": {
      const inner = evaluateNode(e.operand, env);
      if (e.operand.kind === "compare") {
        return n.notCompare(e.operand.op, inner, evaluateNode(e.operand.left, env), evaluateNode(e.operand.right, env));
      }
      return e.operand.kind === "inRange" ? n.notInRange(inner) : n.not(inner);
    }
    case "and":
      return n.and(e.operands.map((o) => evaluateNode(o, env)));
    case "or":
      return n.or(e.operands.map((o) => evaluateNode(o, env)));
    case "compare":
      return n.compare(e.op, evaluateNode(e.left, env), evaluateNode(e.right, env));
    case "inRange":
      return n.inRange(evaluateNode(e.subject, env), evaluateNode(e.low, env), evaluateNode(e.high, env));
    case "arith":
      return n.arith(e.op, evaluateNode(e.left, env), evaluateNode(e.right, env));
    case "neg":
      return n.neg(evaluateNode(e.operand, env));
  }
}

// ---- built-in calls ------------------------------------------------------------------------------------

function evalCall(e: CallExpr, env: EvalEnv): n.Node {
  const key = JSON.stringify(e);
  const hit = env.memo.get(key);
  if (hit) return hit;
  const node = evalCallUncached(e, env);
  env.memo.set(key, node);
  return node;
}

function evalCallUncached(e: CallExpr, env: EvalEnv): n.Node {
  const impl = getBuiltinImpl(e.name);
  if (!impl) throw new BuiltinError(`no implementation for built-in \`${e.name}\``);
  const subject = e.subject ? evaluateNode(e.subject, env) : undefined;
  const text = subject ? n.subjectText(subject, e.name) : env.response;
  const args: Record<string, RuntimeValue> = {};
  for (const [k, v] of Object.entries(e.args)) args[k] = evaluateNode(v, env).value;
  const out = impl.evaluate(text, args, { instruction: env.instruction });
  const where = subject?.text;
  switch (e.builtin) {
    case "measure": return n.measure(out, where);
    case "predicate": return n.predicate(out, where);
    case "selector": return n.selector(e.name, e.unit, out, where, args);
  }
}
