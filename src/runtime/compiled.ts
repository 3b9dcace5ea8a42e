/**
 * The runtime surface of generated verifiers (`hir compile`, src/compiler/codegen):
 * everything a generated module imports comes from this file, so the generated code
 * depends on one specifier (`compile.runtimeImport`, e.g. `hindsight/runtime`).
 *
 * What is compiled and what is shared:
 * - Hard checks are generated TypeScript functions. They call the built-in
 *   implementations directly (bound once per module with `builtin(name)`) and combine
 *   the results with the node helpers below (`compare`, `and`, `not`...), which compute
 *   the value, the evidence text and the measured quantity exactly as the IR
 *   interpreter does (src/runtime/evaluate.ts). No IR expression is read at run time.
 * - `requires` gating, judging, rendering and hindsight rewriting are data-driven (the
 *   rewrite rules are IR data) and run here, with the same semantics as
 *   src/runtime/verify.ts and src/runtime/hindsight.ts; generated code passes its table
 *   of check functions.
 *
 * The agreement test (test/compiler/codegen/agreement.test.ts) holds generated
 * verifiers and the interpreter to the same verdicts, evidence and hindsight results.
 */
import type { CompiledConstraint, CompiledContract, ComparisonOp, SoftConstraint } from "../compiler/ir.js";
import { getBuiltinImpl } from "./builtins/index.js";
import { BuiltinError, type BuiltinArgs, type BuiltinContext, type BuiltinImpl, type BuiltinOutcome, type RuntimeValue } from "./builtins/types.js";
import { display } from "./evaluate.js";
import type { DroppedConstraint, HindsightResult, RefusalReason } from "./hindsight.js";
import { InputError, resolveInputs, type InputIssue, type ResolvedInputs } from "./inputs.js";
import type { Judge, JudgeAnswer } from "./judge-interface.js";
import { renderInstruction, renderTemplate } from "./render.js";
import type { Verdict, Verdicts, VerdictStatus } from "./verify.js";

export type { CompiledContract } from "../compiler/ir.js";
export type { BuiltinArgs, BuiltinImpl, RegexValue, RuntimeValue } from "./builtins/types.js";
export type { DroppedConstraint, HindsightResult, RefusalReason } from "./hindsight.js";
export type { InputIssue, ResolvedInputs } from "./inputs.js";
export type { Judge, JudgeAnswer, JudgeRequest } from "./judge-interface.js";
export type { Verdict, Verdicts, VerdictStatus } from "./verify.js";
export { InputError } from "./inputs.js";

// ---- typed results ---------------------------------------------------------------------------------------

/** A verdict whose id and measured quantity are typed by the generated module. */
export interface TypedVerdict<Id extends string = string, Measured = unknown> extends Verdict {
  readonly id: Id;
  readonly measured?: Measured;
  readonly gatedBy?: readonly string[];
}

/** Verdicts of a generated contract: `verdicts` in contract order, plus `byId`. */
export interface TypedVerdicts<Id extends string, ById extends { readonly [K in Id]: TypedVerdict<K> }> extends Verdicts {
  readonly verdicts: readonly ById[Id][];
  /** Every verdict by constraint id (empty when... never: every constraint has a verdict). */
  readonly byId: ById;
}

/** Verdicts of the kept constraints under a hindsight instruction. */
export interface TypedReverification<Id extends string> extends Verdicts {
  readonly verdicts: readonly TypedVerdict<Id>[];
}

export interface TypedDroppedConstraint<Id extends string> extends DroppedConstraint {
  readonly id: Id;
  readonly via?: Id;
}

export type TypedHindsightResult<Id extends string> =
  | { readonly outcome: "success" }
  | { readonly outcome: "refused"; readonly reason: RefusalReason; readonly constraints: readonly Id[]; readonly message: string }
  | {
      readonly outcome: "rewrite";
      readonly kept: readonly Id[];
      readonly dropped: readonly TypedDroppedConstraint<Id>[];
      readonly instruction: string;
      readonly reverification: TypedReverification<Id>;
    };

/** Options of `verify` for contracts with judged (soft) constraints: a judge is required. */
export interface JudgedVerifyOptions {
  readonly judge: Judge;
  /** Verify against this instruction instead of the contract's rendering (e.g. a hindsight instruction). */
  readonly instruction?: string;
}

