/**
 * Judge configuration: validated with zod, loaded from the environment and a
 * config object (CLI flags, a config file). Overrides win over the environment.
 *
 * | field            | environment                              | default      |
 * | ---------------- | ---------------------------------------- | ------------ |
 * | url              | HIR_JUDGE_URL                            | (required)   |
 * | model            | HIR_JUDGE_MODEL                          | (required)   |
 * | apiKey           | HIR_JUDGE_API_KEY, else OPENAI_API_KEY   | none         |
 * | timeoutMs        | HIR_JUDGE_TIMEOUT_MS                     | 30000        |
 * | concurrency      | HIR_JUDGE_CONCURRENCY                    | 4            |
 * | cacheDir         | HIR_JUDGE_CACHE_DIR                      | none (no cache) |
 * | maxAttempts, backoffBaseMs, backoffMaxMs, maxRetryAfterMs, maxTokens, tokenLimitField, headers, maxResponseBytes | config only | see schema |
 */
import { z } from "zod";

export type Env = Readonly<Record<string, string | undefined>>;

const positiveInt = (max: number) => z.number().int().min(1).max(max);

const httpUrl = z
  .string()
  .trim()
  .min(1)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.username === "" && url.password === "";
    } catch {
      return false;
    }
  }, "must be an http:// or https:// base URL without credentials, such as http://localhost:8000/v1");

/**
 * Characters allowed in an API key or header value: visible ASCII (no spaces, line
 * breaks or control characters). A key read with a trailing newline would otherwise
 * fail inside the HTTP client, whose error message quotes the value. Messages never
 * include the value.
 */
const HEADER_SAFE = /^[\x21-\x7e]+$/;
const HEADER_VALUE_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const apiKeySchema = z
  .string()
  .refine((key) => key === "" || HEADER_SAFE.test(key), "contains a space, line break or other character not allowed in an HTTP header (the value is not shown); remove trailing newlines or quotes from the key");

const headersSchema = z.record(
  z.string().regex(HEADER_NAME, "is not a valid HTTP header name"),
  z.string().refine((value) => HEADER_VALUE_SAFE.test(value), "has a line break, control character or surrounding space, not allowed in an HTTP header value (the value is not shown)"),
);

/** Default cap on a judge response body: a verdict and a sentence need a few hundred bytes. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

export const judgeConfigSchema = z
  .object({
    /** Base URL of an OpenAI-compatible API (…/v1); `/chat/completions` is appended. */
    url: httpUrl,
    /** Model name sent in each request; also part of the cache key. */
    model: z.string().trim().min(1),
    /** Sent as `Authorization: Bearer <apiKey>` when non-empty. */
    apiKey: apiKeySchema.optional(),
    /** Per-request timeout (each attempt). */
    timeoutMs: positiveInt(600_000).default(30_000),
    /** Most requests in flight at once. */
    concurrency: positiveInt(256).default(4),
    /** Verdict cache folder; no caching when absent. */
    cacheDir: z.string().trim().min(1).optional(),
    /** Attempts per judgement, including the first. */
    maxAttempts: positiveInt(10).default(4),
    /** Backoff before the first retry (doubles each retry, with jitter). */
    backoffBaseMs: z.number().int().min(0).max(60_000).default(500),
    /** Cap on a computed backoff. */
    backoffMaxMs: z.number().int().min(0).max(600_000).default(10_000),
    /** A server asking (Retry-After) to wait longer than this ends the judgement as unknown. */
    maxRetryAfterMs: z.number().int().min(0).max(3_600_000).default(60_000),
    /** Token limit of the reply; a verdict and one sentence need few. Raise it for reasoning models. */
    maxTokens: positiveInt(32_768).default(64),
    /** `max_completion_tokens` for OpenAI reasoning models that reject `max_tokens`. */
    tokenLimitField: z.enum(["max_tokens", "max_completion_tokens"]).default("max_tokens"),
    /** Extra HTTP headers (e.g. for a gateway). */
    headers: headersSchema.default({}),
    /** Largest response body read; a longer one is discarded (and the request aborted), and the judgement is unknown. */
    maxResponseBytes: z.number().int().min(1024).max(256 * 1024 * 1024).default(DEFAULT_MAX_RESPONSE_BYTES),
  })
  .strict();

