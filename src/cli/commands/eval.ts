/**
 * `hir eval ifeval --input <input_data.jsonl> --responses <responses.jsonl> --out <dir>`:
 * a drop-in for IFEval's `evaluation_main`, run through the contract toolchain
 * (src/interop/ifeval-eval.ts: import -> contract source -> pipeline (check,
 * lower; src/compiler/pipeline.ts) -> runtime verify). Writes `<dir>/eval_results_strict.jsonl` and
 * `<dir>/eval_results_loose.jsonl` in the reference format, prints the accuracy
 * report on stdout and every problem (malformed lines, skipped rows, prompts
 * without a response, by key) on stderr. Exit 0 clean, 1 when anything was
 * reported, 2 on usage errors (missing option, unreadable file, unwritable dir).
 */
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { evaluateIfbenchContracts, formatIfbenchResults, ifbenchOutputNames } from "../../interop/ifbench-eval.js";
import { evaluateIfevalContracts, formatEvalProblem, formatIfevalReport, formatIfevalResults } from "../../interop/ifeval-eval.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { writeFileAtomic } from "../../fs/atomic.js";
import { readInputBytes } from "./import.js";

export interface EvalIfevalOptions {
  readonly input?: string;
  readonly responses?: string;
  readonly out?: string;
}

