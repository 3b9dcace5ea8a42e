/**
 * The IR interpreter: verifies a response against a compiled contract, one verdict
 * per constraint with evidence.
 *
 * - Hard constraints evaluate their check; soft ones ask the judge (none configured:
 *   `unknown`). Anything that cannot be evaluated is `unknown`, and `unknown` never
 *   counts as a pass (fail closed).
 * - `requires` gates: a constraint whose prerequisite failed counts as failed, one
 *   whose prerequisite is unknown counts as unknown, and the evidence says why.
 *   A gated soft constraint is not sent to the judge.
 * - Invalid inputs do not throw: the result lists them and every verdict is
 *   `unknown`.
 *
 * One entry point, `verify`, for both verifier backends and both modes: its
 * options pick the `HardBackend` that computes the hard constraints' own results
 * (the IR interpreter here, generated check functions in src/runtime/compiled.ts),
 * the judge, a subset of constraints, and `sync` (no judge: the result comes back
 * directly instead of as a promise). The logic is written once, as a generator
 * that yields when it needs the judge (`verifying`); `runSync` and `runAsync`
 * drive it, and hindsight re-verification reuses it.
 */
import type { CompiledConstraint, CompiledContract, HardConstraint, SoftConstraint } from "../compiler/ir.js";
import { BuiltinError } from "./builtins/types.js";
import { createEnv, evaluateNode } from "./evaluate.js";
import { resolveInputs, type InputIssue, type ResolvedInputs } from "./inputs.js";
import type { Judge, JudgeAnswer } from "./judge-interface.js";
import { checkValue, type Node } from "./nodes.js";
import { checkReadsInstruction, recentOwn } from "./recent-checks.js";
import { renderInstruction, renderTemplate } from "./render.js";

export { render, renderInstruction, renderClauses, renderTemplate } from "./render.js";

export type VerdictStatus = "pass" | "fail" | "unknown";

export interface Verdict {
  readonly id: string;
  readonly status: VerdictStatus;
  readonly kind: "hard" | "soft";
  /** Why, in one line: what was measured and what was expected, the judge's reason, or the failed prerequisite. */
  readonly evidence: string;
  /** The measured quantity (a count, a detected language, a predicate's truth value), when there is one. */
  readonly measured?: unknown;
  /** Prerequisites (`requires`) whose failure or unknown status decided this verdict. */
  readonly gatedBy?: readonly string[];
}

export interface VerdictCounts {
  readonly pass: number;
  readonly fail: number;
  readonly unknown: number;
}

export interface Verdicts {
  /** The contract id. */
  readonly contract: string;
  /** The compiled contract's content hash, so stored verdicts can be matched to the IR that produced them. */
  readonly contentHash: string;
  /** The instruction the response was verified against ("" when the inputs are invalid). */
  readonly instruction: string;
  /** One verdict per constraint, in contract order. */
  readonly verdicts: readonly Verdict[];
  /** Problems with the inputs; when non-empty, every verdict is `unknown`. */
  readonly inputErrors: readonly InputIssue[];
  /** True when every constraint passed. */
  readonly passed: boolean;
  readonly counts: VerdictCounts;
}

export interface VerifySyncOptions {
  /** Verify against this instruction instead of the contract's rendering (e.g. a hindsight instruction). */
  readonly instruction?: string;
  /** Computes the hard constraints' own results (default: the IR interpreter, `interpretHard`). */
  readonly backend?: HardBackend;
  /**
   * Verify only these constraints of the contract (a subset closed under `requires`,
   * e.g. the kept constraints of a hindsight instruction); default: all.
   */
  readonly constraints?: readonly CompiledConstraint[];
}

export interface VerifyOptions extends VerifySyncOptions {
  /** Judges soft constraints; without one they are `unknown` ("no judge configured"). */
  readonly judge?: Judge;
  /** Return the verdicts directly instead of a promise: no judge is called, soft constraints are `unknown` ("not judged"). */
  readonly sync?: boolean;
}


/**
 * How a verifier backend computes the own result of hard constraints. Given the
 * response, the validated inputs and the instruction, it returns the function that
 * evaluates one hard constraint's check to its node (which must be true or false);
 * that function throws (BuiltinError) when the check cannot be evaluated. It is
 * called once per verification, so a backend can share work between the
 * constraints (memoized built-in calls).
 *
 * Everything else (requires-gating, judging, unknown handling, invalid inputs,
 * ordering, counts) is this module's, whatever the backend: the IR interpreter
 * (`interpretHard`) or generated check functions (src/runtime/compiled.ts).
 */
