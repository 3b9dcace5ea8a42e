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
import { evaluateIfevalContracts, formatEvalProblem, formatIfevalReport, formatIfevalResults, type IfevalContractEvaluation } from "../../interop/ifeval-eval.js";
import type { IfevalResultRecord } from "../../runtime/ifeval/types.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { writeFileAtomic } from "../../fs/atomic.js";
import { readInputBytes } from "./import.js";

export interface EvalIfevalOptions {
  readonly input?: string;
  readonly responses?: string;
  readonly out?: string;
}

/** What differs between the benchmarks `hir eval` runs; the command's steps are the same. */
interface EvalBenchmark {
  /** `hir eval NAME`, the prefix of every message. */
  readonly command: string;
  readonly usage: string;
  /** A problem with the benchmark's own options (reported after missing ones). */
  readonly optionError?: string;
  readonly evaluate: (input: Uint8Array, responses: Uint8Array, origin: string) => IfevalContractEvaluation;
  /** What happens to a prompt without a response, for the stderr note. */
  readonly missingFate: string;
  readonly outputNames: (responses: string) => { readonly strict: string; readonly loose: string };
  readonly formatResults: (records: readonly IfevalResultRecord[]) => string;
  /** The benchmark as the report names it. */
  readonly reportTitle: string;
}

/** Reads the input and responses, evaluates, reports problems on stderr, writes both result files, prints the report. */
async function runEval(io: CliIO, opts: EvalIfevalOptions, bench: EvalBenchmark): Promise<number> {
  const missing = (["input", "responses", "out"] as const).filter((k) => opts[k] === undefined);
  if (missing.length > 0) {
    io.stderr(`${bench.command}: missing ${missing.map((k) => `--${k}`).join(", ")}\n${bench.usage}\n`);
    return EXIT_USAGE;
  }
  if (bench.optionError !== undefined) {
    io.stderr(`${bench.command}: ${bench.optionError}\n${bench.usage}\n`);
    return EXIT_USAGE;
  }
  const { input, responses, out } = opts as Required<EvalIfevalOptions>;
  if (input === "-" && responses === "-") {
    io.stderr(`${bench.command}: only one of --input and --responses can be standard input\n`);
    return EXIT_USAGE;
  }
  const inputBytes = await readInputBytes(io, bench.command, input);
  if (inputBytes === undefined) return EXIT_USAGE;
  const responseBytes = await readInputBytes(io, bench.command, responses);
  if (responseBytes === undefined) return EXIT_USAGE;

  const ev = bench.evaluate(inputBytes, responseBytes, input);
  for (const p of ev.problems) io.stderr(`${formatEvalProblem(p, { input, responses })}\n`);
  if (ev.missingResponses.length > 0) {
    io.stderr(`${bench.command}: ${ev.missingResponses.length} prompt${ev.missingResponses.length === 1 ? "" : "s"} without a response, ${bench.missingFate}: keys ${ev.missingResponses.map((m) => m.key).join(", ")}\n`);
  }
  if (ev.unmatchedResponses > 0) io.stderr(`${bench.command}: ${ev.unmatchedResponses} response${ev.unmatchedResponses === 1 ? "" : "s"} match no input prompt (ignored)\n`);

  const names = bench.outputNames(responses);
  const dir = resolve(io.cwd, out);
  try {
    await mkdir(dir, { recursive: true });
    writeFileAtomic(join(dir, names.strict), bench.formatResults(ev.strict.records));
    writeFileAtomic(join(dir, names.loose), bench.formatResults(ev.loose.records));
  } catch (e) {
    io.stderr(`${bench.command}: cannot write results to ${out}: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }
  io.stdout(formatIfevalReport(ev, bench.reportTitle));
  io.stdout(`\nwrote ${join(out, names.strict)} and ${join(out, names.loose)}\n`);
  return ev.problems.length > 0 || ev.unmatchedResponses > 0 ? EXIT_FINDINGS : EXIT_OK;
}

export function evalIfevalCommand(io: CliIO, opts: EvalIfevalOptions): Promise<number> {
  return runEval(io, opts, {
    command: "hir eval ifeval",
    usage: "(usage: hir eval ifeval --input input_data.jsonl --responses responses.jsonl --out DIR)",
    evaluate: (input, responses, origin) => evaluateIfevalContracts(input, responses, { origin }),
    missingFate: "not scored",
    outputNames: () => ({ strict: "eval_results_strict.jsonl", loose: "eval_results_loose.jsonl" }),
    formatResults: formatIfevalResults,
    reportTitle: "IFEval",
  });
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
export function evalIfbenchCommand(io: CliIO, opts: EvalIfbenchOptions): Promise<number> {
  const revision = opts.revision ?? "published";
  const known = revision === "published" || revision === "current";
  return runEval(io, opts, {
    command: "hir eval ifbench",
    usage: "(usage: hir eval ifbench --input IFBench_test.jsonl --responses MODEL-responses.jsonl --out DIR [--revision published|current])",
    ...(known ? {} : { optionError: `--revision must be "published" or "current", got ${JSON.stringify(revision)}` }),
    evaluate: (input, responses, origin) => evaluateIfbenchContracts(input, responses, { origin, revision: known ? revision : "published" }),
    missingFate: "scored as unfollowed (as IFBench does)",
    outputNames: (responses) => ifbenchOutputNames(responses === "-" ? "stdin-responses.jsonl" : responses),
    formatResults: formatIfbenchResults,
    reportTitle: `IFBench (${revision} revision)`,
  });
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
