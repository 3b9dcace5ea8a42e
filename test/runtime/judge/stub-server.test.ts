import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseStubMode, type StubBehavior } from "../../../src/testing/judge-stub-server.js";
import { REPO_ROOT } from "../../helpers/repo.js";
import { judgeFor, request, stub } from "./support.js";

describe("parseStubMode", () => {
  it.each<[string, StubBehavior]>([
    ["yes", { kind: "yes" }],
    ["no", { kind: "no" }],
    ["keyword:YES", { kind: "keyword", keyword: "YES" }],
    ["keyword:a:b", { kind: "keyword", keyword: "a:b" }],
    ["text:Maybe.", { kind: "text", content: "Maybe." }],
    ["unparseable", { kind: "text", content: "I cannot decide." }],
    ["malformed", { kind: "malformed" }],
    ["empty", { kind: "empty-choices" }],
    ["hang", { kind: "hang" }],
    ["error:503", { kind: "status", status: 503 }],
    ["flaky:2", { kind: "sequence", steps: [{ kind: "status", status: 500 }, { kind: "status", status: 500 }, { kind: "yes" }] }],
    ["flaky:1:keyword:OK", { kind: "sequence", steps: [{ kind: "status", status: 500 }, { kind: "keyword", keyword: "OK" }] }],
    ["ratelimit:3:no", { kind: "sequence", steps: [{ kind: "status", status: 429, headers: { "retry-after": "3" } }, { kind: "no" }] }],
    ["delay:250", { kind: "delay", ms: 250, then: { kind: "yes" } }],
  ])("%s", (mode, behavior) => expect(parseStubMode(mode)).toEqual(behavior));

  it.each(["maybe", "keyword:", "error:x", "flaky", "yes:1", "delay:soon"])("rejects %j", (mode) => {
    expect(() => parseStubMode(mode)).toThrow(/stub mode/);
  });
});

describe("stub server protocol", () => {
  it("listens on 127.0.0.1 and serves /v1/models", async () => {
    const server = await stub();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const res = await fetch(`${server.url}/models`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ object: "list", data: [{ id: "stub" }] });
  });

  it("answers in the chat-completions format", async () => {
    const server = await stub({ behavior: { kind: "text", content: "YES. Fine." } });
    const res = await fetch(`${server.url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }] }) });
    expect(await res.json()).toMatchObject({ object: "chat.completion", model: "m", choices: [{ index: 0, message: { role: "assistant", content: "YES. Fine." }, finish_reason: "stop" }] });
    expect(server.requests[0]?.userMessage).toBe("hi");
  });

  it("rejects bad requests like a real server", async () => {
    const server = await stub();
    const post = (body: string) => fetch(`${server.url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect((await post("{oops")).status).toBe(400);
    expect((await post(JSON.stringify({ model: "m" }))).status).toBe(400);
    const notFound = await fetch(`${server.url}/completions`, { method: "POST", body: "{}" });
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toMatchObject({ error: { type: "invalid_request_error" } });
  });

  it("keyword mode looks only inside the RESPONSE block", async () => {
    const server = await stub({ behavior: { kind: "keyword", keyword: "tone" } });
    // The rubric mentions "tone", the response does not.
    expect((await judgeFor(server).judge(request({ rubric: "The tone is neutral.", response: "Revenue rose." }))).verdict).toBe("no");
    expect((await judgeFor(server).judge(request({ rubric: "The tone is neutral.", response: "A neutral tone." }))).verdict).toBe("yes");
  });

  it("close() ends hanging requests", async () => {
    const server = await stub({ behavior: { kind: "hang" } });
    const pending = judgeFor(server, { timeoutMs: 60_000, maxAttempts: 1 }).judge(request());
    await expect.poll(() => server.inFlight).toBe(1);
    await server.close();
    const answer = await pending;
    expect(answer.verdict).toBe("unknown");
    expect(answer.reason).toMatch(/unreachable/);
  });
});

describe("stub server command line", () => {
  it("starts with --port 0 --mode keyword:YES and serves judges until stopped", async () => {
    const script = join(REPO_ROOT, "src/testing/judge-stub-server.ts");
    const child = spawn(process.execPath, ["--import", "tsx", script, "--port", "0", "--mode", "keyword:YES", "--quiet"], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const lines = createInterface({ input: child.stdout });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once("line", resolve);
        child.once("exit", (code) => reject(new Error(`stub exited early with ${code}`)));
      });
      const url = /listening on (\S+)/.exec(first)?.[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const judge = judgeFor({ url: url ?? "" });
      expect((await judge.judge(request({ response: "YES, really" }))).verdict).toBe("yes");
      expect((await judge.judge(request({ response: "nope" }))).verdict).toBe("no");
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  });
});
