/**
 * Offline HiR from any OpenAI-compatible completions server: sample `n`
 * responses per task with log-probs, verify them, decide hindsight rewrites,
 * select replays with the trainer's curriculum (src/trainer/selection.ts), and
 * score each replay's response under its hindsight instruction (echo). The
 * results are records for `rollouts.jsonl` and `replays.jsonl`; writing them is
 * the command's job.
 */
import { SelectionSchema, type TrainConfig } from "../../trainer/config.js";
import { allPass, auditRewrite, cla, dropLabel, type ConstraintVerdict, type Rewrite, type TaskEnv } from "../../trainer/env.js";
import { lambdaAt, scoreParts, selectTop, type ScoreParts } from "../../trainer/selection.js";
import type { CompletionsClient, SampledText } from "./completions.js";

export interface RolloutOptions {
  readonly n: number;
  readonly maxTokens: number;
  readonly temperature: number;
  readonly seed?: number;
  /** Replays per prompt (k). */
  readonly k: number;
  /** Training step for lambda_s (default 1). */
  readonly step: number;
  readonly selection?: Partial<TrainConfig["selection"]>;
  /** How an instruction becomes a prompt: `{instruction}` is replaced (e.g. a chat template). */
  readonly template: string;
  /** Prompts per request. */
  readonly batch: number;
  /** Called after each request, for progress. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface VerdictRecord {
  readonly id: string;
  readonly role: string;
  readonly status: string;
}

export interface RolloutRecord {
  readonly task: string;
  readonly contract: string;
  readonly sample: number;
  readonly instruction: string;
  readonly prompt: string;
  readonly text: string;
  readonly tokens: readonly string[];
  readonly token_logprobs: readonly number[];
  readonly finish_reason: string;
  readonly verdicts: readonly VerdictRecord[];
  readonly fraction: number;
  readonly passed: boolean;
  /** Mean -log p over the sampled tokens: an unbiased estimate of the per-token entropy. */
  readonly entropy: number;
  /** `success`, `rewrite` (a sound candidate), or why it cannot be replayed. */
  readonly hindsight: string;
  readonly selected: boolean;
}

export interface ReplayRecord {
  readonly id: string;
  readonly task: string;
  readonly contract: string;
  readonly source_sample: number;
  readonly instruction: string;
  readonly hindsight_instruction: string;
  readonly response: string;
  readonly kept: readonly string[];
  readonly dropped: ReadonlyArray<{ id: string; cause: string }>;
  /** The kept constraints re-verified under the hindsight instruction (all pass). */
  readonly reverification: readonly VerdictRecord[];
  readonly score: ScoreParts;
  /** log pi(response | hindsight prompt), token by token, from the server (echo). */
  readonly hindsight_tokens: readonly string[];
  readonly hindsight_logprobs: readonly number[];
}

export interface RolloutResult {
  readonly rollouts: RolloutRecord[];
  readonly replays: ReplayRecord[];
  readonly lambda: number;
}

function roles(env: TaskEnv): Map<string, string> {
  return new Map(env.constraints.map((c) => [c.id, c.role]));
}

/** The trainer's verdicts (with their roles) or the runtime's (a rewrite's re-verification, roles from the env). */
function verdictRecords(env: TaskEnv, verdicts: ReadonlyArray<Pick<ConstraintVerdict, "id" | "status"> & { readonly role?: string }>): VerdictRecord[] {
  const r = roles(env);
  return verdicts.map((v) => ({ id: v.id, role: r.get(v.id) ?? v.role ?? "unknown", status: v.status }));
}

function meanEntropy(s: SampledText): number {
  const finite = s.logprobs.filter((x) => Number.isFinite(x));
  return finite.length === 0 ? 0 : -finite.reduce((a, b) => a + b, 0) / finite.length;
}

