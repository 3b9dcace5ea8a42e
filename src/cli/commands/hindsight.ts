/**
 * `hir hindsight SPEC [RESPONSE]`: verify a response, then decide its hindsight
 * replay: print the verdicts, then either the refusal (reason and constraints) or
 * the rewrite (kept, dropped with causes, the hindsight instruction and its
 * re-verification). `--json` prints `hindsightJson` (src/runtime/format.ts).
 * Exit 0 for `success` or `rewrite`, 1 for `refused` (or spec errors), 2 on usage
 * errors.
 */
import type { Command } from "commander";
import { formatHindsight, formatVerdicts, hindsightJson } from "../../runtime/format.js";
import { hindsight } from "../../runtime/hindsight.js";
import { verify } from "../../runtime/verify.js";
import { EXIT_FINDINGS, EXIT_OK, type CliIO } from "../io.js";
import { prepareRun, registerRunCommand, type CheckArgs, type CheckDeps } from "./check.js";

export type HindsightArgs = CheckArgs;

export async function hindsightCommand(io: CliIO, args: HindsightArgs, deps: CheckDeps = {}): Promise<number> {
  const run = await prepareRun(io, "hindsight", args, deps);
  if (typeof run === "number") return run;
  const options = run.judge ? { judge: run.judge } : {};
  const verdicts = await verify(run.contract, run.response, run.inputs, options);
  const result = await hindsight(run.contract, verdicts, run.response, run.inputs, options);
  if (args.json) {
    io.stdout(`${JSON.stringify(hindsightJson(run.contract, verdicts, result), null, 2)}\n`);
  } else {
    io.stdout(formatVerdicts(run.contract, verdicts, { color: run.color }));
    io.stdout("\n");
    io.stdout(formatHindsight(run.contract, result, { color: run.color }));
  }
  return result.outcome === "refused" ? EXIT_FINDINGS : EXIT_OK;
}

/** Registers `hir hindsight` on the CLI program (call from src/cli/registry.ts). */
export function registerHindsightCommand(program: Command, io: CliIO, setExit: (code: number) => void, deps: CheckDeps = {}): void {
  registerRunCommand(program, io, setExit, {
    name: "hindsight",
    description: "verify a response and show its hindsight rewrite (kept and dropped constraints, the rewritten instruction) or why it is refused",
    run: (args) => hindsightCommand(io, args, deps),
  });
}