/** Options of `verify` for contracts whose constraints are all hard (checked by code). */
export interface HardVerifyOptions {
  readonly instruction?: string;
}

export interface JudgedHindsightOptions {
  /** Judges the kept soft constraints again under the hindsight instruction. */
  readonly judge: Judge;
}

/** The shape every generated contract object has (`generated/index.ts` registers them by name). */
export interface ContractModuleBase<Id extends string = string> {
  readonly id: string;
  readonly ir: CompiledContract;
  readonly constraintIds: readonly Id[];
  /** True when some constraint is judged: `verify` and `hindsight` are then async and need a judge. */
  readonly judged: boolean;
}

export interface HardContractModule<Id extends string, Inputs, Verification extends Verdicts> extends ContractModuleBase<Id> {
  readonly judged: false;
  render(inputs: Inputs, constraintIds?: readonly Id[]): string;
  verify(response: string, inputs: Inputs, options?: HardVerifyOptions): Verification;
  hindsight(verification: Verdicts, response: string, inputs: Inputs): TypedHindsightResult<Id>;
}

export interface JudgedContractModule<Id extends string, Inputs, Verification extends Verdicts> extends ContractModuleBase<Id> {
  readonly judged: true;
  render(inputs: Inputs, constraintIds?: readonly Id[]): string;
  verify(response: string, inputs: Inputs, options: JudgedVerifyOptions): Promise<Verification>;
  hindsight(verification: Verdicts, response: string, inputs: Inputs, options: JudgedHindsightOptions): Promise<TypedHindsightResult<Id>>;
}

// ---- module-level helpers used by generated code -----------------------------------------------------------

/**
 * The implementation of a built-in, bound once when a generated module loads. A name
 * the runtime does not implement yields a stub that throws BuiltinError when called,
 * so the affected constraints are `unknown` (as with the interpreter), not the import.
 */
export function builtin(name: string): BuiltinImpl {
  const impl = getBuiltinImpl(name);
  if (impl) return impl;
  return {
    name,
    readsInstruction: false,
    evaluate() {
      throw new BuiltinError(`no implementation for built-in \`${name}\``);
    },
  };
}

/** Deep-freezes a generated IR constant so callers cannot change the contract's behaviour. */
export function freeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value as object)) freeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Built-in arguments, frozen (generated modules hoist constant argument objects). */
export function args(values: Record<string, RuntimeValue>): BuiltinArgs {
  return freeze(values);
}

/** The arguments of a built-in without parameters. */
export const NO_ARGS: BuiltinArgs = Object.freeze({});

// ---- check nodes: the interpreter's node semantics, one helper per expression kind -------------------------------

/** A value with the text that explains it (see src/runtime/evaluate.ts). */
export interface Node {
  readonly value: RuntimeValue;
  readonly text: string;
  readonly measured?: unknown;
  readonly predicate?: boolean;
  readonly constant?: boolean;
}

/** What a generated check function sees: the response, validated inputs, the instruction and a memo of built-in calls. */
export interface CheckEnv {
  readonly response: string;
  readonly inputs: ResolvedInputs;
  readonly instruction: string;
  readonly ctx: BuiltinContext;
  /** Results of built-in calls, one slot per distinct call of the contract (computed at most once per response). */
  readonly slots: (Node | undefined)[];
}

export type HardCheck = (env: CheckEnv) => Node;
export type HardChecks = Readonly<Record<string, HardCheck>>;

export function createCheckEnv(response: string, inputs: ResolvedInputs, instruction: string): CheckEnv {
  return { response, inputs, instruction, ctx: { instruction }, slots: [] };
}

/** A number, text or bool literal. */
export function lit(value: number | string | boolean): Node {
  return freeze({ value, text: display(value), constant: true });
}

