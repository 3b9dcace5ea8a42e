/** `hir rollout` against the vLLM stand-in: sampled texts with log-probs, verdicts, selected replays re-scored by echo. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryIO } from "../../src/cli/io.js";
import { rolloutCommand, type RolloutCliOptions } from "../../src/cli/commands/rollout.js";
import { startStubVllm, type StubVllm } from "../../src/testing/vllm-server.js";
import { REPO_ROOT } from "../helpers/repo.js";

// Responses that pass some constraints of the training contracts and fail others.
const RESPONSES = [
  "- The plan has a risk.\n- Another risk is the timeline.\n\nRecommendation: go ahead with the plan as it stands today for the team.",
  "Quick update: Atlas is on track and the work continues this week.\n\nMore soon.",
  "- Decide the budget owner.\n- Send the notes.\n- Book the room for the review.",
  "This is a very short note about the budget risk and the risk of delays.",
];

const base: RolloutCliOptions = { n: "4", k: "1", out: "", maxTokens: "200", temperature: "1", step: "1", split: "train", template: "{instruction}\n\n", batch: "3", seed: "3", limit: "6" };

describe("hir rollout", () => {
  let stub: StubVllm;
  beforeAll(async () => {
    stub = await startStubVllm({ responses: () => RESPONSES, model: "toy" });
  });
  afterAll(() => stub.close());

  it("writes rollouts, replays and SFT rows; replays are re-verified and scored under q'", async () => {
    const out = mkdtempSync(join(tmpdir(), "hir-rollout-"));
    const io = memoryIO({ cwd: REPO_ROOT });
    const before = stub.requests();
    const code = await rolloutCommand(io, { ...base, out, model: stub.url, tasks: "data/hir-train.json" });
    // Batched: 6 tasks in requests of 3 prompts, then one echo request scoring every replay.
    expect(stub.requests() - before).toBe(3);
    expect(io.err).not.toMatch(/hir rollout: (?!sampled)/);
    expect(code).toBe(0);
    const read = (f: string) => readFileSync(join(out, f), "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
    const rollouts = read("rollouts.jsonl");
    const replays = read("replays.jsonl");
    const sft = read("sft.jsonl");
    expect(rollouts).toHaveLength(24);
    for (const r of rollouts) {
      expect(RESPONSES).toContain(r.text);
      expect(r.tokens.join("")).toBe(r.text);
      expect(r.token_logprobs).toHaveLength(r.tokens.length);
      expect(r.verdicts.length).toBeGreaterThan(0);
      expect(r.fraction).toBe(r.verdicts.filter((v: { status: string }) => v.status === "pass").length / r.verdicts.length);
      expect(r.prompt).toBe(`${r.instruction}\n\n`);
    }
    expect(replays.length).toBeGreaterThan(0);
    expect(replays.length).toBeLessThanOrEqual(6);
    for (const rep of replays) {
      const src = rollouts.find((r: { task: string; sample: number }) => r.task === rep.task && r.sample === rep.source_sample);
      expect(src.selected).toBe(true);
      expect(src.hindsight).toBe("rewrite");
      expect(rep.response).toBe(src.text);
      expect(rep.reverification.every((v: { status: string }) => v.status === "pass")).toBe(true);
      expect(rep.kept).toEqual(rep.reverification.map((v: { id: string }) => v.id));
      expect(rep.hindsight_instruction).not.toBe(rep.instruction);
      // The stand-in's distribution does not depend on the prompt: echo scoring under q' gives back the sampled log-probs.
      expect(rep.hindsight_tokens).toEqual(src.tokens);
      rep.hindsight_logprobs.forEach((lp: number, i: number) => expect(lp).toBeCloseTo(src.token_logprobs[i], 9));
    }
    expect(rollouts.filter((r: { selected: boolean }) => r.selected)).toHaveLength(replays.length);
    const replayRows = sft.filter((s: { kind: string }) => s.kind === "replay");
    expect(replayRows).toHaveLength(replays.length);
    expect(replayRows[0].messages[0].content).toBe(replays[0].hindsight_instruction);
    expect(sft.filter((s: { kind: string }) => s.kind === "success")).toHaveLength(rollouts.filter((r: { passed: boolean }) => r.passed).length);
    expect(io.out).toMatch(/24 rollouts/);
  });

  it("reports an unreachable server and bad options as usage errors", async () => {
    const io = memoryIO({ cwd: REPO_ROOT });
    expect(await rolloutCommand(io, { ...base, out: "x", model: "http://127.0.0.1:1", modelName: "m", tasks: "data/hir-train.json" })).toBe(2);
    expect(io.err).toMatch(/cannot reach/);
    const io2 = memoryIO({ cwd: REPO_ROOT });
    expect(await rolloutCommand(io2, { ...base, out: "x", model: stub.url, tasks: "data/hir-train.json", n: "0" })).toBe(2);
    expect(io2.err).toMatch(/--n must be an integer >= 1/);
  });
});
