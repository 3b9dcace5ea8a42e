/**
 * A judge backed by any OpenAI-compatible chat-completions server (OpenAI, vLLM,
 * llama.cpp `llama-server`, Ollama's /v1, hosted gateways).
 *
 * Fail closed: every failure (HTTP error, timeout, refused connection, redirect,
 * body over `maxResponseBytes`, malformed body, no choices, empty or unparseable
 * reply, Retry-After beyond the limit)
 * becomes `{ verdict: "unknown", reason }`. `judge()` never throws and never
 * returns `yes` unless the judge model answered YES.
 */
import { z } from "zod";
import type { Judge, JudgeAnswer, JudgeRequest } from "../judge-interface.js";
import { readCappedBody } from "./body.js";
import { JudgeCache, judgeCacheKey, type JudgeCacheStats } from "./cache.js";
import { chatCompletionsUrl, judgeConfigFrom, type JudgeConfig, type JudgeConfigOverrides } from "./config.js";
import { parseJudgeAnswer } from "./parse.js";
import { JUDGE_PROMPT_VERSION, buildJudgeMessages } from "./prompt.js";
import { backoffDelay, isRetryableStatus, parseRetryAfter, sleep as realSleep } from "./retry.js";
import { Semaphore } from "./semaphore.js";

/** Replaceable effects, for tests and embedding. */
export interface OpenAIChatJudgeDeps {
  /** HTTP client; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Jitter source in [0, 1); defaults to Math.random. Inject a constant for deterministic tests. */
  random?: () => number;
  /** Waits between retries; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

/** Counters for progress reporting. All counts are since construction. */
export interface JudgeStats {
  /** Calls to judge(). */
  requests: number;
  /** Calls answered from the on-disk cache. */
  cacheHits: number;
  /** Calls that joined an identical call already in flight. */
  deduplicated: number;
  /** HTTP requests sent (attempts, including retries). */
  httpRequests: number;
  /** Attempts that were retried after a retryable failure. */
  retries: number;
  /** Calls that ended `unknown` for any reason (transport, protocol or unparseable reply). */
  failures: number;
  yes: number;
  no: number;
  unknown: number;
  /** HTTP requests in flight now, and the most seen at once. */
  inFlight: number;
  maxInFlight: number;
  /** The verdict cache, when one is configured. */
  cache?: JudgeCacheStats;
}

type Attempt =
  | { kind: "answer"; answer: JudgeAnswer }
  | { kind: "retry"; reason: string; retryAfterMs?: number }
  | { kind: "fatal"; reason: string };

const contentPartSchema = z.object({ type: z.string().optional(), text: z.string().optional() }).passthrough();

const completionSchema = z
  .object({
    choices: z.array(
      z
        .object({
          message: z
            .object({
              content: z.union([z.string(), z.array(contentPartSchema), z.null()]).optional(),
              refusal: z.string().nullable().optional(),
            })
            .passthrough()
            .optional(),
          finish_reason: z.string().nullable().optional(),
        })
        .passthrough(),
    ),
  })
  .passthrough();

const errorBodySchema = z.object({ error: z.union([z.string(), z.object({ message: z.string().optional() }).passthrough()]) }).passthrough();

function unknown(reason: string): JudgeAnswer {
  return { verdict: "unknown", reason };
}

function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The server's error message from an error body, or the start of the body. */
function errorDetail(body: string): string {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(body));
    if (parsed.success) {
      const error = parsed.data.error;
      const message = typeof error === "string" ? error : error.message;
      if (message) return clip(message);
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return clip(body);
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as NodeJS.ErrnoException).code;
      return `${error.message} (${code ?? cause.message})`;
    }
    return error.message;
  }
  return String(error);
}