/** A validated configuration. */
export type JudgeConfig = z.output<typeof judgeConfigSchema>;
/** What a caller may pass: every field optional, defaults filled in. */
export type JudgeConfigOverrides = Partial<z.input<typeof judgeConfigSchema>>;

/** Where each field can come from in the environment, in order of preference. */
export const JUDGE_ENV_VARS = {
  url: ["HIR_JUDGE_URL"],
  model: ["HIR_JUDGE_MODEL"],
  apiKey: ["HIR_JUDGE_API_KEY", "OPENAI_API_KEY"],
  timeoutMs: ["HIR_JUDGE_TIMEOUT_MS"],
  concurrency: ["HIR_JUDGE_CONCURRENCY"],
  cacheDir: ["HIR_JUDGE_CACHE_DIR"],
} as const;

const NUMERIC_ENV: ReadonlySet<string> = new Set(["timeoutMs", "concurrency"]);

export class JudgeConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid judge configuration:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "JudgeConfigError";
  }
}

/**
 * Builds and validates a judge configuration. Throws {@link JudgeConfigError}
 * listing every problem, each naming where the bad value came from.
 *
 * Environment rules: an empty variable counts as unset, except HIR_JUDGE_API_KEY,
 * where an empty value means "send no key" and stops the OPENAI_API_KEY fallback
 * (useful when HIR_JUDGE_URL points at a server that must not see that key).
 */
export function judgeConfigFrom(env: Env = process.env, overrides: JudgeConfigOverrides = {}): JudgeConfig {
  const raw: Record<string, unknown> = {};
  const source: Record<string, string> = {};
  const issues: string[] = [];

  for (const [field, names] of Object.entries(JUDGE_ENV_VARS)) {
    for (const name of names) {
      const value = env[name];
      if (value === undefined) continue;
      const explicitEmptyKey = name === "HIR_JUDGE_API_KEY" && value === "";
      if (value.trim() === "" && !explicitEmptyKey) continue;
      if (NUMERIC_ENV.has(field)) {
        const trimmed = value.trim();
        if (!/^\d+$/.test(trimmed)) {
          issues.push(`${name}=${JSON.stringify(value)}: expected a positive whole number`);
          break;
        }
        raw[field] = Number(trimmed);
      } else {
        raw[field] = value;
      }
      source[field] = name;
      break;
    }
  }
  for (const [field, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    raw[field] = value;
    source[field] = "config";
  }

  const parsed = judgeConfigSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "(config)";
      const top = String(issue.path[0] ?? "");
      const envHint = top in JUDGE_ENV_VARS ? JUDGE_ENV_VARS[top as keyof typeof JUDGE_ENV_VARS].join(" or ") : undefined;
      const from = source[top] !== undefined ? ` (from ${source[top]})` : raw[top] === undefined && envHint ? ` (set ${envHint})` : "";
      issues.push(`${field}${from}: ${issue.message}`);
    }
  }
  if (issues.length > 0) throw new JudgeConfigError(issues);
  if (!parsed.success) throw new JudgeConfigError(["unreachable"]);
  return parsed.data;
}

/** `{url}/chat/completions`, tolerating a trailing slash or a URL that already names the endpoint. */
export function chatCompletionsUrl(base: string): string {
  const trimmed = base.trim().replace(/\/+$/, "");
  return trimmed.endsWith("/chat/completions") ? trimmed : `${trimmed}/chat/completions`;
}

/** A configuration safe to print: the API key is masked. */
export function describeJudgeConfig(config: JudgeConfig): string {
  const key = config.apiKey ? "set" : "none";
  const cache = config.cacheDir ?? "off";
  return `judge ${config.model} at ${config.url} (api key: ${key}, timeout ${config.timeoutMs} ms, concurrency ${config.concurrency}, cache: ${cache})`;
}
