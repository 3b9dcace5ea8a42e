/**
 * Loads the contracts of some files or directories once, compiled to IR, for the
 * engine commands (serve, export, rollout). Errors in the specs are returned as
 * diagnostics; contracts that compile are usable even when others do not.
 */
import type { CompiledContract } from "../compiler/ir.js";
import { lowerProgram } from "../compiler/lower.js";
import type { Diagnostic } from "../language/diagnostics/types.js";
import { nodeHost } from "../language/node-host.js";
import { loadProgram } from "../language/program.js";

export interface LoadedContracts {
  readonly contracts: ReadonlyMap<string, CompiledContract>;
  readonly errors: readonly Diagnostic[];
  /** Contracts that could not be compiled, with the reason. */
  readonly skipped: ReadonlyArray<{ contract: string; reason: string }>;
}

/** `files` are `.contract` paths relative to `cwd` (see src/cli/files.ts to expand directories). */
export function loadContracts(files: readonly string[], cwd: string): LoadedContracts {
  const program = loadProgram(files, nodeHost(cwd));
  const errors = program.diagnostics.filter((d) => d.severity === "error");
  const lowered = lowerProgram(program, { baseDir: cwd });
  const contracts = new Map<string, CompiledContract>();
  for (const c of lowered.contracts) contracts.set(c.id, c);
  return { contracts, errors, skipped: lowered.skipped.map((s) => ({ contract: s.contract, reason: s.reason })) };
}
