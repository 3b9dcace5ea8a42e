/**
 * `hir rollout --model URL --tasks FILE -n 8 [--out DIR]`: offline HiR data from
 * any OpenAI-compatible completions server (src/engines/rollout/). Writes
 * `DIR/rollouts.jsonl` (texts, token log-probs, verdicts), `DIR/replays.jsonl`
 * ((hindsight instruction, response) pairs with their re-verification and
 * log-probs under the hindsight prompt) and `DIR/sft.jsonl` (chat rows: replays
 * and full successes). Exit 0 done, 2 on usage errors or when the server fails.
 * The engine code is imported inside the action.
 */
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { writeFileAtomic } from "../../fs/atomic.js";

export interface RolloutCliOptions {
  model?: string;
  modelName?: string;
  tasks?: string;
  n: string;
  k: string;
  out: string;
  maxTokens: string;
  temperature: string;
  seed?: string;
  step: string;
  split: string;
  limit?: string;
  template: string;
  batch: string;
  scope?: string;
}

const jsonl = (rows: readonly unknown[]) => rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length > 0 ? "\n" : "");

async function servedModel(url: string, apiKey: string | undefined): Promise<string | undefined> {
  try {
    const base = url.replace(/\/+$/, "").replace(/\/v1$/, "");
    const res = await fetch(`${base}/v1/models`, { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {}, signal: AbortSignal.timeout(10_000) });
    const json = (await res.json()) as { data?: Array<{ id?: unknown }> };
    const id = json.data?.[0]?.id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

export async function rolloutCommand(io: CliIO, o: RolloutCliOptions): Promise<number> {
  const fail = (m: string) => {
    io.stderr(`hir rollout: ${m}\n`);
    return EXIT_USAGE;
  };
  if (o.model === undefined || !/^https?:\/\//.test(o.model)) return fail("--model must be the http(s) URL of an OpenAI-compatible completions server");
  if (o.tasks === undefined) return fail("--tasks FILE is required (the training data format of data/hir-train.json)");
  const ints: Record<string, number> = {};
  for (const [name, raw, min] of [["n", o.n, 1], ["k", o.k, 0], ["max-tokens", o.maxTokens, 1], ["step", o.step, 1], ["batch", o.batch, 1], ...(o.limit !== undefined ? [["limit", o.limit, 1] as const] : []), ...(o.seed !== undefined ? [["seed", o.seed, 0] as const] : [])] as const) {
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min) return fail(`--${name} must be an integer >= ${min}`);
    ints[name] = v;
  }
  const temperature = Number(o.temperature);
  if (!Number.isFinite(temperature) || temperature < 0) return fail("--temperature must be a number >= 0");
  if (!o.template.includes("{instruction}")) return fail("--template must contain {instruction}");
  if (o.split !== "train" && o.split !== "held-out") return fail("--split is train or held-out");
  if (o.scope !== undefined && o.scope !== "global" && o.scope !== "per-group") return fail("--scope is global or per-group");

  const { loadTasks } = await import("../../trainer/tasks.js");
  const { CompletionsClient, CompletionsError } = await import("../../engines/rollout/completions.js");
  const { runRollout } = await import("../../engines/rollout/rollout.js");
  let tasks;
  try {
    const loaded = loadTasks(o.tasks, io.cwd);
    tasks = o.split === "train" ? loaded.train : loaded.heldOut;
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  if (ints["limit"] !== undefined) tasks = tasks.slice(0, ints["limit"]);
  const apiKey = io.env["HIR_MODEL_API_KEY"];
  const name = o.modelName ?? (await servedModel(o.model, apiKey));
  if (name === undefined) return fail(`cannot read the model name from ${o.model}/v1/models; pass --model-name`);
  const client = new CompletionsClient(o.model, name, apiKey);
  let result;
  try {
    result = await runRollout(tasks, client, {
      n: ints["n"] as number,
      k: ints["k"] as number,
      maxTokens: ints["max-tokens"] as number,
      temperature,
      step: ints["step"] as number,
      batch: ints["batch"] as number,
      template: o.template,
      ...(ints["seed"] !== undefined ? { seed: ints["seed"] } : {}),
      ...(o.scope !== undefined ? { selection: { scope: o.scope } } : {}),
      onProgress: (done, total) => io.stderr(`hir rollout: sampled ${done}/${total} tasks\n`),
    });
  } catch (e) {
    if (e instanceof CompletionsError) return fail(e.message);
    throw e;
  }
  const out = resolve(io.cwd, o.out);
  const sft = [
    ...result.replays.map((r) => ({ id: r.id, kind: "replay", messages: [{ role: "user", content: r.hindsight_instruction }, { role: "assistant", content: r.response }] })),
    ...result.rollouts.filter((r) => r.passed).map((r) => ({ id: `${r.task}#${r.sample}`, kind: "success", messages: [{ role: "user", content: r.instruction }, { role: "assistant", content: r.text }] })),
  ];
  try {
    await mkdir(out, { recursive: true });
    writeFileAtomic(join(out, "rollouts.jsonl"), jsonl(result.rollouts));
    writeFileAtomic(join(out, "replays.jsonl"), jsonl(result.replays));
    writeFileAtomic(join(out, "sft.jsonl"), jsonl(sft));
  } catch (e) {
    return fail(`cannot write ${o.out}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const passed = result.rollouts.filter((r) => r.passed).length;
  io.stdout(`${result.rollouts.length} rollouts (${passed} full successes), ${result.replays.length} replays (lambda ${result.lambda.toFixed(3)}) -> ${o.out}/{rollouts,replays,sft}.jsonl\n`);
  return EXIT_OK;
}

/** Adds `hir rollout` to the CLI (call from src/cli/registry.ts). */
export function registerRolloutCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("rollout")
    .description("offline HiR data from an OpenAI-compatible completions server: sample, verify, select, rewrite; writes rollouts.jsonl, replays.jsonl, sft.jsonl")
    .option("--model <url>", "completions server (e.g. vLLM: http://127.0.0.1:8000); HIR_MODEL_API_KEY is sent as a bearer token")
    .option("--model-name <name>", "model name to request (default: the first of GET /v1/models)")
    .option("--tasks <file>", "tasks: contracts and inputs in the format of data/hir-train.json")
    .option("--split <split>", "train or held-out", "train")
    .option("--limit <n>", "only the first n tasks")
    .option("-n, --n <n>", "samples per task", "8")
    .option("-k, --k <k>", "replays per task (global scope: k * tasks over the batch)", "2")
    .option("--scope <scope>", "selection scope: global (release) or per-group")
    .option("--step <s>", "training step for the curriculum lambda_s", "1")
    .option("--max-tokens <n>", "tokens per sample", "512")
    .option("--temperature <t>", "sampling temperature", "1")
    .option("--seed <n>", "sampling seed (passed to the server)")
    .option("--template <text>", "prompt template; {instruction} is replaced (use your model's chat template)", "{instruction}\n\n")
    .option("--batch <n>", "prompts per request", "16")
    .option("-o, --out <dir>", "output directory", "rollouts")
    .action(async (o: RolloutCliOptions) => setExit(await rolloutCommand(io, o)));
}
