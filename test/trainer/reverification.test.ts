/**
 * Re-verification under the hindsight instruction, exercised end to end by the
 * bundled QuickReply training contract, whose `proportionate` check reads the
 * instruction (`within_instruction_length`): a rewrite shortens the instruction,
 * so a response that was short enough under q can be too long under q'.
 */
import { describe, expect, it } from "vitest";
import { countWords } from "../../src/runtime/builtins/segment.js";
import { resolveConfig } from "../../src/trainer/config.js";
import { auditRewrite, type TaskEnv } from "../../src/trainer/env.js";
import type { Policy, Rollout, TokenScores, UpdateItem, UpdateStats } from "../../src/trainer/policy/types.js";
import type { LedgerEntry } from "../../src/trainer/records.js";
import { loadTasks } from "../../src/trainer/tasks.js";
import { Trainer } from "../../src/trainer/trainer.js";
import { REPO_ROOT } from "../helpers/repo.js";
import { checkLedgerInvariants } from "./helpers/invariants.js";

const tasks = loadTasks("data/hir-train.json", REPO_ROOT);
const env = tasks.train.find((t) => t.contractId === "QuickReply" && t.instruction().includes("at least 2 sentences")) as TaskEnv;
/** The runtime's own word count (Unicode word segments), as the check uses it. */
const words = countWords;
const opening = /Start with "([^"]+)"/.exec(env.instruction())?.[1] as string;
const keyword = /Mention "([^"]+)"/.exec(env.instruction())?.[1] as string;

/** One sentence (so `sentence_count` fails) with the opening and keyword, padded to `n` words. */
function oneSentence(n: number): string {
  const head = `${opening} the ${keyword}`;
  const pad = Array.from({ length: n - words(head) }, () => "team").join(" ");
  return `${head} ${pad}`;
}

describe("re-verification under the hindsight instruction (QuickReply)", () => {
  const q = env.instruction();
  const limitUnderQ = words(q);

  it("a response short enough for q but too long for q' is refused as reverification-failed", async () => {
    const text = oneSentence(limitUnderQ); // exactly the limit under q
    const v = await env.verify(text);
    expect(Object.fromEntries(v.map((x) => [x.id, x.status]))).toEqual({
      opening_line: "pass", keyword_used: "pass", sentence_count: "fail", proportionate: "pass", no_banned: "pass",
    });
    const h = await env.hindsight(v, text);
    expect(h).toMatchObject({ outcome: "refused", reason: "reverification-failed", constraints: ["proportionate"] });
  });

  it("a shorter response is rewritten; proportionate is re-verified under q' and passes", async () => {
    const text = oneSentence(12);
    const v = await env.verify(text);
    const h = await env.hindsight(v, text);
    expect(h.outcome).toBe("rewrite");
    if (h.outcome !== "rewrite") return;
    expect(h.instruction).not.toContain("sentences");
    expect(words(h.instruction)).toBeLessThan(limitUnderQ);
    expect(h.reverification.verdicts.find((x) => x.id === "proportionate")?.status).toBe("pass");
    expect(auditRewrite(env, v, h)).toBeUndefined();
  });

  it("the trainer logs both outcomes in the ledger: the refusal with its constraint, the rewrite with its re-verified verdicts", async () => {
    const texts = [oneSentence(limitUnderQ), oneSentence(12)];
    let i = 0;
    const scripted: Policy = {
      kind: "scripted",
      generate: (qs): Rollout[] =>
        qs.map((instruction) => {
          const text = texts[i++ % texts.length] as string;
          const tokens = text.split(" ");
          return { instruction, text, tokens, logprobs: tokens.map(() => -1), entropies: tokens.map(() => 1) };
        }),
      logProbs: (reqs): TokenScores[] => reqs.map((r) => ({ logprobs: r.tokens.map(() => -1), entropies: r.tokens.map(() => 1) })),
      update: (items: readonly UpdateItem[]): UpdateStats => ({ loss: 0, kl: 0, ppoKl: 0, clipFraction: 0, entropy: 1, gradNorm: 0, tokens: items.length }),
      save: () => ({ kind: "scripted" }),
      load: () => undefined,
    };
    const config = resolveConfig({ arm: "hir", seed: 1, batch: { prompts: 1, rolloutsPerPrompt: 2, replaysPerPrompt: 1 } });
    const trainer = new Trainer({ config, train: [env], heldOut: [], policy: scripted, reference: scripted });
    const { ledger, metrics } = await trainer.runStep();
    const byLength = new Map(ledger.map((e: LedgerEntry) => [e.index, e]));
    expect(byLength.get(0)?.refusal).toEqual({ reason: "reverification-failed", constraints: ["proportionate"] });
    expect(byLength.get(0)?.eligible).toBe(false);
    const kept = byLength.get(1);
    expect(kept?.eligible).toBe(true);
    expect(kept?.selected).toBe(true);
    expect(kept?.rewrite?.reverified).toEqual({ opening_line: "pass", keyword_used: "pass", proportionate: "pass", no_banned: "pass" });
    expect(metrics.refusals).toEqual({ "reverification-failed": 1 });
    expect(checkLedgerInvariants(ledger, [env]).replays).toBe(1);
  });
});