export function regex(pattern: string, flags: string): Node {
  return freeze({ value: freeze({ pattern, flags }), text: `/${pattern}/${flags}`, constant: true });
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

/** The text a built-in reads when it is given a subject (a selector's result). */
export function subjectText(subject: Node, name: string): string {
  if (typeof subject.value !== "string") throw new BuiltinError(`\`${name}\` applies to a text, not ${display(subject.value)}`);
  return subject.value;
}

export type CallKind = "measure" | "predicate" | "selector";

/** A measure's outcome (a count, a detected language...): its detail, located in the subject when there is one. */
export function measure(out: BuiltinOutcome, where: string | undefined): Node {
  return { value: out.value, text: where ? `${out.detail} in ${where}` : out.detail, measured: out.value };
}

/** A predicate's outcome: a statement about its subject (the response by default). */
export function predicate(out: BuiltinOutcome, where: string | undefined): Node {
  return { value: out.value, text: `${where ?? "the response"} ${out.detail}`, measured: out.value, predicate: true };
}

/** A selector's outcome (a part of the text); `unit` is the registry's phrase for it ("the last paragraph"). */
export function selector(name: string, unit: string | undefined, out: BuiltinOutcome, where: string | undefined, callArgs: BuiltinArgs): Node {
  return { value: out.value, text: selectorText(name, unit, out.detail, where, callArgs) };
}

/** A built-in the language registry did not know at compile time: the value's type decides how it reads. */
export function call(name: string, out: BuiltinOutcome, where: string | undefined, callArgs: BuiltinArgs): Node {
  if (typeof out.value === "boolean") return predicate(out, where);
  if (typeof out.value === "number") return measure(out, where);
  return selector(name, undefined, out, where, callArgs);
}

function selectorText(name: string, unit: string | undefined, detail: string, where: string | undefined, a: BuiltinArgs): string {
  if (name === "response") return where ?? "the response";
  if (name === "lowercase") return `${where ?? "the response"} in lower case`;
  const n = a["n"];
  const base = unit ?? `the ${name.replace(/_/g, " ")}`;
  const phrase = typeof n === "number" ? `${base.replace(/^the /, "")} ${n}` : base;
  if (!where) return `${phrase} (${detail})`;
  return detail.startsWith("empty") ? `${phrase} of ${where} (${detail})` : `${phrase} of ${where}`;
}

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

/** `not (l op r)`: described as the negated comparison. `inner` is the comparison's node. */
export function notCompare(op: ComparisonOp, inner: Node, l: Node, r: Node): Node {
  const v = bool(inner.value, "not");
  return { value: !v, text: describeCompare(op, l, r, true), ...measuredOf(inner) };
}

/** `not (x in a..b)`. */
export function notInRange(inner: Node): Node {
  const v = bool(inner.value, "not");
  return { value: !v, text: `${inner.text.replace(/; expected between /, "; expected outside ")}`, ...measuredOf(inner) };
}

/** `a and b and ...`: every operand is evaluated (no short circuit), as in the interpreter. */
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

// ---- verification: gating, judging (src/runtime/verify.ts semantics) ------------------------------------------

type Own = { readonly status: VerdictStatus; readonly evidence: string; readonly measured?: unknown };
type Pending = "pending";

function evaluateHard(check: HardCheck | undefined, env: CheckEnv): Own {
  try {
    if (!check) throw new Error("the generated module has no check function for this constraint");
    const r = check(env);
    if (typeof r.value !== "boolean") throw new BuiltinError(`the check evaluates to ${display(r.value)}, not true or false`);
    return { status: r.value ? "pass" : "fail", evidence: r.text, ...measuredOf(r) };
  } catch (e) {
    const message = e instanceof BuiltinError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    return { status: "unknown", evidence: `could not evaluate: ${message}` };
  }
}

async function askJudge(judge: Judge, c: SoftConstraint, response: string, values: ResolvedInputs, instruction: string): Promise<Own> {
  let answer: JudgeAnswer;
  try {
    answer = await judge.judge({ rubric: renderTemplate(c.judge.rubric, values), response, instruction, constraintId: c.id });
  } catch (e) {
    return { status: "unknown", evidence: `judge error: ${e instanceof Error ? e.message : String(e)}` };
  }
  const reason = typeof answer?.reason === "string" && answer.reason.trim() !== "" ? ` — ${answer.reason.trim()}` : "";
  switch (answer?.verdict) {
    case "yes": return { status: "pass", evidence: `judge: yes${reason}`, measured: "yes" };
    case "no": return { status: "fail", evidence: `judge: no${reason}`, measured: "no" };
    case "unknown": return { status: "unknown", evidence: `judge could not decide${reason}`, measured: "unknown" };
    default: return { status: "unknown", evidence: `judge returned an invalid answer: ${safeJson(answer)}` };
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 200) ?? String(v);
  } catch {
    return String(v);
  }
}