export type HardBackend = (response: string, values: ResolvedInputs, instruction: string) => (c: HardConstraint) => Node;

/** The IR interpreter as a backend: evaluates each constraint's check expression. */
export const interpretHard: HardBackend = (response, values, instruction) => {
  const env = createEnv(response, values, instruction);
  return (c) => evaluateNode(c.check, env);
};

/**
 * Verifies `response`: one verdict per constraint, in contract order. With
 * `sync: true` the verdicts come back directly and no judge is called (for
 * contracts whose constraints are all hard); otherwise as a promise, soft
 * constraints going to `options.judge` (concurrently, once their prerequisites pass).
 */
export function verify(contract: CompiledContract, response: string, inputs: Readonly<Record<string, unknown>>, options: VerifyOptions & { readonly sync: true }): Verdicts;
export function verify(contract: CompiledContract, response: string, inputs: Readonly<Record<string, unknown>>, options?: VerifyOptions): Promise<Verdicts>;
export function verify(contract: CompiledContract, response: string, inputs: Readonly<Record<string, unknown>>, options: VerifyOptions = {}): Verdicts | Promise<Verdicts> {
  const steps = verifyingInputs(contract, response, inputs, options);
  return options.sync ? runSync(steps) : runAsync(steps);
}

/** `verify` with `sync: true`: for contracts whose constraints are all hard. Soft constraints, if any, are `unknown` ("not judged"). */
export function verifySync(
  contract: CompiledContract,
  response: string,
  inputs: Readonly<Record<string, unknown>>,
  options: VerifySyncOptions = {},
): Verdicts {
  return verify(contract, response, inputs, { ...options, sync: true });
}

// ---- the one verification, driven synchronously or asynchronously -------------------------------------------

/** A request for judgements: the driver runs every thunk (concurrently) and resumes the generator with the answers. */
export type JudgeRound = readonly (() => Promise<Own>)[];

/** A computation that may pause for the judge. */
export type Steps<T> = Generator<JudgeRound, T, readonly Own[]>;

/** Runs `steps` to the end without a judge; they must not ask for one. */
export function runSync<T>(steps: Steps<T>): T {
  const r = steps.next();
  if (!r.done) throw new Error("internal: a synchronous verification asked for a judge");
  return r.value;
}

/** Runs `steps`, answering each round of judgements concurrently; a throw becomes a rejection. */
export async function runAsync<T>(steps: Steps<T>): Promise<T> {
  let r = steps.next();
  while (!r.done) r = steps.next(await Promise.all(r.value.map((ask) => ask())));
  return r.value;
}

/**
 * Why unjudged soft constraints are unknown: the synchronous mode never calls a
 * judge; the asynchronous one had none configured.
 */
function softReasonFor(options: Pick<VerifyOptions, "sync">): string {
  return options.sync ? "not judged: verifySync does not call a judge" : "no judge configured";
}

/** Validates the inputs, renders the instruction, then verifies (every verdict `unknown` on invalid inputs). */
function* verifyingInputs(contract: CompiledContract, response: string, inputs: Readonly<Record<string, unknown>>, options: VerifyOptions): Steps<Verdicts> {
  const prepared = prepare(contract, inputs, options.instruction);
  if (!prepared.ok) return invalidInputs(contract, options.constraints ?? contract.constraints, prepared.errors);
  return yield* verifying(contract, response, prepared.values, prepared.instruction, options);
}

function prepare(
  contract: CompiledContract,
  inputs: Readonly<Record<string, unknown>>,
  instruction: string | undefined,
): { ok: true; values: ResolvedInputs; instruction: string } | { ok: false; errors: readonly InputIssue[] } {
  const r = resolveInputs(contract, inputs);
  if (!r.ok) return { ok: false, errors: r.errors };
  return { ok: true, values: r.values, instruction: instruction ?? renderInstruction(contract, r.values) };
}

function invalidInputs(contract: CompiledContract, constraints: readonly CompiledConstraint[], errors: readonly InputIssue[]): Verdicts {
  const why = `not verified: invalid inputs (${errors.map((e) => e.message).join("; ")})`;
  const verdicts = constraints.map((c): Verdict => ({ id: c.id, status: "unknown", kind: c.kind, evidence: why }));
  return finish(contract, "", verdicts, errors);
}

// ---- shared core -------------------------------------------------------------------------------------------

