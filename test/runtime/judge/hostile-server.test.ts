/**
 * Issue 8, item 8: a judge server cannot pull the request elsewhere (redirects are
 * refused), cannot exhaust memory (bodies are capped), and a broken API key is
 * refused before use and never printed. All against the local stub server on 127.0.0.1.
 */
import { describe, expect, it } from "vitest";
import { JudgeConfigError, judgeConfigFrom } from "../../../src/runtime/judge/config.js";
import { OpenAIChatJudge } from "../../../src/runtime/judge/openai-judge.js";
import { parseStubMode } from "../../../src/testing/judge-stub-server.js";
import { judgeFor, request, stub } from "./support.js";

describe("judge redirects are refused (no re-posting to another origin)", () => {
  for (const status of [301, 302, 303, 307, 308]) {
    it(`HTTP ${status} to another server ends unknown and the other server sees nothing`, async () => {
      const elsewhere = await stub({ behavior: { kind: "yes" } });
      const server = await stub({ behavior: { kind: "redirect", status, location: `${elsewhere.url}/chat/completions` } });
      const judge = judgeFor(server, { apiKey: "sk-secret-key", headers: { "x-gateway-key": "gw-secret" } });
      const answer = await judge.judge(request());
      expect(answer.verdict).toBe("unknown");
      expect(answer.reason).toMatch(/redirect \(HTTP \d{3}\); redirects are refused/);
      expect(elsewhere.requests).toHaveLength(0);
      expect(server.requests).toHaveLength(1);
    });
  }

  it("a redirect is not retried", async () => {
    const server = await stub({ behavior: { kind: "redirect", location: "http://127.0.0.1:9/v1/chat/completions" } });
    const judge = judgeFor(server);
    expect((await judge.judge(request())).verdict).toBe("unknown");
    expect(judge.stats().httpRequests).toBe(1);
  });
});

describe("judge response body size cap (fail closed)", () => {
  it("a streamed body past maxResponseBytes ends unknown although it holds a YES", async () => {
    const server = await stub({ behavior: { kind: "huge", bytes: 8 * 1024 * 1024 } });
    const answer = await judgeFor(server, { maxResponseBytes: 64 * 1024 }).judge(request());
    expect(answer).toEqual({ verdict: "unknown", reason: expect.stringMatching(/larger than maxResponseBytes \(65536 bytes\)/) });
  });

  it("a declared Content-Length past the cap is refused before reading", async () => {
    const server = await stub({ behavior: { kind: "huge", bytes: 4 * 1024 * 1024, declareLength: true } });
    const answer = await judgeFor(server, { maxResponseBytes: 64 * 1024 }).judge(request());
    expect(answer.verdict).toBe("unknown");
    expect(answer.reason).toMatch(/maxResponseBytes/);
  });

  it("the same padded body under the cap is read (the cap is what decides)", async () => {
    const server = await stub({ behavior: { kind: "huge", bytes: 32 * 1024 } });
    expect((await judgeFor(server, { maxResponseBytes: 64 * 1024 }).judge(request())).verdict).toBe("yes");
  });

  it("defaults to 1 MiB", () => {
    expect(judgeConfigFrom({}, { url: "http://127.0.0.1:1/v1", model: "m" }).maxResponseBytes).toBe(1024 * 1024);
  });

  it("the stub server's command line knows the new modes", () => {
    expect(parseStubMode("redirect:http://127.0.0.1:1/")).toEqual({ kind: "redirect", location: "http://127.0.0.1:1/" });
    expect(parseStubMode("huge:2048")).toEqual({ kind: "huge", bytes: 2048 });
  });
});

describe("judge API key hygiene: invalid keys are rejected before use and never printed", () => {
  const base = { HIR_JUDGE_URL: "http://127.0.0.1:1/v1", HIR_JUDGE_MODEL: "m" };
  const badKeys = ["sk-abc\n", "sk-abc\r\nX-Evil: 1", "sk abc", "sk-\u0000abc", "sk-abc\t", "sk-ключ"];

  for (const key of badKeys) {
    it(`rejects ${JSON.stringify(key)} with a config error that does not show it`, () => {
      let error: unknown;
      try {
        judgeConfigFrom({ ...base, HIR_JUDGE_API_KEY: key });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(JudgeConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/apiKey \(from HIR_JUDGE_API_KEY\): contains a space, line break/);
      expect(message).not.toContain("sk-abc");
      expect(message).not.toContain("abc");
      expect(() => new OpenAIChatJudge({ url: base.HIR_JUDGE_URL, model: "m", apiKey: key })).toThrow(JudgeConfigError);
    });
  }

  it("rejects a custom header value with a line break without showing it", () => {
    expect(() => judgeConfigFrom({}, { url: base.HIR_JUDGE_URL, model: "m", headers: { "x-key": "secret-value\nx: y" } })).toThrow(/headers\.x-key.*not allowed in an HTTP header value \(the value is not shown\)/s);
    try {
      judgeConfigFrom({}, { url: base.HIR_JUDGE_URL, model: "m", headers: { "x-key": "secret-value\nx: y" } });
    } catch (e) {
      expect((e as Error).message).not.toContain("secret-value");
    }
  });

  it("a valid key is sent and never appears in the evidence of a failed judgement", async () => {
    const server = await stub({ behavior: { kind: "status", status: 400, body: JSON.stringify({ error: { message: "bad key sk-valid-secret-123 given" } }) } });
    const answer = await judgeFor(server, { apiKey: "sk-valid-secret-123" }).judge(request());
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-valid-secret-123");
    expect(answer.verdict).toBe("unknown");
    expect(answer.reason).toContain("[redacted]");
    expect(answer.reason).not.toContain("sk-valid-secret-123");
  });
});