function ticks(ids: readonly string[]): string {
  const q = ids.map((id) => `\`${id}\``);
  return q.length <= 1 ? (q[0] ?? "") : `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]}`;
}

/** Own verdicts combined with `requires` gating; "pending" where a soft verdict is still missing. */
function combine(constraints: readonly CompiledConstraint[], own: ReadonlyMap<string, Own | Pending>): Map<string, Verdict | Pending> {
  const byId = new Map(constraints.map((c) => [c.id, c]));
  const out = new Map<string, Verdict | Pending>();
  const visiting = new Set<string>();
  const effective = (id: string): Verdict | Pending => {
    const done = out.get(id);
    if (done) return done;
    const c = byId.get(id) as CompiledConstraint;
    if (visiting.has(id)) return { id, status: "unknown", kind: c.kind, evidence: "not verified: its prerequisites form a cycle" };
    visiting.add(id);
    const prereqs = c.requires.filter((p) => byId.has(p));
    const pre = prereqs.map((p) => [p, effective(p)] as const);
    visiting.delete(id);
    const o = own.get(id) ?? "pending";
    const ownNote = (verb: string) => (o === "pending" ? ` (${verb})` : `; its own ${c.kind === "hard" ? "check" : "judgement"}: ${o.evidence}`);
    const measured = o !== "pending" && o.measured !== undefined ? { measured: o.measured } : {};
    const failed = pre.filter(([, v]) => v !== "pending" && v.status === "fail").map(([p]) => p);
    const pending = pre.filter(([, v]) => v === "pending").map(([p]) => p);
    const unknown = pre.filter(([, v]) => v !== "pending" && v.status === "unknown").map(([p]) => p);
    let v: Verdict | Pending;
    if (failed.length > 0) {
      v = { id, status: "fail", kind: c.kind, evidence: `failed because its prerequisite${failed.length > 1 ? "s" : ""} ${ticks(failed)} failed${ownNote("not judged")}`, ...measured, gatedBy: failed };
    } else if (pending.length > 0) {
      v = "pending";
    } else if (unknown.length > 0) {
      v = { id, status: "unknown", kind: c.kind, evidence: `unknown because its prerequisite${unknown.length > 1 ? "s" : ""} ${ticks(unknown)} ${unknown.length > 1 ? "are" : "is"} unknown${ownNote("not judged")}`, ...measured, gatedBy: unknown };
    } else if (o === "pending") {
      v = "pending";
    } else {
      v = { id, status: o.status, kind: c.kind, evidence: o.evidence, ...measured };
    }
    out.set(id, v);
    return v;
  };
  for (const c of constraints) effective(c.id);
  return out;
}

function finish(contract: CompiledContract, instruction: string, verdicts: Verdict[], inputErrors: readonly InputIssue[]): Verdicts {
  const counts = { pass: 0, fail: 0, unknown: 0 };
  for (const v of verdicts) counts[v.status]++;
  return {
    contract: contract.id,
    contentHash: contract.contentHash,
    instruction,
    verdicts,
    inputErrors,
    passed: inputErrors.length === 0 && counts.pass === verdicts.length,
    counts,
  };
}

function ownHard(constraints: readonly CompiledConstraint[], checks: HardChecks, env: CheckEnv): Map<string, Own | Pending> {
  const own = new Map<string, Own | Pending>();
  for (const c of constraints) own.set(c.id, c.kind === "hard" ? evaluateHard(checks[c.id], env) : "pending");
  return own;
}

function settle(contract: CompiledContract, constraints: readonly CompiledConstraint[], own: Map<string, Own | Pending>, instruction: string): Verdicts {
  const eff = combine(constraints, own);
  const verdicts = constraints.map((c): Verdict => {
    const v = eff.get(c.id);
    return v && v !== "pending" ? v : { id: c.id, status: "unknown", kind: c.kind, evidence: "not verified" };
  });
  return finish(contract, instruction, verdicts, []);
}

