/**
 * `hir serve` over real HTTP (node http on 127.0.0.1, port 0): every route on the
 * bundled specs, the status codes of bad requests, and that the server keeps
 * serving after them (200 concurrent requests, a 10 MB body).
 */
import type { Server } from "node:http";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../../src/compiler/pipeline.js";
import { createRewardServer, listen, RewardService } from "../../src/engines/serve/index.js";
import { nodeHost } from "../../src/language/node-host.js";
import { lambdaAt, scoreParts, selectTop } from "../../src/trainer/selection.js";
import type { Judge } from "../../src/runtime/judge-interface.js";
import { REPO_ROOT } from "../helpers/repo.js";

const TOKEN = "s3cret-token";
const compiled = runPipeline({ paths: [resolve(REPO_ROOT, "specs")], host: nodeHost(REPO_ROOT), baseDir: REPO_ROOT });
const contracts = new Map(compiled.contracts.map((c) => [c.id, c]));

const briefing = { contract: "TeamBriefing", inputs: { topic: "the Q3 budget", keyword: "risk" } };
const GOOD = [
  "- The Q3 budget is on track with one risk.",
  "- Vendor costs are a risk we watch closely.",
  "",
  "Recommendation: keep the plan and review the numbers in two weeks with finance.",
].join("\n");
// Fails the bullet count and the recommendation only.
const PARTIAL = "The Q3 budget is on track, but there is a risk in vendor costs and another risk in hiring that we will track every week together with finance and the leads.";

