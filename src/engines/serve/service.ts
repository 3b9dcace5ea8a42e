/**
 * The reward service behind `hir serve`: verify, hindsight, select and the
 * OpenRLHF shape, as plain async functions over parsed JSON (the HTTP layer is
 * server.ts). Every item is answered on its own: a bad item (not an object, no
 * response, an unknown or uncompilable label, a timeout) gets score 0 and an
 * `error`, the rest of the batch is unaffected. Fail closed: an item scores 1 only
 * when it has at least one constraint and every verdict is `pass` (`unknown`, e.g.
 * a soft constraint with no judge, never passes).
 */
import type { CompiledContract } from "../../compiler/ir.js";
import { droppedJson } from "../../runtime/format.js";
import type { Judge } from "../../runtime/judge-interface.js";
import { hindsight, type HindsightResult } from "../../runtime/hindsight.js";
import { pyStrip } from "../../runtime/text/python-chars.js";
import { verify, type Verdict, type VerdictStatus } from "../../runtime/verify.js";
import { SelectionSchema } from "../../trainer/config.js";
import { lambdaAt, scoreParts, selectTop, type ScoreParts } from "../../trainer/selection.js";
import { LabelResolver, type ResolvedLabel } from "./labels.js";
import { isRecord } from "../../common/records.js";

export interface ServiceOptions {
  readonly judge?: Judge;
  /** Per-item time limit in milliseconds (default 30000); an item over it scores 0 with an error. */
  readonly itemTimeoutMs?: number;
  /** Items of one request verified at once (default 8; matters when a judge is called). */
  readonly itemConcurrency?: number;
  readonly labelCacheSize?: number;
}

export interface ItemVerdict {
  readonly id: string;
  readonly role: string;
  readonly status: VerdictStatus;
}

export interface VerifyResult {
  readonly id: unknown;
  readonly score: 0 | 1;
  readonly fraction: number;
  readonly passed: number;
  readonly total: number;
  readonly unknown: number;
  readonly verdicts: readonly ItemVerdict[];
  readonly error?: string;
}

export interface HindsightItemResult {
  readonly id: unknown;
  /** The runtime's outcome (a malformed item is `refused` with reason `invalid-item`). */
  readonly outcome: HindsightResult["outcome"];
  readonly reason?: string;
  readonly message?: string;
  readonly kept: readonly string[];
  readonly dropped: ReadonlyArray<{ id: string; cause: string; via?: string }>;
  readonly instruction?: string;
  readonly label?: unknown;
  /** The item's own verification (what /v1/verify returns for it). */
  readonly verification: VerifyResult;
  readonly error?: string;
}

/** A request-level problem: the HTTP layer answers 400 with this message. */
export class RequestError extends Error {}

interface Item {
  readonly id: unknown;
  readonly label: unknown;
  readonly response: string;
  readonly prompt: string;
}

type Parsed = { ok: true; item: Item } | { ok: false; id: unknown; error: string };

function parseItem(raw: unknown, index: number): Parsed {
  if (!isRecord(raw)) return { ok: false, id: index, error: "an item must be an object with `label` and `response`" };
  const id = raw["id"] ?? index;
  if (typeof raw["response"] !== "string") return { ok: false, id, error: "`response` must be a string" };
  if (raw["label"] === undefined || raw["label"] === null) return { ok: false, id, error: "`label` is missing" };
  const prompt = typeof raw["prompt"] === "string" ? raw["prompt"] : "";
  return { ok: true, item: { id, label: raw["label"], response: raw["response"], prompt } };
}

function itemsOf(body: unknown): unknown[] {
  if (!isRecord(body) || !Array.isArray(body["items"])) throw new RequestError('expected {"items": [{"id", "label", "response"}, ...]}');
  return body["items"];
}

function failed(id: unknown, error: string): VerifyResult {
  return { id, score: 0, fraction: 0, passed: 0, total: 0, unknown: 0, verdicts: [], error };
}

function summarise(id: unknown, contract: CompiledContract, verdicts: readonly Verdict[]): VerifyResult {
  const roles = new Map(contract.constraints.map((c) => [c.id, c.role]));
  let passed = 0;
  let unknown = 0;
  for (const v of verdicts) {
    if (v.status === "pass") passed++;
    else if (v.status === "unknown") unknown++;
  }
  const total = verdicts.length;
  return {
    id,
    score: total > 0 && passed === total ? 1 : 0,
    fraction: total === 0 ? 0 : passed / total,
    passed,
    total,
    unknown,
    verdicts: verdicts.map((v) => ({ id: v.id, role: roles.get(v.id) ?? "task", status: v.status })),
  };
}