function verifyKeptSync(
  contract: CompiledContract,
  checks: HardChecks,
  constraints: readonly CompiledConstraint[],
  response: string,
  values: ResolvedInputs,
  instruction: string,
  softReason = "not judged: verifySync does not call a judge",
): Verdicts {
  const own = ownHard(constraints, checks, createCheckEnv(response, values, instruction));
  for (const c of constraints) if (c.kind === "soft") own.set(c.id, { status: "unknown", evidence: softReason });
  return settle(contract, constraints, own, instruction);
}

async function verifyKept(
  contract: CompiledContract,
  checks: HardChecks,
  constraints: readonly CompiledConstraint[],
  response: string,
  values: ResolvedInputs,
  instruction: string,
  judge: Judge | undefined,
): Promise<Verdicts> {
  if (!judge) return verifyKeptSync(contract, checks, constraints, response, values, instruction, "no judge configured");
  const own = ownHard(constraints, checks, createCheckEnv(response, values, instruction));
  const byId = new Map(constraints.map((c) => [c.id, c]));
  for (;;) {
    const eff = combine(constraints, own);
    const ready = constraints.filter((c): c is SoftConstraint =>
      c.kind === "soft" && own.get(c.id) === "pending" &&
      c.requires.filter((p) => byId.has(p)).every((p) => {
        const v = eff.get(p);
        return v !== undefined && v !== "pending" && v.status === "pass";
      }));
    if (ready.length === 0) break;
    const answers = await Promise.all(ready.map((c) => askJudge(judge, c, response, values, instruction)));
    ready.forEach((c, i) => own.set(c.id, answers[i] as Own));
  }
  return settle(contract, constraints, own, instruction);
}

function invalidInputs(contract: CompiledContract, errors: readonly InputIssue[]): Verdicts {
  const why = `not verified: invalid inputs (${errors.map((e) => e.message).join("; ")})`;
  const verdicts = contract.constraints.map((c): Verdict => ({ id: c.id, status: "unknown", kind: c.kind, evidence: why }));
  return finish(contract, "", verdicts, errors);
}

function withById<V extends Verdicts>(v: Verdicts): V {
  const byId: Record<string, Verdict> = {};
  // defineProperty: an id such as `__proto__` stays an own property.
  for (const x of v.verdicts) Object.defineProperty(byId, x.id, { value: x, enumerable: true, writable: true, configurable: true });
  return {
    contract: v.contract, contentHash: v.contentHash, instruction: v.instruction, verdicts: v.verdicts,
    inputErrors: v.inputErrors, passed: v.passed, counts: v.counts, byId,
  } as unknown as V;
}

/** Verifies with generated checks, synchronously (contracts whose constraints are all hard). */
export function verifySync<V extends Verdicts>(
  contract: CompiledContract,
  checks: HardChecks,
  response: string,
  inputs: Readonly<Record<string, unknown>>,
  options: HardVerifyOptions = {},
): V {
  const r = resolveInputs(contract, inputs);
  if (!r.ok) return withById<V>(invalidInputs(contract, r.errors));
  const instruction = options.instruction ?? renderInstruction(contract, r.values);
  return withById<V>(verifyKeptSync(contract, checks, contract.constraints, response, r.values, instruction));
}

/** Verifies with generated checks; soft constraints go to the judge (concurrently, after their prerequisites pass). */
export async function verify<V extends Verdicts>(
  contract: CompiledContract,
  checks: HardChecks,
  response: string,
  inputs: Readonly<Record<string, unknown>>,
  options: Partial<JudgedVerifyOptions> = {},
): Promise<V> {
  const r = resolveInputs(contract, inputs);
  if (!r.ok) return withById<V>(invalidInputs(contract, r.errors));
  const instruction = options.instruction ?? renderInstruction(contract, r.values);
  return withById<V>(await verifyKept(contract, checks, contract.constraints, response, r.values, instruction, options.judge));
}

// ---- rendering ---------------------------------------------------------------------------------------------------