/** Reads a 200 response body into a verdict. Never throws. */
export function readChatCompletion(body: string): JudgeAnswer {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return unknown(`malformed JSON from judge server: ${JSON.stringify(clip(body, 120))}`);
  }
  const error = errorBodySchema.safeParse(json);
  if (error.success) return unknown(`judge server returned an error: ${errorDetail(body)}`);
  const parsed = completionSchema.safeParse(json);
  if (!parsed.success) return unknown(`unexpected response shape from judge server (no choices array): ${JSON.stringify(clip(body, 120))}`);
  const choice = parsed.data.choices[0];
  if (!choice) return unknown("judge server returned no choices");
  const content = choice.message?.content;
  const text = typeof content === "string" ? content : Array.isArray(content) ? content.map((part) => part.text ?? "").join("") : "";
  if (text.trim() === "") {
    const refusal = choice.message?.refusal;
    if (refusal) return unknown(`judge refused: ${clip(refusal)}`);
    return unknown(`judge returned an empty message${choice.finish_reason ? ` (finish_reason ${choice.finish_reason})` : ""}`);
  }
  const answer = parseJudgeAnswer(text);
  if (answer.verdict === "unknown" && choice.finish_reason === "length") {
    return unknown(`${answer.reason ?? "unparseable judge answer"} (reply cut off at the token limit; raise maxTokens)`);
  }
  return answer;
}

export class OpenAIChatJudge implements Judge {
  readonly config: JudgeConfig;
  readonly endpoint: string;
  private readonly semaphore: Semaphore;
  private readonly cache: JudgeCache | undefined;
  private readonly fetchFn: typeof fetch;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly pending = new Map<string, Promise<JudgeAnswer>>();
  private readonly counters = {
    requests: 0,
    cacheHits: 0,
    deduplicated: 0,
    httpRequests: 0,
    retries: 0,
    failures: 0,
    yes: 0,
    no: 0,
    unknown: 0,
    inFlight: 0,
    maxInFlight: 0,
  };

  /** Validates `config` (throws JudgeConfigError when invalid); see {@link judgeConfigFrom} to load from the environment. */
  constructor(config: JudgeConfigOverrides, deps: OpenAIChatJudgeDeps = {}) {
    this.config = judgeConfigFrom({}, config);
    this.endpoint = chatCompletionsUrl(this.config.url);
    this.semaphore = new Semaphore(this.config.concurrency);
    this.cache = this.config.cacheDir === undefined ? undefined : new JudgeCache(this.config.cacheDir);
    this.fetchFn = deps.fetch ?? ((input, init) => fetch(input, init));
    this.random = deps.random ?? Math.random;
    this.sleep = deps.sleep ?? realSleep;
  }

  async judge(req: JudgeRequest): Promise<JudgeAnswer> {
    this.counters.requests++;
    let answer: JudgeAnswer;
    try {
      answer = await this.judgeOnce(req);
    } catch (error) {
      answer = unknown(`judge internal error: ${describeError(error)}`);
    }
    if (answer.verdict !== "yes" && answer.verdict !== "no") answer = unknown(answer.reason ?? "judge gave no verdict");
    if (answer.reason !== undefined) answer = { ...answer, reason: this.redact(answer.reason) };
    this.counters[answer.verdict]++;
    if (answer.verdict === "unknown") this.counters.failures++;
    return answer;
  }

  /** Defence in depth: a reason (evidence) never carries the key or a custom header value, whatever a server or client library echoed. */
  private redact(text: string): string {
    let out = text;
    for (const secret of [this.config.apiKey ?? "", ...Object.values(this.config.headers)]) {
      if (secret.length >= 4) out = out.split(secret).join("[redacted]");
    }
    return out;
  }

  stats(): JudgeStats {
    return { ...this.counters, ...(this.cache ? { cache: this.cache.stats() } : {}) };
  }

  /** The JSON body for one request (exposed for documentation and tests). */
  requestBody(req: Pick<JudgeRequest, "rubric" | "response" | "instruction">): Record<string, unknown> {
    return {
      model: this.config.model,
      messages: buildJudgeMessages(req),
      temperature: 0,
      [this.config.tokenLimitField]: this.config.maxTokens,
      stream: false,
    };
  }

  private async judgeOnce(req: JudgeRequest): Promise<JudgeAnswer> {
    for (const field of ["rubric", "response", "instruction"] as const) {
      if (typeof req?.[field] !== "string") return unknown(`invalid judge request: ${field} is not a string`);
    }
    if (req.rubric.trim() === "") return unknown("invalid judge request: empty rubric");

    const key = judgeCacheKey({
      model: this.config.model,
      promptVersion: JUDGE_PROMPT_VERSION,
      rubric: req.rubric,
      instruction: req.instruction,
      response: req.response,
    });
    if (this.cache) {
      const hit = await this.cache.get(key);
      if (hit) {
        this.counters.cacheHits++;
        return hit;
      }
    }
    const pending = this.pending.get(key);
    if (pending) {
      this.counters.deduplicated++;
      return pending;
    }
    const work = (async () => {
      const answer = await this.semaphore.run(() => this.ask(req));
      if (this.cache && (answer.verdict === "yes" || answer.verdict === "no")) {
        await this.cache.set(key, answer, { model: this.config.model, promptVersion: JUDGE_PROMPT_VERSION, constraintId: req.constraintId });
      }
      return answer;
    })().finally(() => this.pending.delete(key));
    this.pending.set(key, work);
    return work;
  }

