/** The vLLM stand-in speaks /v1/completions as vLLM does: n, logprobs, echo with max_tokens 0, prompt_logprobs, seeds. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStubVllm, stubTokenize, type StubVllm } from "../../src/testing/vllm-server.js";

const CANDIDATES = ["alpha beta gamma", "alpha beta delta", "alpha zeta"];

async function complete(url: string, body: Record<string, unknown>) {
  const res = await fetch(`${url}/v1/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "stub-vllm", ...body }) });
  return { status: res.status, json: (await res.json()) as any };
}

describe("stub vLLM /v1/completions", () => {
  let stub: StubVllm;
  beforeAll(async () => {
    stub = await startStubVllm({ responses: () => CANDIDATES });
  });
  afterAll(() => stub.close());

  it("returns n samples per prompt, prompt-major, with per-token log-probs of the trie model", async () => {
    const { status, json } = await complete(stub.url, { prompt: ["Q1 ", "Q2 "], n: 3, max_tokens: 16, logprobs: 2, seed: 7 });
    expect(status).toBe(200);
    expect(json.object).toBe("text_completion");
    expect(json.choices.map((c: { index: number }) => c.index)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const c of json.choices) {
      expect(CANDIDATES).toContain(c.text);
      expect(c.finish_reason).toBe("stop");
      expect(c.logprobs.tokens.join("")).toBe(c.text);
      expect(c.logprobs.tokens).toEqual(stubTokenize(c.text));
      expect(c.logprobs.text_offset[0]).toBe(0);
      // p(alpha)=1; p(beta|alpha)=2/3 or p(zeta|alpha)=1/3; p(gamma|alpha beta)=1/2.
      const p = Math.exp(c.logprobs.token_logprobs.reduce((a: number, b: number) => a + b, 0));
      expect(p).toBeCloseTo(1 / 3, 10);
      expect(Object.keys(c.logprobs.top_logprobs[2]).length).toBeLessThanOrEqual(3);
    }
    expect(json.usage.completion_tokens).toBeGreaterThan(0);
    const again = await complete(stub.url, { prompt: ["Q1 ", "Q2 "], n: 3, max_tokens: 16, logprobs: 2, seed: 7 });
    expect(again.json.choices.map((c: { text: string }) => c.text)).toEqual(json.choices.map((c: { text: string }) => c.text));
  });

  it("stops at max_tokens with finish_reason length; temperature 0 is greedy", async () => {
    const { json } = await complete(stub.url, { prompt: "Q ", n: 2, max_tokens: 2, temperature: 0, logprobs: 0 });
    expect(json.choices.map((c: { text: string; finish_reason: string }) => [c.text, c.finish_reason])).toEqual([
      ["alpha ", "length"],
      ["alpha ", "length"],
    ]);
  });

  it("scores a fixed continuation with echo and max_tokens 0", async () => {
    const prompt = "Question here\n\n";
    const { json } = await complete(stub.url, { prompt: `${prompt}alpha beta gamma`, max_tokens: 0, echo: true, logprobs: 1, prompt_logprobs: 1 });
    const [c] = json.choices;
    expect(c.text).toBe(`${prompt}alpha beta gamma`);
    expect(c.logprobs.token_logprobs[0]).toBeNull();
    const continuation = c.logprobs.text_offset.map((o: number, i: number) => [o, c.logprobs.token_logprobs[i]]).filter(([o]: [number]) => o >= prompt.length);
    const sum = continuation.reduce((a: number, [, lp]: [number, number]) => a + lp, 0);
    expect(Math.exp(sum)).toBeCloseTo(1 / 3, 10);
    expect(c.prompt_logprobs[0]).toBeNull();
    const second = Object.values(c.prompt_logprobs[1] as Record<string, { logprob: number; rank: number; decoded_token: string }>)[0];
    expect(second).toMatchObject({ rank: 1, decoded_token: " " });
    expect(c.prompt_token_ids).toHaveLength(c.logprobs.tokens.length);
    expect(json.usage.completion_tokens).toBe(0);
  });

  it("rejects bad requests with 400 and unknown routes with 404", async () => {
    expect((await complete(stub.url, { prompt: 5 })).status).toBe(400);
    expect((await complete(stub.url, { prompt: "x", n: 0 })).status).toBe(400);
    expect((await fetch(`${stub.url}/v1/chat/completions`, { method: "POST", body: "{}" })).status).toBe(404);
    const models = (await (await fetch(`${stub.url}/v1/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data[0]?.id).toBe("stub-vllm");
  });
});

describe("hir stub-vllm", () => {
  it("serves the candidate responses of a file until stopped, and rejects a bad file", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const { memoryIO } = await import("../../src/cli/io.js");
    const { stubVllmCommand } = await import("../../src/cli/commands/stub-vllm.js");
    const dir = mkdtempSync(join(tmpdir(), "stub-vllm-"));
    writeFileSync(join(dir, "responses.jsonl"), '"one two"\n"one three"\n');
    writeFileSync(join(dir, "bad.json"), "{\"a\": 1}");
    const io = memoryIO({ cwd: dir });
    const stop = new AbortController();
    const running = stubVllmCommand(io, { responses: "responses.jsonl", port: "0", model: "toy" }, stop.signal);
    for (let i = 0; i < 100 && io.out === ""; i++) await new Promise((r) => setTimeout(r, 20));
    const url = io.out.trim().replace("listening on ", "");
    const { json } = await complete(url, { prompt: "q ", n: 4, max_tokens: 8, seed: 1 });
    for (const c of json.choices) expect(["one two", "one three"]).toContain(c.text);
    stop.abort();
    expect(await running).toBe(0);
    const bad = memoryIO({ cwd: dir });
    expect(await stubVllmCommand(bad, { responses: "bad.json", port: "0", model: "toy" })).toBe(2);
    expect(bad.err).toMatch(/bad.json/);
  });
});