async function post(url: string, path: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) {
  const res = await fetch(url + path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

function start(service: RewardService, opts: Parameters<typeof createRewardServer>[1] = {}): Promise<{ server: Server; url: string }> {
  const server = createRewardServer(service, opts);
  return listen(server, "127.0.0.1", 0).then((url) => ({ server, url }));
}

describe("hir serve", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    ({ server, url } = await start(new RewardService(contracts), { token: TOKEN, maxBodyBytes: 1024 * 1024 }));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("answers /health with the loaded contracts, without a token", async () => {
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; contracts: string[]; version: string };
    expect(body.ok).toBe(true);
    expect(body.contracts).toContain("TeamBriefing");
    expect(body.contracts).toContain("InterviewFeedback");
  });

  it("verifies contract labels, given as objects or JSON strings, with per-constraint verdicts", async () => {
    const { status, json } = await post(url, "/v1/verify", {
      items: [
        { id: "good", label: briefing, response: GOOD },
        { id: "partial", label: JSON.stringify(briefing), response: PARTIAL },
      ],
    });
    expect(status).toBe(200);
    const [good, partial] = json["results"];
    expect(good).toMatchObject({ id: "good", score: 1, fraction: 1, passed: 6, total: 6, unknown: 0 });
    expect(good.verdicts.map((v: { role: string }) => v.role)).toEqual(["task", "task", "task", "task", "quality", "safety"]);
    expect(partial).toMatchObject({ id: "partial", score: 0, total: 6, unknown: 0 });
    expect(partial.verdicts.filter((v: { status: string }) => v.status === "fail").map((v: { id: string }) => v.id)).toEqual(["bullet_count", "recommendation"]);
    expect(partial.fraction).toBeCloseTo(4 / 6);
  });

  it("fails closed: soft constraints without a judge are unknown and the score is 0", async () => {
    const label = { contract: "InterviewFeedback", inputs: { candidate: "A", role: "B", notes: "C" } };
    const { json } = await post(url, "/v1/verify", { items: [{ id: 1, label, response: "Hire. Strengths: many." }] });
    const r = json["results"][0];
    expect(r.unknown).toBeGreaterThan(0);
    expect(r.score).toBe(0);
    expect(r.verdicts.some((v: { status: string }) => v.status === "unknown")).toBe(true);
  });

  it("one bad item never fails the batch: score 0 and an error", async () => {
    const { status, json } = await post(url, "/v1/verify", {
      items: [
        { id: "a", label: { contract: "NoSuch" }, response: "x" },
        { id: "b", label: { contract: "TeamBriefing", inputs: {} }, response: "x" },
        { id: "c", label: "not json {", response: "x" },
        { id: "d", label: briefing },
        42,
        { id: "e", label: briefing, response: GOOD },
      ],
    });
    expect(status).toBe(200);
    const r = json["results"];
    expect(r.map((x: { score: number }) => x.score)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(r.slice(0, 5).every((x: { error?: string }) => typeof x.error === "string" && x.error.length > 0)).toBe(true);
    expect(r[0].error).toMatch(/unknown contract `NoSuch`/);
    expect(r[1].error).toMatch(/topic/);
    expect(r[4].id).toBe(4);
    expect(r[5].error).toBeUndefined();
  });

  it("hindsight returns the rewrite and a label that verifies the replay again", async () => {
    const { json } = await post(url, "/v1/hindsight", { items: [{ id: "p", label: briefing, response: PARTIAL }, { id: "g", label: briefing, response: GOOD }] });
    const [p, g] = json["results"];
    expect(g).toMatchObject({ id: "g", outcome: "success" });
    expect(p.outcome).toBe("rewrite");
    expect(p.dropped).toEqual([
      { id: "bullet_count", cause: "failed" },
      { id: "recommendation", cause: "failed" },
    ]);
    expect(p.kept).toEqual(["length", "keyword_twice", "on_topic", "no_banned"]);
    expect(p.instruction).toContain("the Q3 budget");
    expect(p.instruction).not.toContain("bullet points");
    expect(p.label).toEqual({ ...briefing, keep: p.kept });
    const again = await post(url, "/v1/verify", { items: [{ id: "replay", label: p.label, response: PARTIAL }] });
    expect(again.json["results"][0]).toMatchObject({ score: 1, passed: 4, total: 4 });
    const refusedAgain = await post(url, "/v1/hindsight", { items: [{ id: "r", label: p.label, response: PARTIAL }] });
    expect(refusedAgain.json["results"][0]).toMatchObject({ outcome: "refused", reason: "invalid-item" });
  });

  it("refuses a replay that violates a safety constraint", async () => {
    const bad = `${PARTIAL} It is very good.`;
    const { json } = await post(url, "/v1/hindsight", { items: [{ id: 1, label: { ...briefing, inputs: { ...briefing.inputs, banned: "very" } }, response: bad }] });
    expect(json["results"][0]).toMatchObject({ outcome: "refused", reason: "immutable-failed", kept: [] });
  });

  it("compiles IFEval and open-instruct ground truths through the import path", async () => {
    const ifeval = { instruction_id_list: ["punctuation:no_comma", "length_constraints:number_words"], kwargs: [{}, { relation: "at least", num_words: 3 }] };
    const openInstruct = "[{'instruction_id': ['punctuation:no_comma', 'change_case:english_lowercase'], 'kwargs': [None, None]}]";
    const { json } = await post(url, "/v1/verify", {
      items: [
        { id: 1, label: ifeval, response: "hello there, friend" },
        { id: 2, label: JSON.stringify(ifeval), response: "hello there my friend" },
        { id: 3, label: openInstruct, response: "all lower case here" },
        { id: 4, label: openInstruct, response: "Not lower, here" },
        { id: 5, label: ifeval, response: "   " },
        { id: 6, label: { instruction_id_list: ["no:such_thing"], kwargs: [{}] }, response: "x" },
      ],
    });
    const r = json["results"];
    expect(r.map((x: { score: number }) => x.score)).toEqual([0, 1, 1, 0, 0, 0]);
    expect(r[0].fraction).toBe(0.5);
    expect(r[3].passed).toBe(0);
    expect(r[4].passed).toBe(0);
    expect(r[5].error).toMatch(/unknown instruction id/);
    const h = await post(url, "/v1/hindsight", { items: [{ id: 1, prompt: "Greet me.", label: openInstruct, response: "Hello there friend" }] });
    const hr = h.json["results"][0];
    expect(hr.outcome).toBe("rewrite");
    expect(hr.label).toEqual([{ instruction_id: ["punctuation:no_comma"], kwargs: [null] }]);
    expect(hr.instruction.startsWith("Greet me.")).toBe(true);
  });

  it("selects with the trainer's selection (one implementation)", async () => {
    const candidates = [
      { key: "a", group: "p1", fraction: 0.5, entropy: 1.2 },
      { key: "b", group: "p1", fraction: 0.75, entropy: 0.1 },
      { key: "c", group: "p2", fraction: 0.25, entropy: 2.5, quality: 1 },
      { key: "d", group: "p2", fraction: 1, entropy: 3 },
      { key: "e", group: "p2", fraction: 0, entropy: 3 },
    ];
    const { status, json } = await post(url, "/v1/select", { step: 3, k: 1, candidates, selection: { scope: "global" } });
    expect(status).toBe(200);
    const lambda = lambdaAt(3, { lambda0: 2, eta: 0.05, lambdaMax: null });
    expect(json["lambda"]).toBe(lambda);
    const scored = candidates.slice(0, 3).map((c, i) => ({ group: i < 2 ? 0 : 1, index: i, key: c.key, score: scoreParts({ cla: c.fraction, meanEntropy: c.entropy, qualityFraction: c.quality }, lambda, 0.5).score }));
    expect(json["selected"].map((s: { key: string }) => s.key)).toEqual(selectTop(scored, "global", 1, 2).map((s) => s.key));
    expect(json["ineligible"]).toEqual(["d", "e"]);
    const perGroup = await post(url, "/v1/select", { step: 3, k: 1, candidates, selection: { scope: "per-group" } });
    expect(perGroup.json["selected"].map((s: { key: string }) => s.key)).toEqual(selectTop(scored, "per-group", 1, 2).map((s) => s.key));
    expect((await post(url, "/v1/select", { step: 0, k: 1, candidates })).status).toBe(400);
    expect((await post(url, "/v1/select", { step: 1, k: 1, candidates, selection: { scope: "nope" } })).status).toBe(400);
  });

  it("speaks OpenRLHF's protocol, with the token in the URL (no headers)", async () => {
    const body = { query: [`PROMPT: ${GOOD}`, `PROMPT: ${PARTIAL}`], prompts: ["PROMPT: ", "PROMPT: "], labels: [JSON.stringify(briefing), JSON.stringify(briefing)] };
    expect((await post(url, "/openrlhf", body, {})).status).toBe(401);
    expect((await post(url, "/openrlhf?token=wrong", body, {})).status).toBe(401);
    const { status, json } = await post(url, `/openrlhf?token=${TOKEN}`, body, {});
    expect(status).toBe(200);
    expect(json["rewards"]).toEqual([1, 0]);
    expect(json["scores"]).toEqual([1, 0]);
    for (const values of Object.values(json["extra_logs"] as Record<string, unknown[]>)) {
      expect(values).toHaveLength(2);
      expect(values.every((v) => typeof v === "number")).toBe(true);
    }
    expect(json["extra_logs"]["hir_fraction"][1]).toBeCloseTo(4 / 6);
    // The URL token is accepted on /openrlhf only.
    expect((await post(url, `/v1/verify?token=${TOKEN}`, { items: [] }, {})).status).toBe(401);
  });

  it("rejects bad requests with their status codes and keeps serving", async () => {
    expect((await post(url, "/v1/verify", { items: [] }, {})).status).toBe(401);
    const malformed = await post(url, "/v1/verify", "{\"items\": [");
    expect(malformed.status).toBe(400);
    expect(malformed.json["error"]).toMatch(/malformed JSON/);
    const shape = await post(url, "/v1/verify", { nope: 1 });
    expect(shape.status).toBe(400);
    expect(shape.json["error"]).toMatch(/items/);
    expect((await post(url, "/v2/whatever", {})).status).toBe(404);
    const get = await fetch(`${url}/v1/verify`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(get.status).toBe(405);
    // 10 MB body against a 1 MiB cap.
    const big = JSON.stringify({ items: [{ id: 1, label: briefing, response: "x".repeat(10 * 1024 * 1024) }] });
    const tooBig = await post(url, "/v1/verify", big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.json["error"]).toMatch(/exceeds the limit/);
    const after = await post(url, "/v1/verify", { items: [{ id: 1, label: briefing, response: GOOD }] });
    expect(after.json["results"][0].score).toBe(1);
  });

  it("answers 200 concurrent requests correctly", async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => post(url, "/v1/verify", { items: [{ id: i, label: briefing, response: i % 2 === 0 ? GOOD : PARTIAL }] })),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.map((a) => a.json["results"][0].score)).toEqual(Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 1 : 0)));
    expect(answers.map((a) => a.json["results"][0].id)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });
});