/** The instruction: prompt plus the clauses of `constraintIds` (default: all), per the contract's layout. Throws InputError. */
export function render(contract: CompiledContract, inputs: Readonly<Record<string, unknown>>, constraintIds?: readonly string[]): string {
  const r = resolveInputs(contract, inputs);
  if (!r.ok) throw new InputError(r.errors);
  return renderInstruction(contract, r.values, constraintIds);
}

// ---- hindsight (src/runtime/hindsight.ts semantics) ------------------------------------------------------------------

type Plan =
  | { readonly done: HindsightResult }
  | { readonly kept: readonly CompiledConstraint[]; readonly dropped: readonly DroppedConstraint[]; readonly values: ResolvedInputs; readonly instruction: string };

function hticks(ids: readonly string[]): string {
  return ids.map((id) => `\`${id}\``).join(", ");
}

function refused(reason: RefusalReason, constraints: readonly string[], message: string): { done: HindsightResult } {
  return { done: { outcome: "refused", reason, constraints, message } };
}

/** Steps 1–6: everything up to re-verification. */
function plan(contract: CompiledContract, verdicts: Verdicts, inputs: Readonly<Record<string, unknown>>): Plan {
  if (verdicts.contract !== contract.id) {
    throw new Error(`the verdicts are for \`${verdicts.contract}\`, not \`${contract.id}\``);
  }
  const byId = new Map<string, Verdict>(verdicts.verdicts.map((v) => [v.id, v]));
  const status = (id: string) => byId.get(id)?.status ?? "unknown";
  const order = contract.constraints.map((c) => c.id);
  const failed = order.filter((id) => status(id) === "fail");
  const unknown = order.filter((id) => status(id) === "unknown");
  if (failed.length === 0 && unknown.length === 0) return { done: { outcome: "success" } };

  const nonRemovable = new Set(contract.rewrite.nonRemovable);
  const immutableFailed = failed.filter((id) => nonRemovable.has(id));
  if (immutableFailed.length > 0) {
    const roles = immutableFailed.map((id) => {
      const c = contract.constraints.find((x) => x.id === id);
      return `\`${id}\` (${c?.role === "safety" ? "safety" : "pinned"})`;
    });
    return refused("immutable-failed", immutableFailed,
      `the response violates ${roles.join(", ")}, which can never be dropped: it is not eligible for replay`);
  }
  if (unknown.length > 0) {
    return refused("unknown-verdict", unknown,
      `${hticks(unknown)} ${unknown.length === 1 ? "has" : "have"} no definite verdict; a replay needs every constraint decided (unknown never counts as a pass)`);
  }

  const droppedSet = new Set<string>();
  for (const f of failed) for (const d of contract.rewrite.dropClosure[f] ?? [f]) droppedSet.add(d);
  const hit = order.filter((id) => droppedSet.has(id) && nonRemovable.has(id));
  if (hit.length > 0) {
    const causes = causesOf(contract, ownFailures(failed, byId));
    const how = hit.map((id) => {
      const c = causes.get(id);
      return c?.via ? `\`${id}\` (${c.cause === "coupled" ? "coupled with" : "requires"} \`${c.via}\`)` : `\`${id}\``;
    });
    return refused("closure-hits-immutable", hit,
      `dropping the failed ${hticks(failed)} would also drop ${how.join(", ")}, which can never be dropped`);
  }

  const kept = contract.constraints.filter((c) => !droppedSet.has(c.id));
  if (kept.length === 0) return refused("nothing-kept", [...failed], "every constraint would be dropped, so the hindsight instruction would keep nothing");
  if (kept.length < contract.rewrite.minKept) {
    return refused("below-min-kept", kept.map((c) => c.id),
      `only ${kept.length} constraint${kept.length === 1 ? "" : "s"} would be kept (${hticks(kept.map((c) => c.id))}), fewer than min_kept ${contract.rewrite.minKept}`);
  }

  const resolved = resolveInputs(contract, inputs);
  if (!resolved.ok) {
    return refused("unknown-verdict", order, `invalid inputs: ${resolved.errors.map((e) => e.message).join("; ")}`);
  }
  const causes = causesOf(contract, ownFailures(failed, byId));
  const dropped = order.filter((id) => droppedSet.has(id)).map((id): DroppedConstraint => causes.get(id) ?? { id, cause: "failed" });
  const instruction = renderInstruction(contract, resolved.values, kept.map((c) => c.id));
  return { kept, dropped, values: resolved.values, instruction };
}

