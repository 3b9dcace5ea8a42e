/**
 * The one way from spec paths to compiled contracts, used by every command, the
 * trainer, the dataset evaluators, the engines and the benches:
 *
 *   paths --loadPaths (src/language/load-paths.ts)--> checked Program     (stage `checked`)
 *         --lowerProgram--> IR contracts, and the contracts and files that did not compile   (stage `lowered`)
 *
 * A caller names the stage it needs, after Langium's named document stages: the
 * language server stops at `checked` (diagnostics, navigation) over its buffer host
 * and its parse cache (`parse`); everything that needs contracts runs to `lowered`,
 * the default.
 *
 * Never throws on user input; what a caller does with errors (print them, refuse to
 * train, skip a dataset row) is its own business.
 */
import { compareStrings } from "../common/order.js";
import type { Diagnostic } from "../language/diagnostics/types.js";
import { loadPaths, type LoadedPaths, type LoadRequest } from "../language/load-paths.js";
import type { Program } from "../language/program.js";
import type { CompiledContract } from "./ir.js";
import { lowerProgram, type LowerOptions, type SkippedContract } from "./lower.js";

/** How far a run goes: `checked` (parse, bind, check) or `lowered` (also the IR). */
export type PipelineStage = "checked" | "lowered";

export interface PipelineRequest extends LoadRequest, LowerOptions {
  /** The last stage to run (default `lowered`). */
  readonly until?: PipelineStage;
}

export interface PipelineTimings {
  /** Parsing, binding and checking, in milliseconds. */
  check: number;
  /** IR lowering. */
  lower: number;
}

/** A run stopped at `checked`: the expanded files and the checked program with its diagnostics. */
export interface CheckedRun extends Omit<LoadedPaths, "checkMs"> {
  readonly timings: Pick<PipelineTimings, "check">;
}

export interface PipelineResult extends CheckedRun {
  /** Compiled contracts in program order. */
  readonly contracts: readonly CompiledContract[];
  /** Contracts not compiled, with the reason (errors in their files, or an internal lowering problem). */
  readonly skipped: readonly SkippedContract[];
  /** Entry files whose contracts were not compiled (their own errors, or errors in files they use), sorted. */
  readonly failedFiles: readonly string[];
  readonly timings: PipelineTimings;
}

/** Entries with errors of their own, or with a contract that was skipped. */
function failedFiles(program: Program, errors: readonly Diagnostic[], skipped: readonly SkippedContract[]): string[] {
  const failed = new Set([...errors.map((d) => d.file), ...skipped.map((s) => s.file)]);
  return program.entries.filter((e) => failed.has(e)).sort(compareStrings);
}

/** Expands, loads and checks, then lowers unless `until` is `checked`. */
export function runPipeline(request: PipelineRequest & { readonly until: "checked" }): CheckedRun;
export function runPipeline(request: PipelineRequest & { readonly until?: "lowered" }): PipelineResult;
export function runPipeline(request: PipelineRequest): PipelineResult | CheckedRun;
export function runPipeline(request: PipelineRequest): PipelineResult | CheckedRun {
  const { checkMs, ...loaded } = loadPaths(request);
  if (request.until === "checked") return { ...loaded, timings: { check: checkMs } };
  const start = performance.now();
  const lowered = lowerProgram(loaded.program, {
    ...(request.compilerVersion !== undefined ? { compilerVersion: request.compilerVersion } : {}),
    ...(request.baseDir !== undefined ? { baseDir: request.baseDir } : {}),
  });
  return {
    ...loaded,
    contracts: lowered.contracts,
    skipped: lowered.skipped,
    failedFiles: failedFiles(loaded.program, loaded.errors, lowered.skipped),
    timings: { check: checkMs, lower: performance.now() - start },
  };
}
