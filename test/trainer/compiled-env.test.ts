import { describe, expect, it } from "vitest";
import { hindsightSync, verifySync } from "../../src/runtime/index.js";
import type { CompiledTaskEnv } from "../../src/trainer/compiled-env.js";
import { resolveConfig } from "../../src/trainer/config.js";
import { auditRewrite, type TaskEnv } from "../../src/trainer/env.js";
import { createPolicy } from "../../src/trainer/policy/index.js";
import type { LedgerEntry } from "../../src/trainer/records.js";
import { loadTasks } from "../../src/trainer/tasks.js";
import { Trainer } from "../../src/trainer/trainer.js";
import { REPO_ROOT } from "../helpers/repo.js";
import { checkLedgerInvariants } from "./helpers/invariants.js";

const tasks = loadTasks("data/hir-train.json", REPO_ROOT);
const find = (contract: string): TaskEnv => tasks.train.find((t) => t.contractId === contract) as TaskEnv;

describe("TaskEnvs on the compiler and runtime", () => {
  const su = find("StatusUpdate");
  const inputs = (su as unknown as { inputs: Record<string, unknown> }).inputs;
  const opening = String(inputs.opening);
  const closing = String(inputs.closing);
  const paras = Number(inputs.n_paragraphs);
  const body = Array.from({ length: paras }, (_, i) => (i === 0 ? `${opening} the team will review the plan.` : "we track progress on the release.")).join("\n\n");

  it("renders the instruction and verifies every constraint", async () => {
    expect(su.instruction()).toContain(`Start with "${opening}".`);
    const v = await su.verify(`${body} ${closing}`);
    expect(v.map((x) => x.status)).toEqual(v.map(() => "pass"));
    expect(await su.hindsight(v, `${body} ${closing}`)).toEqual({ outcome: "success" });
  });

  it("a failed coupled constraint drops its partner; the rewrite is re-verified and passes the audit", async () => {
    const text = `${body} and more.`; // no closing phrase
    const v = await su.verify(text);
    expect(v.find((x) => x.id === "closing_line")?.status).toBe("fail");
    const h = await su.hindsight(v, text);
    expect(h.outcome).toBe("rewrite");
    if (h.outcome !== "rewrite") return;
    expect(h.kept).not.toContain("opening_line");
    expect(h.dropped).toContainEqual({ id: "opening_line", cause: "coupled", via: "closing_line" });
    expect(h.instruction).not.toContain("Start with");
    expect(h.reverification.verdicts.every((x) => x.status === "pass")).toBe(true);
    expect(auditRewrite(su, v, h)).toBeUndefined();
    // The seam speaks the runtime's vocabulary: the runtime's own answer, unconverted.
    const env = su as CompiledTaskEnv;
    const runtimeVerdicts = verifySync(env.contract, text, env.inputs, { instruction: env.instruction() });
    expect(h).toEqual(hindsightSync(env.contract, runtimeVerdicts, text, env.inputs));
  });

  it("the audit reads the runtime's re-verification: a kept constraint missing from it or not passing is caught", async () => {
    const text = `${body} and more.`;
    const v = await su.verify(text);
    const h = await su.hindsight(v, text);
    if (h.outcome !== "rewrite") throw new Error(`expected a rewrite, got ${h.outcome}`);
    const rv = h.reverification;
    const [first, ...rest] = rv.verdicts;
    expect(auditRewrite(su, v, { ...h, reverification: { ...rv, verdicts: rest } })).toBe("reverification-incomplete");
    const failing = { ...rv, verdicts: [{ ...first!, status: "fail" as const }, ...rest] };
    expect(auditRewrite(su, v, { ...h, reverification: failing })).toBe(`reverification-failed:${first!.id}`);
  });

  it("a constraint failed only through its prerequisite keeps the runtime's gatedBy cause (requires via x, not failed)", async () => {
    const ai = find("ActionItems");
    const owner = String((ai as unknown as { inputs: Record<string, unknown> }).inputs.owner);
    const text = `Summary: ${owner} will send the notes.`; // no bullets: items fails, owner_named is gated by it
    const v = await ai.verify(text);
    expect(v.find((x) => x.id === "items")?.status).toBe("fail");
    expect(v.find((x) => x.id === "owner_named")).toMatchObject({ status: "fail", gatedBy: ["items"] });
    const h = await ai.hindsight(v, text);
    expect(h.outcome).toBe("rewrite");
    if (h.outcome !== "rewrite") return;
    expect(h.dropped).toEqual([
      { id: "items", cause: "failed" },
      { id: "owner_named", cause: "requires", via: "items" },
    ]);
  });

  it("violating a safety or pinned constraint is refused", async () => {
    const banned = String(inputs.banned);
    const v = await su.verify(`${body} ${banned} ${closing}`);
    expect(await su.hindsight(v, `${body} ${banned} ${closing}`)).toMatchObject({ outcome: "refused", reason: "immutable-failed", constraints: ["no_banned"] });
    const one = `${opening} a single paragraph. ${closing}`;
    if (paras !== 1) expect(await su.hindsight(await su.verify(one), one)).toMatchObject({ outcome: "refused", reason: "immutable-failed", constraints: ["paragraph_count"] });
  });

  it("a short real run keeps every replay invariant", async () => {
    const config = resolveConfig({ seed: 5, batch: { prompts: 6, rolloutsPerPrompt: 4 }, rollout: { maxTokens: 100 } });
    const policy = createPolicy(config);
    const trainer = new Trainer({ config, train: tasks.train, heldOut: [], policy, reference: createPolicy(config) });
    const ledger: LedgerEntry[] = [];
    for (let s = 0; s < 2; s++) ledger.push(...(await trainer.runStep()).ledger);
    const n = checkLedgerInvariants(ledger, tasks.train);
    expect(n.replays).toBeGreaterThan(0);
    expect(ledger.some((e) => e.refusal?.reason === "immutable-failed")).toBe(true);
  });
});