class ItemTimeout extends Error {}

function withTimeout<T>(work: () => Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ItemTimeout(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work(), limit]).finally(() => clearTimeout(timer));
}

/** Runs `fn` over `xs` with at most `n` at once, yielding to the event loop between items so other requests progress. */
async function pool<T, R>(xs: readonly T[], n: number, fn: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(xs.length);
  let next = 0;
  const worker = async () => {
    while (next < xs.length) {
      const i = next++;
      await new Promise<void>((r) => setImmediate(r));
      out[i] = await fn(xs[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, xs.length) }, worker));
  return out;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class RewardService {
  readonly resolver: LabelResolver;
  private readonly timeoutMs: number;
  private readonly concurrency: number;

  constructor(
    readonly contracts: ReadonlyMap<string, CompiledContract>,
    private readonly opts: ServiceOptions = {},
  ) {
    this.resolver = new LabelResolver(contracts, opts.labelCacheSize !== undefined ? { cacheSize: opts.labelCacheSize } : {});
    this.timeoutMs = opts.itemTimeoutMs ?? 30_000;
    this.concurrency = Math.max(1, opts.itemConcurrency ?? 8);
  }

  async verify(body: unknown): Promise<{ results: VerifyResult[] }> {
    const items = itemsOf(body);
    return { results: await pool(items, this.concurrency, (raw, i) => this.verifyOne(parseItem(raw, i))) };
  }

  async hindsight(body: unknown): Promise<{ results: HindsightItemResult[] }> {
    const items = itemsOf(body);
    return { results: await pool(items, this.concurrency, (raw, i) => this.hindsightOne(parseItem(raw, i))) };
  }

  /**
   * OpenRLHF's remote reward protocol: `query` holds prompt + response (the prompt
   * prefix is removed when present), `labels` the dataset's label column.
   */
  async openrlhf(body: unknown): Promise<{ rewards: number[]; scores: number[]; extra_logs: Record<string, number[]> }> {
    if (!isRecord(body) || !Array.isArray(body["query"])) throw new RequestError('expected {"query": [...], "prompts": [...], "labels": [...]}');
    const queries: readonly unknown[] = body["query"];
    const prompts: readonly unknown[] = Array.isArray(body["prompts"]) ? body["prompts"] : [];
    const labels: readonly unknown[] = Array.isArray(body["labels"]) ? body["labels"] : [];
    const items = queries.map((q, i) => {
      const given = prompts[i];
      const prompt = typeof given === "string" ? given : "";
      const response = typeof q === "string" && prompt !== "" && q.startsWith(prompt) ? q.slice(prompt.length) : q;
      return { id: i, label: labels[i], response, prompt };
    });
    const results = (await this.verify({ items })).results;
    return {
      rewards: results.map((r) => r.score),
      scores: results.map((r) => r.score),
      extra_logs: {
        hir_fraction: results.map((r) => r.fraction),
        hir_passed: results.map((r) => r.passed),
        hir_total: results.map((r) => r.total),
        hir_unknown: results.map((r) => r.unknown),
        hir_error: results.map((r) => (r.error === undefined ? 0 : 1)),
      },
    };
  }

  /**
   * The trainer's curriculum selection (src/trainer/selection.ts) over candidates
   * the caller scored: `{step, k, candidates: [{key, group, fraction, entropy,
   * quality?}], groups?, selection?}`. Only 0 < fraction < 1 is eligible.
   */
  select(body: unknown): { lambda: number; selected: Array<{ key: unknown; group: unknown; score: number; parts: ScoreParts }>; ineligible: unknown[] } {
    if (!isRecord(body)) throw new RequestError('expected {"step", "k", "candidates": [...]}');
    const step = body["step"];
    const k = body["k"];
    if (typeof step !== "number" || !Number.isInteger(step) || step < 1) throw new RequestError("`step` must be an integer >= 1");
    if (typeof k !== "number" || !Number.isInteger(k) || k < 0) throw new RequestError("`k` must be an integer >= 0");
    if (!Array.isArray(body["candidates"])) throw new RequestError("`candidates` must be a list");
    const parsed = SelectionSchema.safeParse(body["selection"] ?? {});
    if (!parsed.success) throw new RequestError(`invalid \`selection\`: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    const cfg = parsed.data;
    const lambda = lambdaAt(step, cfg);
    const groupIndex = new Map<string, number>();
    const ineligible: unknown[] = [];
    const scored: Array<{ group: number; index: number; score: number; key: unknown; groupRaw: unknown; parts: ScoreParts }> = [];
    body["candidates"].forEach((c: unknown, index: number) => {
      if (!isRecord(c)) throw new RequestError(`candidate ${index} must be an object`);
      const { fraction, entropy, quality } = c;
      if (typeof fraction !== "number" || typeof entropy !== "number" || !Number.isFinite(entropy)) {
        throw new RequestError(`candidate ${index}: \`fraction\` and \`entropy\` must be numbers`);
      }
      if (quality !== undefined && quality !== null && typeof quality !== "number") throw new RequestError(`candidate ${index}: \`quality\` must be a number`);
      const gKey = JSON.stringify(c["group"] ?? null);
      if (!groupIndex.has(gKey)) groupIndex.set(gKey, groupIndex.size);
      if (!(fraction > 0 && fraction < 1)) {
        ineligible.push(c["key"] ?? index);
        return;
      }
      const parts = scoreParts({ cla: fraction, meanEntropy: entropy, qualityFraction: typeof quality === "number" ? quality : undefined }, lambda, cfg.qualityWeight);
      scored.push({ group: groupIndex.get(gKey) as number, index, score: parts.score, key: c["key"] ?? index, groupRaw: c["group"] ?? null, parts });
    });
    const groups = typeof body["groups"] === "number" && Number.isInteger(body["groups"]) && body["groups"] > 0 ? body["groups"] : groupIndex.size;
    const chosen = selectTop(scored, cfg.scope, k, groups);
    return { lambda, selected: chosen.map((c) => ({ key: c.key, group: c.groupRaw, score: c.score, parts: c.parts })), ineligible };
  }

  private async checked(item: Item, label: ResolvedLabel) {
    if (label.ifeval && pyStrip(item.response) === "") {
      // IFEval's strict rule: a blank response follows no instruction.
      return label.constraints.map((c): Verdict => ({ id: c.id, status: "fail", kind: c.kind, evidence: "response is empty after stripping whitespace" }));
    }
    const v = await verify(label.contract, item.response, label.values, {
      constraints: label.constraints, instruction: label.instruction, ...(this.opts.judge ? { judge: this.opts.judge } : {}),
    });
    return v.verdicts;
  }

  private async verifyOne(p: Parsed): Promise<VerifyResult> {
    if (!p.ok) return failed(p.id, p.error);
    const { item } = p;
    const resolved = this.resolver.resolve(item.label, item.prompt);
    if (!resolved.ok) return failed(item.id, resolved.error);
    try {
      const verdicts = await withTimeout(() => this.checked(item, resolved.label), this.timeoutMs);
      return summarise(item.id, resolved.label.contract, verdicts);
    } catch (e) {
      return failed(item.id, message(e));
    }
  }

  private async hindsightOne(p: Parsed): Promise<HindsightItemResult> {
    const refusedWith = (id: unknown, error: string, verification = failed(id, error)): HindsightItemResult => ({
      id, outcome: "refused", reason: "invalid-item", kept: [], dropped: [], verification, error,
    });
    if (!p.ok) return refusedWith(p.id, p.error);
    const { item } = p;
    const resolved = this.resolver.resolve(item.label, item.prompt);
    if (!resolved.ok) return refusedWith(item.id, resolved.error);
    const label = resolved.label;
    if (label.constraints.length !== label.contract.constraints.length) {
      return refusedWith(item.id, "this label keeps a subset of its contract (a replay's label); hindsight needs the full label");
    }
    try {
      return await withTimeout(async () => {
        const verdicts = await this.checked(item, label);
        const verification = summarise(item.id, label.contract, verdicts);
        const counts = { pass: verification.passed, fail: verification.total - verification.passed - verification.unknown, unknown: verification.unknown };
        const result: HindsightResult = await hindsight(
          label.contract,
          { contract: label.contract.id, contentHash: label.contract.contentHash, instruction: label.instruction, verdicts, inputErrors: [], passed: verification.score === 1, counts },
          item.response,
          label.values,
          this.opts.judge ? { judge: this.opts.judge } : {},
        );
        switch (result.outcome) {
          case "success":
            return { id: item.id, outcome: "success", kept: label.constraints.map((c) => c.id), dropped: [], verification };
          case "refused":
            return { id: item.id, outcome: "refused", reason: result.reason, message: result.message, kept: [], dropped: [], verification };
          case "rewrite":
            return {
              id: item.id,
              outcome: "rewrite",
              kept: [...result.kept],
              dropped: result.dropped.map(droppedJson),
              instruction: result.instruction,
              label: label.relabel(result.kept),
              verification,
            };
        }
      }, this.timeoutMs);
    } catch (e) {
      return refusedWith(item.id, message(e));
    }
  }
}