/** A constraint's own result, before `requires` gating. */
export type Own = { readonly status: VerdictStatus; readonly evidence: string; readonly measured?: unknown };
type Pending = "pending";

/** Own verdict of a hard constraint: its check's value; a check that cannot be evaluated makes it unknown. */
function ownVerdict(check: (c: HardConstraint) => Node, c: HardConstraint): Own {
  try {
    const r = check(c);
    const own: { status: VerdictStatus; evidence: string; measured?: unknown } = { status: checkValue(r) ? "pass" : "fail", evidence: r.text };
    if (r.measured !== undefined) own.measured = r.measured;
    return own;
  } catch (e) {
    const message = e instanceof BuiltinError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    return { status: "unknown", evidence: `could not evaluate: ${message}` };
  }
}

function judgeRequestFor(c: SoftConstraint, response: string, values: ResolvedInputs, instruction: string) {
  return { rubric: renderTemplate(c.judge.rubric, values), response, instruction, constraintId: c.id };
}

async function askJudge(judge: Judge, c: SoftConstraint, response: string, values: ResolvedInputs, instruction: string): Promise<Own> {
  let answer: JudgeAnswer;
  try {
    answer = await judge.judge(judgeRequestFor(c, response, values, instruction));
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

/**
 * Combines own verdicts with `requires` gating. "pending" marks soft constraints not
 * judged yet; the result is "pending" where the outcome still depends on them.
 */
function combine(constraints: readonly CompiledConstraint[], own: ReadonlyMap<string, Own | Pending>): Map<string, Verdict | Pending> {
  const byId = new Map<string, CompiledConstraint>();
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i] as CompiledConstraint;
    byId.set(c.id, c);
  }
  const out = new Map<string, Verdict | Pending>();
  // A depth-first walk with an explicit stack (a 12,000-long chain must not exhaust the call
  // stack): a constraint is settled once all its prerequisites are, in declaration order; a
  // prerequisite still being walked closes a cycle and counts as unknown for its dependent.
  // Prerequisites that are not among `constraints` are skipped. Indexed loops and no
  // destructuring: this runs once per verification, mostly before the code is optimized.
  const visiting = new Set<string>();
  const stack: Frame[] = [];
  for (let r = 0; r < constraints.length; r++) {
    const root = constraints[r] as CompiledConstraint;
    if (out.get(root.id)) continue;
    visiting.add(root.id);
    stack.push(new Frame(root.id, byId.get(root.id) as CompiledConstraint));
    while (stack.length > 0) {
      const f = stack[stack.length - 1] as Frame;
      const prereqs = f.c.requires;
      if (f.next < prereqs.length) {
        const p = prereqs[f.next++] as string;
        const pc = byId.get(p);
        if (pc === undefined) continue;
        const done = out.get(p);
        if (done) f.add(p, done);
        else if (visiting.has(p)) f.add(p, { id: p, status: "unknown", kind: pc.kind, evidence: "not verified: its prerequisites form a cycle" });
        else {
          visiting.add(p);
          stack.push(new Frame(p, pc));
        }
        continue;
      }
      stack.pop();
      visiting.delete(f.id);
      const v = gated(f, own.get(f.id) ?? "pending");
      out.set(f.id, v);
      if (stack.length > 0) (stack[stack.length - 1] as Frame).add(f.id, v);
    }
  }
  return out;
}

/** A constraint being walked by `combine`: its prerequisites' effective verdicts so far, in order. */
class Frame {
  next = 0;
  readonly preIds: string[] = [];
  readonly preVerdicts: (Verdict | Pending)[] = [];
  constructor(readonly id: string, readonly c: CompiledConstraint) {}
  add(id: string, v: Verdict | Pending): void {
    this.preIds.push(id);
    this.preVerdicts.push(v);
  }
  /** The prerequisites (in order) whose effective verdict has `status`. */
  withStatus(status: VerdictStatus): string[] {
    const ids: string[] = [];
    for (let i = 0; i < this.preIds.length; i++) {
      const v = this.preVerdicts[i] as Verdict | Pending;
      if (v !== "pending" && v.status === status) ids.push(this.preIds[i] as string);
    }
    return ids;
  }
}