  /** Sends the request, retrying retryable failures. Holds one concurrency slot throughout, so backoff also throttles. */
  private async ask(req: JudgeRequest): Promise<JudgeAnswer> {
    const body = JSON.stringify(this.requestBody(req));
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(body);
      if (outcome.kind === "answer") return outcome.answer;
      if (outcome.kind === "fatal") return unknown(outcome.reason);
      if (attempt >= this.config.maxAttempts) {
        return unknown(`${outcome.reason} (gave up after ${attempt} attempt${attempt === 1 ? "" : "s"})`);
      }
      let wait = backoffDelay(attempt, { baseMs: this.config.backoffBaseMs, maxMs: this.config.backoffMaxMs }, this.random);
      if (outcome.retryAfterMs !== undefined) {
        if (outcome.retryAfterMs > this.config.maxRetryAfterMs) {
          return unknown(`${outcome.reason}; the server asked to retry after ${outcome.retryAfterMs} ms, more than maxRetryAfterMs (${this.config.maxRetryAfterMs} ms)`);
        }
        wait = outcome.retryAfterMs;
      }
      this.counters.retries++;
      await this.sleep(wait);
    }
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/json",
      "user-agent": "hindsight-judge",
      ...this.config.headers,
    };
    if (this.config.apiKey) headers.authorization = `Bearer ${this.config.apiKey}`;
    return headers;
  }

  private async attempt(body: string): Promise<Attempt> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.config.timeoutMs);
    this.counters.httpRequests++;
    this.counters.inFlight++;
    this.counters.maxInFlight = Math.max(this.counters.maxInFlight, this.counters.inFlight);
    try {
      // Never follow redirects: the request carries the instruction, the response and the key headers.
      const res = await this.fetchFn(this.endpoint, { method: "POST", headers: this.headers(), body, signal: controller.signal, redirect: "manual" });
      if ((res.status >= 300 && res.status < 400) || res.type === "opaqueredirect") {
        void res.body?.cancel().catch(() => undefined);
        return { kind: "fatal", reason: `judge server answered with a redirect (HTTP ${res.status}); redirects are refused, point the judge URL at the final address` };
      }
      const read = await readCappedBody(res, this.config.maxResponseBytes, () => controller.abort());
      if (!read.ok) return { kind: "fatal", reason: read.reason };
      const text = read.text;
      if (!res.ok) {
        const detail = errorDetail(text);
        const reason = `judge server answered HTTP ${res.status}${detail ? `: ${detail}` : ""}`;
        if (isRetryableStatus(res.status)) {
          const retryAfterMs = parseRetryAfter(res.headers);
          return retryAfterMs === undefined ? { kind: "retry", reason } : { kind: "retry", reason, retryAfterMs };
        }
        return { kind: "fatal", reason };
      }
      return { kind: "answer", answer: readChatCompletion(text) };
    } catch (error) {
      if (controller.signal.aborted) return { kind: "retry", reason: `judge request timed out after ${this.config.timeoutMs} ms` };
      return { kind: "retry", reason: `judge server unreachable: ${describeError(error)}` };
    } finally {
      clearTimeout(timer);
      this.counters.inFlight--;
    }
  }
}

/** The judge used when judging is switched off (`--judge none`): every soft constraint is unknown. */
export class NoJudge implements Judge {
  private calls = 0;

  constructor(readonly reason = "no judge configured (--judge none)") {}

  async judge(_req: JudgeRequest): Promise<JudgeAnswer> {
    this.calls++;
    return unknown(this.reason);
  }

  stats(): JudgeStats {
    return { requests: this.calls, cacheHits: 0, deduplicated: 0, httpRequests: 0, retries: 0, failures: this.calls, yes: 0, no: 0, unknown: this.calls, inFlight: 0, maxInFlight: 0 };
  }
}
