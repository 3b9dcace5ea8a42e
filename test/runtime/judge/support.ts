/** Shared setup for judge tests: a stub server per test, short timeouts, deterministic jitter. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import type { JudgeRequest } from "../../../src/runtime/judge-interface.js";
import type { JudgeConfigOverrides } from "../../../src/runtime/judge/config.js";
import { OpenAIChatJudge, type OpenAIChatJudgeDeps } from "../../../src/runtime/judge/openai-judge.js";
import { startStubJudgeServer, type StubJudgeServer, type StubServerOptions } from "../../../src/testing/judge-stub-server.js";

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A stub server closed automatically after the test. */
export async function stub(options: StubServerOptions = {}): Promise<StubJudgeServer> {
  const server = await startStubJudgeServer(options);
  cleanups.push(() => server.close());
  return server;
}

/** A temporary folder removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "hir-judge-test-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Records requested sleeps and returns at once, so retries cost no wall time. */
export function recordingSleep(): { sleeps: number[]; sleep: (ms: number) => Promise<void> } {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms) => void sleeps.push(ms) };
}

/** A judge for `server` with short timeouts and fixed jitter. */
export function judgeFor(server: { url: string }, overrides: JudgeConfigOverrides = {}, deps: OpenAIChatJudgeDeps = {}): OpenAIChatJudge {
  return new OpenAIChatJudge(
    { url: server.url, model: "stub-model", timeoutMs: 2_000, maxAttempts: 3, backoffBaseMs: 100, backoffMaxMs: 1_000, ...overrides },
    { random: () => 0.5, sleep: async () => undefined, ...deps },
  );
}

export function request(partial: Partial<JudgeRequest> = {}): JudgeRequest {
  return {
    constraintId: "tone",
    instruction: "Summarise the quarterly report in three bullet points.",
    rubric: "The tone is neutral and professional.",
    response: "- Revenue rose 4%.\n- Costs were flat.\n- Outlook unchanged.",
    ...partial,
  };
}

/** Chat-completions requests the stub received (other paths excluded). */
export function completions(server: StubJudgeServer) {
  return server.requests.filter((r) => r.path.endsWith("/chat/completions"));
}

/** A promise with its resolver, for gating the stub. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