describe("hir serve limits", () => {
  it("an item whose judge never answers times out with score 0; the others are scored", async () => {
    const stuck: Judge = { judge: () => new Promise(() => undefined) };
    const { server, url } = await start(new RewardService(contracts, { judge: stuck, itemTimeoutMs: 50 }));
    try {
      const label = { contract: "InterviewFeedback", inputs: { candidate: "A", role: "B", notes: "C" } };
      const { json } = await post(url, "/v1/verify", { items: [{ id: "slow", label, response: "Hire." }, { id: "fast", label: briefing, response: GOOD }] }, {});
      expect(json["results"][0]).toMatchObject({ id: "slow", score: 0 });
      expect(json["results"][0].error).toMatch(/timed out after 50 ms/);
      expect(json["results"][1]).toMatchObject({ id: "fast", score: 1 });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("answers 503 when more requests wait than the queue allows", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow: Judge = { judge: () => gate.then(() => ({ verdict: "yes" as const })) };
    const { server, url } = await start(new RewardService(contracts, { judge: slow }), { maxInFlight: 1, maxQueued: 1 });
    try {
      const label = { contract: "InterviewFeedback", inputs: { candidate: "A", role: "B", notes: "C" } };
      const req = () => post(url, "/v1/verify", { items: [{ label, response: "Hire." }] }, {});
      const first = req();
      const second = req();
      await new Promise((r) => setTimeout(r, 100));
      const third = await req();
      expect(third.status).toBe(503);
      release();
      expect((await first).status).toBe(200);
      expect((await second).status).toBe(200);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