/**
 * Failed constraints that failed on their own: those failed only because a
 * prerequisite failed (`gatedBy`) are dropped through that prerequisite instead.
 * If every failure is gated (inconsistent verdicts), all count as own failures.
 */
function ownFailures(failed: readonly string[], byId: ReadonlyMap<string, Verdict>): string[] {
  const own = failed.filter((id) => !(byId.get(id)?.gatedBy?.length));
  return own.length > 0 ? own : [...failed];
}

/**
 * Why each constraint is dropped: breadth-first from the failed constraints (in
 * contract order) over "is required by" and "is coupled with" edges; the first edge
 * that reaches a constraint names its cause.
 */
function causesOf(contract: CompiledContract, failed: readonly string[]): Map<string, DroppedConstraint> {
  const dependents = new Map<string, string[]>(contract.constraints.map((c) => [c.id, []]));
  for (const c of contract.constraints) for (const p of c.requires) dependents.get(p)?.push(c.id);
  const coupled = new Map<string, string[]>(contract.constraints.map((c) => [c.id, []]));
  for (const set of contract.couples) for (const m of set) for (const o of set) if (o !== m && !coupled.get(m)?.includes(o)) coupled.get(m)?.push(o);
  const causes = new Map<string, DroppedConstraint>();
  const queue: string[] = [];
  for (const f of failed) {
    causes.set(f, { id: f, cause: "failed" });
    queue.push(f);
  }
  for (let i = 0; i < queue.length; i++) {
    const cur = queue[i] as string;
    for (const d of dependents.get(cur) ?? []) {
      if (!causes.has(d)) {
        causes.set(d, { id: d, cause: "requires", via: cur });
        queue.push(d);
      }
    }
    for (const m of coupled.get(cur) ?? []) {
      if (!causes.has(m)) {
        causes.set(m, { id: m, cause: "coupled", via: cur });
        queue.push(m);
      }
    }
  }
  return causes;
}

function conclude(p: Extract<Plan, { kept: unknown }>, reverification: Verdicts): HindsightResult {
  const notPassed = reverification.verdicts.filter((v) => v.status !== "pass");
  if (notPassed.length > 0) {
    return {
      outcome: "refused",
      reason: "reverification-failed",
      constraints: notPassed.map((v) => v.id),
      message: `under the hindsight instruction, ${notPassed.map((v) => `\`${v.id}\` ${v.status === "fail" ? "fails" : "is unknown"} (${v.evidence})`).join("; ")}`,
    };
  }
  return { outcome: "rewrite", kept: p.kept.map((c) => c.id), dropped: p.dropped, instruction: p.instruction, reverification };
}

/** Hindsight with generated checks for the re-verification, synchronously (all-hard contracts). */
export function hindsightSync<Id extends string>(
  contract: CompiledContract,
  checks: HardChecks,
  verdicts: Verdicts,
  response: string,
  inputs: Readonly<Record<string, unknown>>,
): TypedHindsightResult<Id> {
  const p = plan(contract, verdicts, inputs);
  if ("done" in p) return p.done as TypedHindsightResult<Id>;
  return conclude(p, verifyKeptSync(contract, checks, p.kept, response, p.values, p.instruction)) as TypedHindsightResult<Id>;
}

/** Hindsight with generated checks; kept soft constraints are judged again under the hindsight instruction. */
export async function hindsight<Id extends string>(
  contract: CompiledContract,
  checks: HardChecks,
  verdicts: Verdicts,
  response: string,
  inputs: Readonly<Record<string, unknown>>,
  options: Partial<JudgedHindsightOptions> = {},
): Promise<TypedHindsightResult<Id>> {
  const p = plan(contract, verdicts, inputs);
  if ("done" in p) return p.done as TypedHindsightResult<Id>;
  const reverification = await verifyKept(contract, checks, p.kept, response, p.values, p.instruction, options.judge);
  return conclude(p, reverification) as TypedHindsightResult<Id>;
}