export async function evalIfevalCommand(io: CliIO, opts: EvalIfevalOptions): Promise<number> {
  const missing = (["input", "responses", "out"] as const).filter((k) => opts[k] === undefined);
  if (missing.length > 0) {
    io.stderr(`hir eval ifeval: missing ${missing.map((k) => `--${k}`).join(", ")}\n(usage: hir eval ifeval --input input_data.jsonl --responses responses.jsonl --out DIR)\n`);
    return EXIT_USAGE;
  }
  const { input, responses, out } = opts as Required<EvalIfevalOptions>;
  if (input === "-" && responses === "-") {
    io.stderr("hir eval ifeval: only one of --input and --responses can be standard input\n");
    return EXIT_USAGE;
  }
  const inputBytes = await readInputBytes(io, "hir eval ifeval", input);
  if (inputBytes === undefined) return EXIT_USAGE;
  const responseBytes = await readInputBytes(io, "hir eval ifeval", responses);
  if (responseBytes === undefined) return EXIT_USAGE;

  const ev = evaluateIfevalContracts(inputBytes, responseBytes, { origin: input });
  const files = { input, responses };
  for (const p of ev.problems) io.stderr(`${formatEvalProblem(p, files)}\n`);
  if (ev.missingResponses.length > 0) {
    io.stderr(`hir eval ifeval: ${ev.missingResponses.length} prompt${ev.missingResponses.length === 1 ? "" : "s"} without a response, not scored: keys ${ev.missingResponses.map((m) => m.key).join(", ")}\n`);
  }
  if (ev.unmatchedResponses > 0) io.stderr(`hir eval ifeval: ${ev.unmatchedResponses} response${ev.unmatchedResponses === 1 ? "" : "s"} match no input prompt (ignored)\n`);

  const dir = resolve(io.cwd, out);
  try {
    await mkdir(dir, { recursive: true });
    writeFileAtomic(join(dir, "eval_results_strict.jsonl"), formatIfevalResults(ev.strict.records));
    writeFileAtomic(join(dir, "eval_results_loose.jsonl"), formatIfevalResults(ev.loose.records));
  } catch (e) {
    io.stderr(`hir eval ifeval: cannot write results to ${out}: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }
  io.stdout(formatIfevalReport(ev));
  io.stdout(`\nwrote ${join(out, "eval_results_strict.jsonl")} and ${join(out, "eval_results_loose.jsonl")}\n`);
  return ev.problems.length > 0 || ev.unmatchedResponses > 0 ? EXIT_FINDINGS : EXIT_OK;
}

export interface EvalIfbenchOptions extends EvalIfevalOptions {
  readonly revision?: string;
}

/**
 * `hir eval ifbench`: a drop-in for IFBench's `run_eval.py`. Writes
 * `<model>-eval_results_{strict,loose}.jsonl` (IFBench's names and format), prints
 * the accuracy report, reports prompts without a response (scored unfollowed, as
 * IFBench does) and every other problem on stderr.
 */
export async function evalIfbenchCommand(io: CliIO, opts: EvalIfbenchOptions): Promise<number> {
  const usage = "(usage: hir eval ifbench --input IFBench_test.jsonl --responses MODEL-responses.jsonl --out DIR [--revision published|current])";
  const missing = (["input", "responses", "out"] as const).filter((k) => opts[k] === undefined);
  if (missing.length > 0) {
    io.stderr(`hir eval ifbench: missing ${missing.map((k) => `--${k}`).join(", ")}\n${usage}\n`);
    return EXIT_USAGE;
  }
  const revision = opts.revision ?? "published";
  if (revision !== "published" && revision !== "current") {
    io.stderr(`hir eval ifbench: --revision must be "published" or "current", got ${JSON.stringify(revision)}\n${usage}\n`);
    return EXIT_USAGE;
  }
  const { input, responses, out } = opts as Required<EvalIfevalOptions>;
  if (input === "-" && responses === "-") {
    io.stderr("hir eval ifbench: only one of --input and --responses can be standard input\n");
    return EXIT_USAGE;
  }
  const inputBytes = await readInputBytes(io, "hir eval ifbench", input);
  if (inputBytes === undefined) return EXIT_USAGE;
  const responseBytes = await readInputBytes(io, "hir eval ifbench", responses);
  if (responseBytes === undefined) return EXIT_USAGE;

  const ev = evaluateIfbenchContracts(inputBytes, responseBytes, { origin: input, revision });
  for (const p of ev.problems) io.stderr(`${formatEvalProblem(p, { input, responses })}\n`);
  if (ev.missingResponses.length > 0) {
    io.stderr(`hir eval ifbench: ${ev.missingResponses.length} prompt${ev.missingResponses.length === 1 ? "" : "s"} without a response, scored as unfollowed (as IFBench does): keys ${ev.missingResponses.map((m) => m.key).join(", ")}\n`);
  }
  if (ev.unmatchedResponses > 0) io.stderr(`hir eval ifbench: ${ev.unmatchedResponses} response${ev.unmatchedResponses === 1 ? "" : "s"} match no input prompt (ignored)\n`);

  const names = ifbenchOutputNames(responses === "-" ? "stdin-responses.jsonl" : responses);
  const dir = resolve(io.cwd, out);
  try {
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(join(dir, names.strict), formatIfbenchResults(ev.strict.records));
    await writeFileAtomic(join(dir, names.loose), formatIfbenchResults(ev.loose.records));
  } catch (e) {
    io.stderr(`hir eval ifbench: cannot write results to ${out}: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }
  io.stdout(formatIfevalReport(ev, `IFBench (${revision} revision)`));
  io.stdout(`\nwrote ${join(out, names.strict)} and ${join(out, names.loose)}\n`);
  return ev.problems.length > 0 || ev.unmatchedResponses > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** Adds `hir eval` to the CLI (call from src/cli/registry.ts). */
export function registerEvalCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const cmd = program.command("eval").description("evaluate model responses against a benchmark through contracts");
  cmd
    .command("ifeval")
    .description("IFEval strict and loose evaluation (drop-in for evaluation_main) through imported contracts")
    .option("-i, --input <file>", "IFEval input_data.jsonl")
    .option("-r, --responses <file>", "responses JSONL: {\"prompt\", \"response\"} per line, matched by prompt text")
    .option("-o, --out <dir>", "output directory for eval_results_strict.jsonl and eval_results_loose.jsonl")
    .action(async (o: EvalIfevalOptions) => setExit(await evalIfevalCommand(io, o)));
  cmd
    .command("ifbench")
    .description("IFBench strict and loose evaluation (drop-in for run_eval.py) through imported contracts")
    .option("-i, --input <file>", "IFBench input (IFBench_test.jsonl)")
    .option("-r, --responses <file>", "responses JSONL: {\"prompt\", \"response\"} per line, matched by prompt text (stripped as a fallback)")
    .option("-o, --out <dir>", "output directory for <model>-eval_results_strict.jsonl and <model>-eval_results_loose.jsonl")
    .option("--revision <rev>", "IFBench code the verdicts follow: published (default) or current", "published")
    .action(async (o: EvalIfbenchOptions) => setExit(await evalIfbenchCommand(io, o)));
}
