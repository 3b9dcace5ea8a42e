import { describe, expect, it } from "vitest";
import { chatCompletionsUrl, describeJudgeConfig, judgeConfigFrom, JudgeConfigError } from "../../../src/runtime/judge/config.js";
import { createJudge, NoJudge, OpenAIChatJudge } from "../../../src/runtime/judge/index.js";

const env = { HIR_JUDGE_URL: "http://localhost:8000/v1", HIR_JUDGE_MODEL: "Qwen/Qwen2.5-7B-Instruct" };

function issues(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof JudgeConfigError) return error.issues;
    throw error;
  }
  throw new Error("expected a JudgeConfigError");
}

describe("judgeConfigFrom", () => {
  it("reads the environment and fills defaults", () => {
    expect(judgeConfigFrom(env)).toEqual({
      url: "http://localhost:8000/v1",
      model: "Qwen/Qwen2.5-7B-Instruct",
      timeoutMs: 30_000,
      concurrency: 4,
      maxAttempts: 4,
      backoffBaseMs: 500,
      backoffMaxMs: 10_000,
      maxRetryAfterMs: 60_000,
      maxTokens: 64,
      tokenLimitField: "max_tokens",
      headers: {},
      maxResponseBytes: 1024 * 1024,
    });
  });

  it("reads every environment variable", () => {
    const config = judgeConfigFrom({ ...env, HIR_JUDGE_API_KEY: "k1", HIR_JUDGE_TIMEOUT_MS: "1500", HIR_JUDGE_CONCURRENCY: " 8 ", HIR_JUDGE_CACHE_DIR: ".hir/judge-cache" });
    expect(config).toMatchObject({ apiKey: "k1", timeoutMs: 1500, concurrency: 8, cacheDir: ".hir/judge-cache" });
  });

  it("lets overrides win over the environment", () => {
    const config = judgeConfigFrom({ ...env, HIR_JUDGE_CONCURRENCY: "8" }, { url: "https://api.example.com/v1", concurrency: 2, model: "gpt-judge", maxAttempts: 1 });
    expect(config).toMatchObject({ url: "https://api.example.com/v1", concurrency: 2, model: "gpt-judge", maxAttempts: 1 });
  });

  it("falls back to OPENAI_API_KEY, unless HIR_JUDGE_API_KEY is set (even to empty)", () => {
    expect(judgeConfigFrom({ ...env, OPENAI_API_KEY: "sk-openai" }).apiKey).toBe("sk-openai");
    expect(judgeConfigFrom({ ...env, OPENAI_API_KEY: "sk-openai", HIR_JUDGE_API_KEY: "sk-judge" }).apiKey).toBe("sk-judge");
    expect(judgeConfigFrom({ ...env, OPENAI_API_KEY: "sk-openai", HIR_JUDGE_API_KEY: "" }).apiKey).toBe("");
  });

  it("treats other empty variables as unset", () => {
    expect(judgeConfigFrom({ ...env, HIR_JUDGE_TIMEOUT_MS: "", HIR_JUDGE_CACHE_DIR: "  " })).toMatchObject({ timeoutMs: 30_000 });
    expect(judgeConfigFrom({ ...env, HIR_JUDGE_CACHE_DIR: "" }).cacheDir).toBeUndefined();
  });

  it("reports every problem with where it came from", () => {
    const found = issues(() => judgeConfigFrom({ HIR_JUDGE_TIMEOUT_MS: "soon", HIR_JUDGE_CONCURRENCY: "0" }));
    expect(found).toEqual(
      expect.arrayContaining([
        'HIR_JUDGE_TIMEOUT_MS="soon": expected a positive whole number',
        expect.stringMatching(/^url \(set HIR_JUDGE_URL\)/),
        expect.stringMatching(/^model \(set HIR_JUDGE_MODEL\)/),
        expect.stringMatching(/^concurrency \(from HIR_JUDGE_CONCURRENCY\)/),
      ]),
    );
  });

  it("accepts only http(s) URLs without credentials", () => {
    expect(issues(() => judgeConfigFrom({ ...env, HIR_JUDGE_URL: "localhost:8000" }))[0]).toMatch(/^url \(from HIR_JUDGE_URL\)/);
    expect(issues(() => judgeConfigFrom(env, { url: "file:///etc/passwd" }))[0]).toMatch(/^url \(from config\)/);
    expect(issues(() => judgeConfigFrom(env, { url: "https://user:pw@example.com/v1" }))[0]).toMatch(/without credentials/);
  });

  it("rejects unknown config fields", () => {
    expect(issues(() => judgeConfigFrom(env, { temperature: 1 } as never))[0]).toMatch(/temperature/);
  });

  it("describes a config without printing the key", () => {
    const text = describeJudgeConfig(judgeConfigFrom({ ...env, HIR_JUDGE_API_KEY: "sk-secret" }));
    expect(text).toContain("api key: set");
    expect(text).not.toContain("sk-secret");
  });
});

describe("chatCompletionsUrl", () => {
  it.each([
    ["http://localhost:8000/v1", "http://localhost:8000/v1/chat/completions"],
    ["http://localhost:8000/v1/", "http://localhost:8000/v1/chat/completions"],
    ["http://localhost:11434/v1/chat/completions", "http://localhost:11434/v1/chat/completions"],
  ])("%s -> %s", (base, endpoint) => expect(chatCompletionsUrl(base)).toBe(endpoint));
});

describe("createJudge (the CLI's --judge URL|none)", () => {
  it("none or off gives a judge that answers unknown", async () => {
    for (const url of ["none", "off", "NONE"]) {
      const judge = createJudge(env, { url });
      expect(judge).toBeInstanceOf(NoJudge);
      expect(await judge.judge({ constraintId: "c", rubric: "r", response: "x", instruction: "i" })).toEqual({ verdict: "unknown", reason: "no judge configured (--judge none)" });
    }
    expect(createJudge({ HIR_JUDGE_URL: "none" })).toBeInstanceOf(NoJudge);
  });

  it("a URL gives an OpenAIChatJudge configured from env + overrides", () => {
    const judge = createJudge(env, { url: "http://127.0.0.1:9/v1", concurrency: 3 });
    expect(judge).toBeInstanceOf(OpenAIChatJudge);
    expect((judge as OpenAIChatJudge).config).toMatchObject({ url: "http://127.0.0.1:9/v1", model: env.HIR_JUDGE_MODEL, concurrency: 3 });
  });

  it("no URL anywhere is a configuration error naming HIR_JUDGE_URL", () => {
    expect(() => createJudge({ HIR_JUDGE_MODEL: "m" })).toThrow(/HIR_JUDGE_URL/);
  });
});
