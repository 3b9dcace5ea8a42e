/**
 * TaskEnvs on the real compiler and runtime: a contract file is loaded, checked
 * and lowered to IR (src/compiler), and each task verifies with `verifySync`,
 * renders with `render` and rewrites with `hindsightSync` (src/runtime). The
 * trainer only needs hard constraints; a contract with judged (soft)
 * constraints is rejected here, since a judge-free verifier would make them
 * `unknown` and no replay would ever be allowed.
 */
import type { CompiledContract } from "../compiler/ir.js";
import { lowerProgram } from "../compiler/lower.js";
import { loadProgram, type SourceHost } from "../language/program.js";
import { hindsightSync, render, verifySync, type Verdicts } from "../runtime/index.js";
import type { ConstraintInfo, ConstraintVerdict, HindsightOutcome, TaskEnv } from "./env.js";

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
  const program = loadProgram(paths, host);
  const errors = program.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    throw new ContractLoadError(
      `the training contracts have errors:\n${errors.map((d) => `  ${d.file}:${d.range.start.line}:${d.range.start.column} ${d.code}: ${d.message}`).join("\n")}`,
    );
  }
  const lowered = lowerProgram(program, options.baseDir !== undefined ? { baseDir: options.baseDir } : {});
  if (lowered.skipped.length > 0) {
    throw new ContractLoadError(`contracts not compiled: ${lowered.skipped.map((s) => `${s.contract} (${s.reason})`).join("; ")}`);
  }
  return new Map(lowered.contracts.map((c) => [c.id, c]));
}

export class CompiledTaskEnv implements TaskEnv {
  readonly contractId: string;
  readonly constraintIds: readonly string[];
  readonly constraints: readonly ConstraintInfo[];
  readonly couples: readonly (readonly string[])[];
  private readonly q: string;
  private readonly info: ReadonlyMap<string, { role: ConstraintInfo["role"]; removable: boolean; kind: "hard" | "soft" }>;

  constructor(
    readonly id: string,
    readonly contract: CompiledContract,
    readonly inputs: Readonly<Record<string, unknown>>,
  ) {
    const soft = contract.constraints.filter((c) => c.kind === "soft").map((c) => c.id);
    if (soft.length > 0) {
      throw new ContractLoadError(`${contract.id}: training needs hard constraints only, but ${soft.join(", ")} ${soft.length === 1 ? "is" : "are"} judged`);
    }
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

  verify(response: string): ConstraintVerdict[] {
    const r = verifySync(this.contract, response, this.inputs, { instruction: this.q });
    if (r.inputErrors.length > 0) throw new ContractLoadError(`${this.id}: invalid inputs: ${r.inputErrors.map((e) => e.message).join("; ")}`);
    return this.toVerdicts(r);
  }

  hindsight(verdicts: readonly ConstraintVerdict[], response: string): HindsightOutcome {
    const r = hindsightSync(this.contract, this.fromVerdicts(verdicts), response, this.inputs);
    switch (r.outcome) {
      case "success":
        return { kind: "success" };
      case "refused":
        return { kind: "refused", reason: r.reason, constraints: [...r.constraints], message: r.message };
      case "rewrite":
        return {
          kind: "rewrite",
          kept: [...r.kept],
          dropped: r.dropped.map((d) => ({ id: d.id, cause: d.via !== undefined ? `${d.cause}:${d.via}` : d.cause })),
          instruction: r.instruction,
          reverification: this.toVerdicts(r.reverification),
        };
    }
  }

  private toVerdicts(r: Verdicts): ConstraintVerdict[] {
    return r.verdicts.map((v) => {
      const i = this.info.get(v.id);
      if (!i) throw new Error(`internal: verdict for unknown constraint ${v.id}`);
      return { id: v.id, status: v.status, role: i.role, removable: i.removable, evidence: v.evidence };
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
      verdicts: vs.map((v) => ({ id: v.id, status: v.status, kind: this.info.get(v.id)?.kind ?? "hard", evidence: v.evidence ?? "" })),
      inputErrors: [],
      passed: counts.pass === vs.length,
      counts,
    };
  }
}