/** A constraint's verdict from its own result and its prerequisites' effective verdicts. */
function gated(f: Frame, o: Own | Pending): Verdict | Pending {
  const { id, c } = f;
  // One pass to see which case applies; the id lists are built only for the case that does.
  let anyFailed = false;
  let anyPending = false;
  let anyUnknown = false;
  for (let i = 0; i < f.preVerdicts.length; i++) {
    const v = f.preVerdicts[i] as Verdict | Pending;
    if (v === "pending") anyPending = true;
    else if (v.status === "fail") anyFailed = true;
    else if (v.status === "unknown") anyUnknown = true;
  }
  if (!anyFailed && (anyPending || (!anyUnknown && o === "pending"))) return "pending";
  const ownNote = (verb: string) => (o === "pending" ? ` (${verb})` : `; its own ${c.kind === "hard" ? "check" : "judgement"}: ${o.evidence}`);
  let status: VerdictStatus;
  let evidence: string;
  let gatedBy: string[] | undefined;
  if (anyFailed) {
    const failed = (gatedBy = f.withStatus("fail"));
    status = "fail";
    evidence = `failed because its prerequisite${failed.length > 1 ? "s" : ""} ${ticks(failed)} failed${ownNote("not judged")}`;
  } else if (anyUnknown) {
    const unknown = (gatedBy = f.withStatus("unknown"));
    status = "unknown";
    evidence = `unknown because its prerequisite${unknown.length > 1 ? "s" : ""} ${ticks(unknown)} ${unknown.length > 1 ? "are" : "is"} unknown${ownNote("not judged")}`;
  } else {
    const settled = o as Own;
    status = settled.status;
    evidence = settled.evidence;
  }
  // Keys in `Verdict` order: id, status, kind, evidence, measured, gatedBy.
  const v: { -readonly [K in keyof Verdict]: Verdict[K] } = { id, status, kind: c.kind, evidence };
  if (o !== "pending" && o.measured !== undefined) v.measured = o.measured;
  if (gatedBy !== undefined) v.gatedBy = gatedBy;
  return v;
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

/**
 * Own verdicts of the hard constraints (by `backend`); soft ones are "pending".
 * With the IR interpreter, the results of checks that do not read the
 * instruction are shared with other verifications of the same response and
 * inputs (src/runtime/recent-checks.ts): a hindsight re-verification reuses
 * what `verify` computed.
 */
function ownHard(
  backend: HardBackend,
  contract: CompiledContract,
  constraints: readonly CompiledConstraint[],
  response: string,
  values: ResolvedInputs,
  instruction: string,
): Map<string, Own | Pending> {
  const recent = backend === interpretHard ? recentOwn<Own>(contract, response, values) : undefined;
  let check: ((c: HardConstraint) => Node) | undefined;
  const own = new Map<string, Own | Pending>();
  for (const c of constraints) {
    if (c.kind !== "hard") {
      own.set(c.id, "pending");
      continue;
    }
    const shared = recent !== undefined && !checkReadsInstruction(c);
    let o = shared ? recent.get(c.id) : undefined;
    if (o === undefined) {
      o = ownVerdict((check ??= backend(response, values, instruction)), c);
      if (shared) recent.set(c.id, o);
    }
    own.set(c.id, o);
  }
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

/**
 * Verifies `options.constraints` (default: all) with validated inputs under
 * `instruction`. Without a judge (or in sync mode) soft constraints are `unknown`
 * up front; with one, it yields each round of soft constraints whose prerequisites
 * all passed, until none is left.
 */
export function* verifying(
  contract: CompiledContract,
  response: string,
  values: ResolvedInputs,
  instruction: string,
  options: VerifyOptions,
): Steps<Verdicts> {
  const constraints = options.constraints ?? contract.constraints;
  const own = ownHard(options.backend ?? interpretHard, contract, constraints, response, values, instruction);
  const judge = options.sync ? undefined : options.judge;
  if (!judge) {
    const reason = softReasonFor(options);
    for (const c of constraints) if (c.kind === "soft") own.set(c.id, { status: "unknown", evidence: reason });
    return settle(contract, constraints, own, instruction);
  }
  const byId = new Map(constraints.map((c) => [c.id, c]));
  for (;;) {
    const eff = combine(constraints, own);
    // Judge the pending soft constraints whose prerequisites all passed.
    const ready = constraints.filter((c): c is SoftConstraint =>
      c.kind === "soft" && own.get(c.id) === "pending" &&
      c.requires.filter((p) => byId.has(p)).every((p) => {
        const v = eff.get(p);
        return v !== undefined && v !== "pending" && v.status === "pass";
      }));
    if (ready.length === 0) break;
    const answers = yield ready.map((c) => () => askJudge(judge, c, response, values, instruction));
    ready.forEach((c, i) => own.set(c.id, answers[i] as Own));
  }
  return settle(contract, constraints, own, instruction);
}
