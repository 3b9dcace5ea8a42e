/**
 * LLM judges for soft constraints. See docs/judges.md.
 *
 * - {@link OpenAIChatJudge}: any OpenAI-compatible chat-completions server, fail-closed,
 *   with bounded concurrency, timeouts, retries and an on-disk verdict cache.
 * - {@link MultiJudge}: several judges; yes only when all say yes; counts disagreement.
 * - {@link NoJudge}: judging switched off; every soft constraint is unknown.
 * - {@link createJudge}: what the CLI calls for `--judge URL|none`.
 */
import type { Judge } from "../judge-interface.js";
import { judgeConfigFrom, type Env, type JudgeConfigOverrides } from "./config.js";
import { NoJudge, OpenAIChatJudge, type JudgeStats, type OpenAIChatJudgeDeps } from "./openai-judge.js";

export type { Judge, JudgeAnswer, JudgeRequest } from "../judge-interface.js";
export { JudgeCache, judgeCacheKey, CACHE_FORMAT, type CacheEntry, type CacheKeyParts, type JudgeCacheStats } from "./cache.js";
export {
  chatCompletionsUrl,
  describeJudgeConfig,
  judgeConfigFrom,
  judgeConfigSchema,
  JudgeConfigError,
  JUDGE_ENV_VARS,
  type Env,
  type JudgeConfig,
  type JudgeConfigOverrides,
} from "./config.js";
export { MultiJudge, type Disagreement, type MultiJudgeMember, type MultiJudgeOptions, type MultiJudgeStats } from "./multi-judge.js";
export { NoJudge, OpenAIChatJudge, readChatCompletion, type JudgeStats, type OpenAIChatJudgeDeps } from "./openai-judge.js";
export { parseJudgeAnswer } from "./parse.js";
export {
  buildJudgeMessages,
  buildUserMessage,
  escapeFenced,
  extractBlock,
  fenceBegin,
  fenceEnd,
  FENCE_REPLACEMENT,
  FENCE_TOKEN,
  JUDGE_PROMPT_VERSION,
  JUDGE_SYSTEM_PROMPT,
  type ChatMessage,
} from "./prompt.js";
export { Semaphore } from "./semaphore.js";

/** A judge that can report progress counters. */
export type JudgeWithStats = Judge & { stats(): JudgeStats };

/**
 * The judge for a run. `url` is the `--judge` flag value (it overrides
 * HIR_JUDGE_URL): `"none"` (or `"off"`) gives a {@link NoJudge}; otherwise an
 * {@link OpenAIChatJudge} is configured from `env` plus `overrides`.
 * Throws JudgeConfigError when no URL is given anywhere or the configuration is invalid.
 */
export function createJudge(env: Env = process.env, overrides: JudgeConfigOverrides = {}, deps: OpenAIChatJudgeDeps = {}): JudgeWithStats {
  const url = (overrides.url ?? env.HIR_JUDGE_URL ?? "").trim();
  if (url.toLowerCase() === "none" || url.toLowerCase() === "off") return new NoJudge();
  // An empty URL is left to judgeConfigFrom, which reports "url (set HIR_JUDGE_URL): ...".
  return new OpenAIChatJudge(judgeConfigFrom(env, url === "" ? overrides : { ...overrides, url }), deps);
}
