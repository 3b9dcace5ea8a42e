/**
 * `hir train`: runs the bundled HiR trainer (src/trainer) on the training set of
 * a data file and writes a run directory (see src/trainer/run.ts and docs/trainer.md).
 *
 * Exit codes: 0 completed, 2 usage or internal error, 130 interrupted by Ctrl-C
 * (after finishing the current step's writes and checkpointing: the run can be
 * continued with --resume).
 */
import { existsSync } from "node:fs";
import { readTextFile } from "../../fs/text.js";
import { resolve } from "node:path";
import { Option, type Command } from "commander";
import pc from "picocolors";
import { ARMS, armReplays, deepMerge, isPreset, POLICY_KINDS, PRESET_NAMES, resolveConfig, type Arm, type TrainConfig } from "../../trainer/config.js";
import { describeWriteError } from "../../fs/atomic.js";
import { readRunConfig, RunError, runTraining } from "../../trainer/run.js";
import type { Accuracy, StepMetrics } from "../../trainer/records.js";
import { loadTasks } from "../../trainer/tasks.js";
import { EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { judgeEnvHelp, judgeFromOption, type JudgeFactory } from "../judge-option.js";

export const EXIT_INTERRUPTED = 130;

export interface TrainOptions {
  config?: string;
  arm?: Arm;
  /** A named preset (`paper`, `default`) applied under the config file and flags. */
  preset?: string;
  steps?: number;
  seed?: number;
  out?: string;
  resume?: boolean;
  quiet?: boolean;
  /** A judge URL for contracts with soft constraints, or "none" (the default). */
  judge?: string;
  /** Record response texts and hindsight instructions in the ledger (`ledger.texts`). */
  ledgerTexts?: boolean;
  /** The policy kind (`policy.kind`): embedded (fast) or neural. */
  policy?: string;
}

/** What the CLI plugs in (the judge factory), and hooks for tests: an abort signal instead of SIGINT. */
export interface TrainHooks {
  readonly signal?: AbortSignal;
  readonly onStep?: (m: StepMetrics) => void;
  /** Builds the judge for `--judge URL`. */
  readonly judgeFactory?: JudgeFactory;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function acc(a: Accuracy | null): string {
  return a ? `ILA ${pct(a.ila)} CLA ${pct(a.cla)}` : "-";
}

function bar(done: number, total: number, width = 24): string {
  const f = total > 0 ? Math.round((done / total) * width) : width;
  return `[${"#".repeat(f)}${".".repeat(width - f)}]`;
}

export async function trainCommand(io: CliIO, opts: TrainOptions, hooks: TrainHooks = {}): Promise<number> {
  const fail = (message: string): number => {
    io.stderr(`hir train: ${message}\n`);
    return EXIT_USAGE;
  };
  if (opts.arm !== undefined && !(ARMS as readonly string[]).includes(opts.arm)) return fail(`unknown arm \`${opts.arm}\` (one of ${ARMS.join(", ")})`);
  if (opts.preset !== undefined && !isPreset(opts.preset)) return fail(`unknown preset \`${opts.preset}\` (one of ${PRESET_NAMES.join(", ")})`);
  if (opts.policy !== undefined && !(POLICY_KINDS as readonly string[]).includes(opts.policy)) return fail(`unknown policy \`${opts.policy}\` (one of ${POLICY_KINDS.join(", ")})`);
  if (opts.steps !== undefined && !(Number.isSafeInteger(opts.steps) && opts.steps >= 0)) return fail("--steps must be a whole number >= 0");
  if (opts.seed !== undefined && !(Number.isSafeInteger(opts.seed) && opts.seed >= 0)) return fail("--seed must be a whole number >= 0");

  // ---- the config: file, then flags
  let config: TrainConfig;
  let dir: string;
  try {
    let base: unknown = {};
    if (opts.config !== undefined) {
      const file = resolve(io.cwd, opts.config);
      if (!existsSync(file)) return fail(`config file not found: ${opts.config}`);
      base = JSON.parse(readTextFile(file).text);
    }
    const flags: Record<string, unknown> = {};
    if (opts.preset !== undefined) flags.preset = opts.preset;
    if (opts.arm !== undefined) flags.arm = opts.arm;
    if (opts.steps !== undefined) flags.steps = opts.steps;
    if (opts.seed !== undefined) flags.seed = opts.seed;
    if (opts.ledgerTexts) flags.ledger = { texts: true };
    if (opts.policy !== undefined) flags.policy = { kind: opts.policy };
    config = resolveConfig(deepMerge(base, flags));
    dir = resolve(io.cwd, opts.out ?? `runs/${config.name ?? `${config.arm}-s${config.seed}`}`);
    if (opts.resume) {
      const saved = readRunConfig(dir);
      for (const [k, v] of [["arm", opts.arm], ["seed", opts.seed]] as const) {
        if (v !== undefined && saved[k] !== v) return fail(`--${k} ${v} differs from the run's ${k} (${saved[k]}); a resumed run keeps its config`);
      }
      config = { ...saved, steps: opts.steps ?? saved.steps };
    }
  } catch (e) {
    return fail(describeWriteError(e) ?? (e instanceof Error ? e.message : String(e)));
  }

  const judged = judgeFromOption(opts.judge, hooks.judgeFactory);
  if (!judged.ok) return fail(judged.message);
  let tasks;
  try {
    tasks = loadTasks(config.data, io.cwd, judged.judge ? { judge: judged.judge } : {});
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }

  // ---- Ctrl-C: finish the step, checkpoint, exit 130
  const controller = new AbortController();
  const external = hooks.signal;
  if (external) external.addEventListener("abort", () => controller.abort(), { once: true });
  let sigints = 0;
  const onSigint = () => {
    sigints++;
    if (sigints === 1) {
      io.stderr(`\nhir train: interrupted; finishing the current step and checkpointing (Ctrl-C again to abort without it)\n`);
      controller.abort();
    } else {
      process.removeListener("SIGINT", onSigint);
      process.kill(process.pid, "SIGINT");
    }
  };
  process.on("SIGINT", onSigint);

  const tty = io.isTTY && !opts.quiet;
  const t0 = performance.now();
  let lastPrint = 0;
  let lastHeldOut: Accuracy | null = null;
  const every = Math.max(1, Math.ceil(config.steps / 20));
  try {
    if (!opts.quiet) {
      io.stderr(
        `hir train: ${opts.resume ? "resuming" : "starting"} ${config.arm} (seed ${config.seed}, ${config.steps} steps) in ${dir}\n` +
          `  ${tasks.train.length} training tasks, ${tasks.heldOut.length} held-out; ${config.batch.prompts} prompts x ${config.batch.rolloutsPerPrompt} rollouts` +
          `${armReplays(config.arm) ? ` + up to ${config.batch.replaysPerPrompt} replays` : ""} per prompt\n` +
          (judged.judge ? `  soft constraints judged by ${opts.judge ?? ""}\n` : ""),
      );
    }
    const result = await runTraining({
      dir,
      config,
      tasks,
      resume: Boolean(opts.resume),
      signal: controller.signal,
      onNotice: (message) => io.stderr(`hir train: ${message}\n`),
      onStart: ({ step, baseline }) => {
        if (baseline) lastHeldOut = baseline;
        if (!opts.quiet && step > 0) io.stderr(`  continuing after step ${step}\n`);
        if (!opts.quiet && baseline) io.stderr(`  step 0: held-out ${acc(baseline)}\n`);
      },
      onStep: (m) => {
        hooks.onStep?.(m);
        if (m.heldOut) lastHeldOut = m.heldOut;
        if (opts.quiet) return;
        const now = performance.now();
        const msg = `step ${m.step}/${config.steps} train ${acc(m.train)} held-out ${acc(lastHeldOut)} replays ${m.replays} ${Math.round(m.timeMs)}ms/step`;
        if (tty) {
          io.stderr(`\r${pc.cyan(bar(m.step, config.steps))} ${msg}\x1b[K`);
        } else if (m.step % every === 0 || m.step === config.steps || now - lastPrint > 10_000) {
          io.stderr(`  ${msg}\n`);
          lastPrint = now;
        }
      },
    });
    if (tty) io.stderr("\n");
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    if (result.status === "interrupted") {
      io.stderr(`hir train: stopped after step ${result.step} of ${result.steps}; continue with --resume --out ${dir}\n`);
      return EXIT_INTERRUPTED;
    }
    io.stdout(
      `${config.arm} seed ${config.seed}: ${result.step} steps in ${secs}s; final train ${acc(result.last?.train ?? null)}, held-out ${acc(result.final)}\n` +
        `run: ${dir}\n`,
    );
    return EXIT_OK;
  } catch (e) {
    if (e instanceof RunError) return fail(e.message);
    const writeError = describeWriteError(e);
    if (writeError !== undefined) return fail(`${writeError}; the run is left as of its last complete step (resume with --resume --out ${dir})`);
    return fail(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
}

/** The arms, for the CLI's choices. */
export const TRAIN_ARMS: readonly Arm[] = ARMS;

/** Adds `hir train` to the program (called from src/cli/registry.ts). */
export function registerTrainCommand(program: Command, io: CliIO, setExit: (code: number) => void, deps: { readonly judgeFactory?: JudgeFactory } = {}): void {
  const int = (v: string) => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a whole number: ${v}`);
    return n;
  };
  program
    .command("train")
    .description("train a policy with Hindsight Instruction Replay (or a baseline arm); writes runs/NAME/")
    .option("-c, --config <file>", "training config (JSON; every field optional, see docs/trainer.md)")
    .addOption(new Option("-a, --arm <arm>", "hir, binary (strict reward), fraction (CLA reward), random-replay or no-relabel (control)").choices([...ARMS]))
    .addOption(new Option("--preset <name>", "settings applied under --config and the flags: paper (release values, no quality bonus, beta 0.001) or default").choices([...PRESET_NAMES]))
    .addOption(new Option("--policy <kind>", "embedded (fast log-linear policy, the default) or neural (GRU encoder-decoder, pretrained on first use)").choices([...POLICY_KINDS]))
    .option("-n, --steps <n>", "training steps", int)
    .option("-s, --seed <n>", "random seed", int)
    .option("-o, --out <dir>", "run directory (default runs/<arm>-s<seed>)")
    .option("--resume", "continue the run in --out from its last checkpoint")
    .option("-q, --quiet", "no progress output")
    .option("--ledger-texts", "record response texts and hindsight instructions in ledger.jsonl (default: hashes only)")
    .option("--judge <url|none>", "LLM judge endpoint for contracts with soft constraints (default: none; such contracts are then refused)")
    .addHelpText("after", judgeEnvHelp())
    .action(async (o: TrainOptions) => setExit(await trainCommand(io, o, deps.judgeFactory ? { judgeFactory: deps.judgeFactory } : {})));
}
