/**
 * The runtime surface of generated verifiers (`hir compile`, src/compiler/codegen):
 * everything a generated module imports comes from this file, so the generated code
 * depends on one specifier (`compile.runtimeImport`, e.g. `hindsight/runtime`).
 *
 * What is compiled and what is shared:
 * - Hard checks are generated TypeScript functions. They call the built-in
 *   implementations directly (bound once per module with `builtin(name)`) and combine
 *   the results with the node helpers re-exported below (`compare`, `and`, `not`...)
 *   from src/runtime/nodes.ts, the same helpers the IR interpreter
 *   (src/runtime/evaluate.ts) uses for the value, the evidence text and the measured
 *   quantity. No IR expression is read at run time.
 * - `requires` gating, judging, rendering and hindsight rewriting are data-driven (the
 *   rewrite rules are IR data): they are the interpreter's own code
 *   (src/runtime/verify.ts `verify`, src/runtime/hindsight.ts `hindsight`), given
 *   the `backend` option that runs the generated module's table of check functions.
 *
 * The agreement test (test/compiler/codegen/agreement.property.test.ts) holds
 * generated verifiers and the interpreter to the same verdicts, evidence and
 * hindsight results.
 */
import type { CompiledContract } from "../compiler/ir.js";
import { getBuiltinImpl } from "./builtins/index.js";
import { BuiltinError, type BuiltinArgs, type BuiltinContext, type BuiltinImpl, type RuntimeValue } from "./builtins/types.js";
import { hindsight as decide, type DroppedConstraint, type RefusalReason } from "./hindsight.js";
import type { ResolvedInputs } from "./inputs.js";
import type { Judge } from "./judge-interface.js";
import { literal, regexLiteral, type Node } from "./nodes.js";
import { verify as check, type HardBackend, type Verdict, type Verdicts } from "./verify.js";

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

// ---- check nodes: one helper per expression kind (src/runtime/nodes.ts, shared with the interpreter) ----------------

export type { Node } from "./nodes.js";
export { and, arith, compare, inRange, input, list, measure, neg, not, notCompare, notInRange, or, predicate, selector, subjectText } from "./nodes.js";

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

/** A number, text or bool literal (frozen: generated modules hoist constants). */
export function lit(value: number | string | boolean): Node {
  return freeze(literal(value));
}

export function regex(pattern: string, flags: string): Node {
  return freeze(regexLiteral(pattern, flags));
}

export type CallKind = "measure" | "predicate" | "selector";

// ---- verification and hindsight: the interpreter's code, with generated checks as the backend ----------------------

/** The backend that runs a generated module's check functions (one CheckEnv, so one memo of built-in calls, per verification). */
function generatedChecks(checks: HardChecks): HardBackend {
  return (response, values, instruction) => {
    const env = createCheckEnv(response, values, instruction);
    return (c) => {
      const check = checks[c.id];
      if (!check) throw new Error("the generated module has no check function for this constraint");
      return check(env);
    };
  };
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
  return withById<V>(check(contract, response, inputs, { ...options, backend: generatedChecks(checks), sync: true }));
}

/** Verifies with generated checks; soft constraints go to the judge (concurrently, after their prerequisites pass). */
export async function verify<V extends Verdicts>(
  contract: CompiledContract,
  checks: HardChecks,
  response: string,
  inputs: Readonly<Record<string, unknown>>,
  options: Partial<JudgedVerifyOptions> = {},
): Promise<V> {
  return withById<V>(await check(contract, response, inputs, { ...options, backend: generatedChecks(checks) }));
}

/** The instruction: prompt plus the clauses of `constraintIds` (default: all), per the contract's layout. Throws InputError. */
export { render } from "./render.js";

/** Hindsight with generated checks for the re-verification, synchronously (all-hard contracts). */
export function hindsightSync<Id extends string>(
  contract: CompiledContract,
  checks: HardChecks,
  verdicts: Verdicts,
  response: string,
  inputs: Readonly<Record<string, unknown>>,
): TypedHindsightResult<Id> {
  return decide(contract, verdicts, response, inputs, { backend: generatedChecks(checks), sync: true }) as TypedHindsightResult<Id>;
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
  return (await decide(contract, verdicts, response, inputs, { ...options, backend: generatedChecks(checks) })) as TypedHindsightResult<Id>;
}
