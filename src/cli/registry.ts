/**
 * The table of `hir` subcommands. Each entry names a command, describes it for
 * `hir --help`, and loads its module only when that command runs, so `hir --version`
 * and `hir explain` never load the parser (chevrotain), and only commands that format
 * (`compile`, `fmt`, the language server...) load prettier. To add a command: one entry
 * here, whose `load` imports the module and returns its register function.
 */
import type { Command } from "commander";
import type { CliIO } from "./io.js";

export type Register = (program: Command, io: CliIO, setExit: (code: number) => void) => void;

export interface CommandEntry {
  readonly name: string;
  /** Shown by `hir --help`; a test holds it equal to the loaded command's own description. */
  readonly description: string;
  readonly load: () => Promise<Register>;
}

/** `--judge URL`: an OpenAI-compatible judge configured from the environment (HIR_JUDGE_*), loaded with the command that uses it. */
async function judgeDeps() {
  const { createJudge } = await import("../runtime/judge/index.js");
  return { judgeFactory: (url: string) => createJudge(process.env, { url }) };
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: "lint", description: "check contract files and report problems (exit 1 on findings)",
    load: async () => (await import("./commands/lint.js")).registerLintCommand },
  { name: "explain", description: "explain a diagnostic code or rule id (e.g. HIR2002 or unknown-input)",
    load: async () => (await import("./commands/explain.js")).registerExplainCommand },
  { name: "builtins", description: "list the built-in measures, selectors and predicates",
    load: async () => (await import("./commands/builtins.js")).registerBuiltinsCommand },
  { name: "fmt", description: "format contract files in place; `-` formats stdin to stdout (exit 1 on syntax errors or, with --check, unformatted files)",
    load: async () => (await import("./commands/fmt.js")).registerFmtCommand },
  { name: "compile", description: "compile contract files to typed TypeScript verifiers (exit 1 on spec errors or, with --check, stale output)",
    load: async () => (await import("./commands/compile.js")).registerCompileCommand },
  { name: "ir", description: "print the decomposition IR of contracts as JSON (schema/contract-ir.schema.json)",
    load: async () => (await import("./commands/ir.js")).registerIrCommand },
  { name: "check", description: "verify a response against a contract: one verdict per constraint with evidence (exit 1 on any failure)",
    load: async () => {
      const [{ registerCheckCommand }, deps] = await Promise.all([import("./commands/check.js"), judgeDeps()]);
      return (program, io, setExit) => registerCheckCommand(program, io, setExit, deps);
    } },
  { name: "hindsight", description: "verify a response and show its hindsight rewrite (kept and dropped constraints, the rewritten instruction) or why it is refused",
    load: async () => {
      const [{ registerHindsightCommand }, deps] = await Promise.all([import("./commands/hindsight.js"), judgeDeps()]);
      return (program, io, setExit) => registerHindsightCommand(program, io, setExit, deps);
    } },
  { name: "train", description: "train a policy with Hindsight Instruction Replay (or a baseline arm); writes runs/NAME/",
    load: async () => {
      const [{ registerTrainCommand }, deps] = await Promise.all([import("./commands/train.js"), judgeDeps()]);
      return (program, io, setExit) => registerTrainCommand(program, io, setExit, deps);
    } },
  { name: "report", description: "write one self-contained HTML report (curves per arm with seed bands, constraints, replays, refusals) from training runs",
    load: async () => (await import("./commands/report.js")).registerReportCommand },
  { name: "import", description: "convert dataset rows (IFEval, IFBench, open-instruct RLVR) into contract source",
    load: async () => (await import("./commands/import.js")).registerImportCommand },
  { name: "eval", description: "evaluate model responses against a benchmark through contracts",
    load: async () => (await import("./commands/eval.js")).registerEvalCommand },
  { name: "serve", description: "serve verification rewards, hindsight replays and replay selection over HTTP (verl, OpenRLHF, TRL; see docs/engines.md)",
    load: async () => {
      const [{ registerServeCommand }, deps] = await Promise.all([import("./commands/serve.js"), judgeDeps()]);
      return (program, io, setExit) => registerServeCommand(program, io, setExit, deps);
    } },
  { name: "rollout", description: "offline HiR data from an OpenAI-compatible completions server: sample, verify, select, rewrite; writes rollouts.jsonl, replays.jsonl, sft.jsonl",
    load: async () => (await import("./commands/rollout.js")).registerRolloutCommand },
  { name: "export", description: "dataset rows (JSON lines) for an RL engine from contracts and task inputs: verl, openrlhf or trl (see docs/engines.md)",
    load: async () => (await import("./commands/export.js")).registerExportCommand },
  { name: "stub-vllm", description: "a local stand-in for vLLM's /v1/completions (n, logprobs, echo) over a list of candidate responses, to try hir rollout without a GPU",
    load: async () => (await import("./commands/stub-vllm.js")).registerStubVllmCommand },
  { name: "lsp", description: "run the language server for editors (LSP over stdio)",
    load: async () => (await import("./commands/lsp.js")).registerLspCommand },
];

export function findCommand(name: string | undefined): CommandEntry | undefined {
  return COMMANDS.find((c) => c.name === name);
}
