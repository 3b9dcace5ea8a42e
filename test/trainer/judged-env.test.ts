/**
 * Training on a contract with a judged (soft) constraint: the env verifies and
 * rewrites through a judge, the trainer awaits it, and every replay invariant
 * still holds. The judge is scripted and deterministic (a function of the
 * response and the instruction), as a hosted LLM judge is not available here.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { memoryHost } from "../../src/language/node-host.js";
import type { Judge, JudgeAnswer, JudgeRequest } from "../../src/runtime/judge-interface.js";
import { CompiledTaskEnv, compileContracts, ContractLoadError } from "../../src/trainer/compiled-env.js";
import { resolveConfig } from "../../src/trainer/config.js";
import type { TaskEnv } from "../../src/trainer/env.js";
import { createPolicy } from "../../src/trainer/policy/index.js";
import type { LedgerEntry } from "../../src/trainer/records.js";
import { Trainer } from "../../src/trainer/trainer.js";
import { checkLedgerInvariants } from "./helpers/invariants.js";

const NOTE = `contract Note {
  input topic: text
  prompt "Write a short note about {{topic}}."
  task short "Use at most 40 words."
    check words <= 40
  task mention "Mention {{topic}}."
    check contains(topic)
  quality warm "Sound warm."
    judge "The note sounds warm and friendly."
  safety calm "Do not shout."
    check not is_uppercase
}
`;

const contract = () => {
  const c = compileContracts(["note.contract"], memoryHost({ "note.contract": NOTE })).get("Note");
  if (!c) throw new Error("no contract");
  return c;
};

/** Answers from a hash of the response: mostly yes or no, some unknown; records every request. */
class ScriptedJudge implements Judge {
  readonly requests: JudgeRequest[] = [];
  async judge(req: JudgeRequest): Promise<JudgeAnswer> {
    this.requests.push(req);
    await new Promise((r) => setTimeout(r, 0)); // answer out of order, like a server
    const h = createHash("sha256").update(req.response).digest()[0] as number;
    return { verdict: h < 120 ? "yes" : h < 230 ? "no" : "unknown", reason: `hash ${h}` };
  }
}

function envs(judge: Judge): TaskEnv[] {
  const c = contract();
  return ["the launch", "budget", "hiring", "the offsite"].map((topic, i) => new CompiledTaskEnv(`note-${i}`, c, { topic }, { judge }));
}

async function train(seed: number, steps: number) {
  const judge = new ScriptedJudge();
  const train = envs(judge);
  const config = resolveConfig({ seed, batch: { prompts: 4, rolloutsPerPrompt: 6, replaysPerPrompt: 2 }, rollout: { maxTokens: 40 }, eval: { samplesPerTask: 2 } });
  const trainer = new Trainer({ config, train, heldOut: train.slice(0, 2), policy: createPolicy(config), reference: createPolicy(config) });
  const ledger: LedgerEntry[] = [];
  const replays: number[] = [];
  for (let s = 0; s < steps; s++) {
    const r = await trainer.runStep();
    ledger.push(...r.ledger);
    replays.push(r.metrics.replays);
  }
  const heldOut = await trainer.evaluate(steps);
  return { judge, train, ledger, replays, heldOut };
}

describe("training on a contract with a judged constraint", () => {
  it("is refused without a judge, with a message that says how to give one", () => {
    expect(() => new CompiledTaskEnv("n", contract(), { topic: "x" })).toThrow(ContractLoadError);
    expect(() => new CompiledTaskEnv("n", contract(), { topic: "x" })).toThrow(/warm is judged.*--judge URL/);
  });

  it("verifies through the judge; unknown never passes", async () => {
    const judge = new ScriptedJudge();
    const [env] = envs(judge) as [TaskEnv];
    const v = await env.verify("A warm note about the launch.");
    expect(v.map((x) => x.id)).toEqual(["short", "mention", "warm", "calm"]);
    expect(judge.requests).toHaveLength(1);
    expect(judge.requests[0]?.constraintId).toBe("warm");
    expect(judge.requests[0]?.instruction).toBe(env.instruction());
    const answer = await judge.judge({ ...(judge.requests[0] as JudgeRequest) });
    expect(v.find((x) => x.id === "warm")?.status).toBe(answer.verdict === "yes" ? "pass" : answer.verdict === "no" ? "fail" : "unknown");
  });

  it("keeps every replay invariant, re-judges kept soft constraints under the hindsight instruction, and refuses unknown verdicts", async () => {
    const { judge, train: tasks, ledger, replays } = await train(3, 3);
    const n = checkLedgerInvariants(ledger, tasks);
    expect(n.replays).toBeGreaterThan(0);
    expect(replays.reduce((a, b) => a + b, 0)).toBe(n.replays);
    expect(ledger.some((e) => e.refusal?.reason === "unknown-verdict")).toBe(true);
    expect(ledger.some((e) => e.rewrite !== null && e.rewrite.kept.includes("warm"))).toBe(true);
    const originals = new Set(tasks.map((t) => t.instruction()));
    const rejudged = judge.requests.filter((r) => !originals.has(r.instruction));
    expect(rejudged.length).toBeGreaterThan(0);
    // Every other instruction the judge saw is the hindsight instruction of a rewrite in the ledger.
    const rewritten = new Set(ledger.flatMap((e) => (e.rewrite ? [e.rewrite.instruction] : [])));
    for (const r of rejudged) expect(rewritten.has(createHash("sha256").update(r.instruction).digest("hex"))).toBe(true);
  });

  it("is reproducible from its seed although the judge answers out of order", async () => {
    const a = await train(5, 2);
    const b = await train(5, 2);
    expect(b.ledger).toEqual(a.ledger);
    expect(b.heldOut).toEqual(a.heldOut);
  });
});