export async function runRollout(tasks: readonly TaskEnv[], client: CompletionsClient, o: RolloutOptions): Promise<RolloutResult> {
  const selection = SelectionSchema.parse(o.selection ?? {});
  const lambda = lambdaAt(o.step, selection);
  const prompts = tasks.map((t) => o.template.split("{instruction}").join(t.instruction()));
  const samples: SampledText[][] = [];
  for (let i = 0; i < tasks.length; i += o.batch) {
    const chunk = prompts.slice(i, i + o.batch);
    const seed = o.seed === undefined ? {} : { seed: o.seed + i };
    samples.push(...(await client.sample(chunk, { n: o.n, maxTokens: o.maxTokens, temperature: o.temperature, ...seed })));
    o.onProgress?.(Math.min(i + o.batch, tasks.length), tasks.length);
  }

  const rollouts: RolloutRecord[] = [];
  const candidates: Array<{ group: number; index: number; score: number; parts: ScoreParts; rewrite: Rewrite; rollout: number }> = [];
  for (const [g, env] of tasks.entries()) {
    const group = samples[g] ?? [];
    for (const [index, s] of group.entries()) {
      const verdicts = await env.verify(s.text);
      const fraction = cla(verdicts);
      const passed = allPass(verdicts);
      let status = "success";
      let rewrite: Rewrite | undefined;
      if (!passed) {
        if (fraction === 0) status = "nothing-passed";
        else {
          const h = await env.hindsight(verdicts, s.text);
          if (h.outcome === "refused") status = `refused:${h.reason}`;
          else if (h.outcome === "success") status = "success";
          else {
            const violation = auditRewrite(env, verdicts, h);
            if (violation !== undefined) status = `audit:${violation}`;
            else {
              status = "rewrite";
              rewrite = h;
            }
          }
        }
      }
      const entropy = meanEntropy(s);
      rollouts.push({
        task: env.id,
        contract: env.contractId,
        sample: index,
        instruction: env.instruction(),
        prompt: prompts[g] as string,
        text: s.text,
        tokens: s.tokens,
        token_logprobs: s.logprobs,
        finish_reason: s.finishReason,
        verdicts: verdictRecords(env, verdicts),
        fraction,
        passed,
        entropy,
        hindsight: status,
        selected: false,
      });
      if (rewrite) {
        const quality = verdicts.filter((v) => v.role === "quality");
        const parts = scoreParts({ cla: fraction, meanEntropy: entropy, qualityFraction: quality.length === 0 ? undefined : quality.filter((v) => v.status === "pass").length / quality.length }, lambda, selection.qualityWeight);
        candidates.push({ group: g, index, score: parts.score, parts, rewrite, rollout: rollouts.length - 1 });
      }
    }
  }

  const chosen = selectTop(candidates, selection.scope, o.k, tasks.length);
  // Every replay's response scored under its hindsight prompt, in one request.
  const scored = await client.score(
    chosen.map((c) => ({ prompt: o.template.split("{instruction}").join(c.rewrite.instruction), continuation: (rollouts[c.rollout] as RolloutRecord).text })),
  );
  const replays: ReplayRecord[] = chosen.map((c, i) => {
    const env = tasks[c.group] as TaskEnv;
    const source = rollouts[c.rollout] as RolloutRecord;
    rollouts[c.rollout] = { ...source, selected: true };
    const s = scored[i] as { tokens: string[]; logprobs: number[] };
    return {
      id: `${env.id}#${c.index}`,
      task: env.id,
      contract: env.contractId,
      source_sample: c.index,
      instruction: source.instruction,
      hindsight_instruction: c.rewrite.instruction,
      response: source.text,
      kept: c.rewrite.kept,
      dropped: c.rewrite.dropped.map((d) => ({ id: d.id, cause: dropLabel(d) })),
      reverification: verdictRecords(env, c.rewrite.reverification.verdicts),
      score: c.parts,
      hindsight_tokens: s.tokens,
      hindsight_logprobs: s.logprobs,
    };
  });
  return { rollouts, replays, lambda };
}
