/**
 * TaskEnvs on the real compiler and runtime: a contract file is loaded, checked
 * and lowered to IR (src/compiler), and each task renders with `render`, verifies
 * and rewrites with the runtime (src/runtime): synchronously (`verifySync`,
 * `hindsightSync`) when every constraint is hard, through a judge otherwise.
 * A contract with judged (soft) constraints needs a judge: without one they would
 * all be `unknown`, no response could succeed and no replay would ever be allowed,
 * so such an env is refused up front rather than training on nothing.
 */
import type { CompiledContract } from "../compiler/ir.js";
import { runPipeline } from "../compiler/pipeline.js";
import type { SourceHost } from "../language/program.js";
import { hindsight, hindsightSync, render, verify, verifySync, type HindsightResult, type Verdicts } from "../runtime/index.js";
import type { Judge } from "../runtime/judge-interface.js";
import type { ConstraintInfo, ConstraintVerdict, TaskEnv } from "./env.js";

export class ContractLoadError extends Error {
  override readonly name = "ContractLoadError";
}

export interface CompileOptions {
  readonly baseDir?: string;
}

/**
 * Loads, checks and lowers the given contract files. Throws ContractLoadError on
 * error diagnostics or skipped contracts (warnings are allowed).
 */
export function compileContracts(paths: readonly string[], host: SourceHost, options: CompileOptions = {}): Map<string, CompiledContract> {
  const run = runPipeline({ files: paths, host, ...(options.baseDir !== undefined ? { baseDir: options.baseDir } : {}) });
  const { errors } = run;
  if (errors.length > 0) {
    throw new ContractLoadError(
      `the training contracts have errors:\n${errors.map((d) => `  ${d.file}:${d.range.start.line}:${d.range.start.column} ${d.code}: ${d.message}`).join("\n")}`,
    );
  }
  if (run.skipped.length > 0) {
    throw new ContractLoadError(`contracts not compiled: ${run.skipped.map((s) => `${s.contract} (${s.reason})`).join("; ")}`);
  }
  return new Map(run.contracts.map((c) => [c.id, c]));
}

export interface TaskEnvOptions {
  /** Decides soft constraints (required when the contract has any). */
  readonly judge?: Judge;
}

export class CompiledTaskEnv implements TaskEnv {
  readonly contractId: string;
  readonly constraintIds: readonly string[];
  readonly constraints: readonly ConstraintInfo[];
  readonly couples: readonly (readonly string[])[];
  private readonly q: string;
  private readonly info: ReadonlyMap<string, { role: ConstraintInfo["role"]; removable: boolean; kind: "hard" | "soft" }>;
  /** Set only when the contract has soft constraints: hard-only contracts stay synchronous. */
  private readonly judge: Judge | undefined;

  constructor(
    readonly id: string,
    readonly contract: CompiledContract,
    readonly inputs: Readonly<Record<string, unknown>>,
    options: TaskEnvOptions = {},
  ) {
    const soft = contract.constraints.filter((c) => c.kind === "soft").map((c) => c.id);
    if (soft.length > 0 && !options.judge) {
      throw new ContractLoadError(
        `${contract.id}: ${soft.join(", ")} ${soft.length === 1 ? "is" : "are"} judged, so training on it needs a judge (hir train --judge URL)`,
      );
    }
    this.judge = soft.length > 0 ? options.judge : undefined;
    this.contractId = contract.id;
    this.constraintIds = contract.constraints.map((c) => c.id);
    this.constraints = contract.constraints.map((c) => ({ id: c.id, role: c.role, removable: c.removable, requires: [...c.requires] }));
    this.couples = contract.couples.map((s) => [...s]);
    this.info = new Map(contract.constraints.map((c) => [c.id, { role: c.role, removable: c.removable, kind: c.kind }]));
    this.q = render(contract, inputs); // throws InputError on invalid inputs
  }

  instruction(): string {
    return this.q;
  }

  verify(response: string): ConstraintVerdict[] | Promise<ConstraintVerdict[]> {
    if (!this.judge) return this.checked(verifySync(this.contract, response, this.inputs, { instruction: this.q }));
    return verify(this.contract, response, this.inputs, { instruction: this.q, judge: this.judge }).then((r) => this.checked(r));
  }

  /** The runtime's result as it is: the trainer audits rewrites itself (env.ts `auditRewrite`). */
  hindsight(verdicts: readonly ConstraintVerdict[], response: string): HindsightResult | Promise<HindsightResult> {
    if (!this.judge) return hindsightSync(this.contract, this.fromVerdicts(verdicts), response, this.inputs);
    return hindsight(this.contract, this.fromVerdicts(verdicts), response, this.inputs, { judge: this.judge });
  }

  private checked(r: Verdicts): ConstraintVerdict[] {
    if (r.inputErrors.length > 0) throw new ContractLoadError(`${this.id}: invalid inputs: ${r.inputErrors.map((e) => e.message).join("; ")}`);
    return this.toVerdicts(r);
  }

  private toVerdicts(r: Verdicts): ConstraintVerdict[] {
    return r.verdicts.map((v) => {
      const i = this.info.get(v.id);
      if (!i) throw new Error(`internal: verdict for unknown constraint ${v.id}`);
      return { id: v.id, status: v.status, role: i.role, removable: i.removable, evidence: v.evidence, ...(v.gatedBy ? { gatedBy: [...v.gatedBy] } : {}) };
    });
  }

  /** The runtime's Verdicts shape, rebuilt from the trainer's (the hindsight rules read ids and statuses). */
  private fromVerdicts(vs: readonly ConstraintVerdict[]): Verdicts {
    const counts = { pass: 0, fail: 0, unknown: 0 };
    for (const v of vs) counts[v.status]++;
    return {
      contract: this.contract.id,
      contentHash: this.contract.contentHash,
      instruction: this.q,
      verdicts: vs.map((v) => ({ id: v.id, status: v.status, kind: this.info.get(v.id)?.kind ?? "hard", evidence: v.evidence ?? "", ...(v.gatedBy ? { gatedBy: [...v.gatedBy] } : {}) })),
      inputErrors: [],
      passed: counts.pass === vs.length,
      counts,
    };
  }
}
