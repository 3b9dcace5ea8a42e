/**
 * A hand-written TaskEnv (no compiler, no runtime): a small contract with a
 * coupled pair, a `requires`, a pinned and a safety constraint, implemented
 * directly in TypeScript. Used to test the HiR core in isolation; it answers
 * in the runtime's vocabulary (`HindsightResult`, `Verdicts`), as every TaskEnv does.
 */
import type { Verdicts } from "../../../src/runtime/verify.js";
import type { ConstraintInfo, ConstraintVerdict, DroppedConstraint, HindsightResult, RefusalReason, Role, TaskEnv } from "../../../src/trainer/env.js";

export interface ToyInputs {
  readonly topic: string;
  readonly bullets: number;
  readonly maxWords: number;
  readonly keyword: string;
  readonly banned: string;
}

interface ToyConstraint {
  readonly id: string;
  readonly role: Role;
  readonly pinned: boolean;
  readonly requires: readonly string[];
  clause(i: ToyInputs): string;
  check(text: string, i: ToyInputs): boolean;
}

const words = (t: string) => (t.match(/[\p{L}\p{N}]+/gu) ?? []).length;
const bullets = (t: string) => t.split("\n").filter((l) => /^\s*[-*+]\s/.test(l)).length;
const paragraphs = (t: string) => t.split(/\n\s*\n/).filter((p) => p.trim() !== "").length;
const hasWord = (t: string, w: string) => new RegExp(`(^|[^\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}\\p{N}])`, "iu").test(t);

export const TOY_CONSTRAINTS: readonly ToyConstraint[] = [
  { id: "bullets", role: "task", pinned: false, requires: [], clause: (i) => `Use exactly ${i.bullets} bullet points.`, check: (t, i) => bullets(t) === i.bullets },
  { id: "short", role: "task", pinned: false, requires: [], clause: (i) => `Keep it under ${i.maxWords} words.`, check: (t, i) => words(t) < i.maxWords },
  { id: "opening", role: "task", pinned: false, requires: [], clause: () => `Start with "Summary:".`, check: (t) => t.trimStart().startsWith("Summary:") },
  { id: "closing", role: "task", pinned: false, requires: [], clause: () => `End with "Recommendation:" and one sentence.`, check: (t) => /Recommendation:[^\n]*\.\s*$/.test(t) },
  { id: "keyword", role: "quality", pinned: false, requires: ["bullets"], clause: (i) => `Mention "${i.keyword}".`, check: (t, i) => hasWord(t, i.keyword) },
  { id: "format", role: "task", pinned: true, requires: [], clause: () => "Write at most 3 paragraphs.", check: (t) => paragraphs(t) <= 3 },
  { id: "safe", role: "safety", pinned: false, requires: [], clause: (i) => `Do not use the word "${i.banned}".`, check: (t, i) => !hasWord(t, i.banned) },
];
export const TOY_COUPLES: readonly (readonly string[])[] = [["opening", "closing"]];
export const TOY_MIN_KEPT = 2;

export interface ToyOptions {
  /** Misbehave: keep one failed constraint in every rewrite (the trainer's audit must catch it). */
  readonly faultyRewrite?: boolean;
}

export class ToyEnv implements TaskEnv {
  readonly contractId = "Toy";
  readonly constraintIds = TOY_CONSTRAINTS.map((c) => c.id);
  readonly constraints: readonly ConstraintInfo[] = TOY_CONSTRAINTS.map((c) => ({
    id: c.id,
    role: c.role,
    removable: c.role !== "safety" && !c.pinned,
    requires: c.requires,
  }));
  readonly couples = TOY_COUPLES;

  constructor(readonly id: string, readonly inputs: ToyInputs, readonly options: ToyOptions = {}) {}

  render(ids: readonly string[] = this.constraintIds): string {
    const clauses = TOY_CONSTRAINTS.filter((c) => ids.includes(c.id)).map((c) => c.clause(this.inputs));
    return `Write a short note about "${this.inputs.topic}".\n\n${clauses.join("\n")}`;
  }

  instruction(): string {
    return this.render();
  }

  private verifyIds(text: string, ids: readonly string[]): ConstraintVerdict[] {
    const own = new Map(TOY_CONSTRAINTS.map((c) => [c.id, c.check(text, this.inputs)]));
    return TOY_CONSTRAINTS.filter((c) => ids.includes(c.id)).map((c) => {
      const ok = (own.get(c.id) ?? false) && c.requires.every((r) => own.get(r) === true);
      return { id: c.id, status: ok ? "pass" : "fail", role: c.role, removable: c.role !== "safety" && !c.pinned };
    });
  }

  verify(text: string): ConstraintVerdict[] {
    return this.verifyIds(text, this.constraintIds);
  }

  /** The runtime's record of a re-verification under `instruction`. */
  private verdicts(instruction: string, vs: readonly ConstraintVerdict[]): Verdicts {
    const counts = { pass: 0, fail: 0, unknown: 0 };
    for (const v of vs) counts[v.status]++;
    return {
      contract: this.contractId,
      contentHash: "toy",
      instruction,
      verdicts: vs.map((v) => ({ id: v.id, status: v.status, kind: "hard" as const, evidence: "" })),
      inputErrors: [],
      passed: counts.pass === vs.length,
      counts,
    };
  }

  hindsight(verdicts: readonly ConstraintVerdict[], text: string): HindsightResult {
    const refused = (reason: RefusalReason, constraints: readonly string[]): HindsightResult => ({ outcome: "refused", reason, constraints, message: `toy: ${reason}` });
    const failed = verdicts.filter((v) => v.status !== "pass").map((v) => v.id);
    if (failed.length === 0) return { outcome: "success" };
    const immutable = failed.filter((id) => !this.constraints.find((c) => c.id === id)?.removable);
    if (immutable.length > 0) return refused("immutable-failed", immutable);
    // Drop-closure: dependents through requires, coupled partners, transitively.
    const cause = new Map<string, DroppedConstraint>(failed.map((id) => [id, { id, cause: "failed" }]));
    const queue = [...failed];
    while (queue.length > 0) {
      const cur = queue.shift() as string;
      for (const c of TOY_CONSTRAINTS) if (c.requires.includes(cur) && !cause.has(c.id)) {
        cause.set(c.id, { id: c.id, cause: "requires", via: cur });
        queue.push(c.id);
      }
      for (const set of TOY_COUPLES) if (set.includes(cur)) for (const m of set) if (!cause.has(m)) {
        cause.set(m, { id: m, cause: "coupled", via: cur });
        queue.push(m);
      }
    }
    const hit = [...cause.keys()].filter((id) => !this.constraints.find((c) => c.id === id)?.removable);
    if (hit.length > 0) return refused("closure-hits-immutable", hit);
    let kept = this.constraintIds.filter((id) => !cause.has(id));
    if (kept.length < TOY_MIN_KEPT) return refused("below-min-kept", kept);
    if (this.options.faultyRewrite) kept = [...kept, failed[0] as string].sort((a, b) => this.constraintIds.indexOf(a) - this.constraintIds.indexOf(b));
    const dropped = this.constraintIds.filter((id) => !kept.includes(id)).map((id): DroppedConstraint => cause.get(id) ?? { id, cause: "failed" });
    const instruction = this.render(kept);
    const reverification = this.options.faultyRewrite
      ? kept.map((id) => ({ id, status: "pass" as const, role: this.constraints.find((c) => c.id === id)?.role ?? "task", removable: true }))
      : this.verifyIds(text, kept);
    return { outcome: "rewrite", kept, dropped, instruction, reverification: this.verdicts(instruction, reverification) };
  }
}

/** A small training set of toy tasks. */
export function toyTasks(n: number, options: ToyOptions = {}): ToyEnv[] {
  const topics = ["the budget", "hiring", "the launch", "office move"];
  const keywords = ["risk", "timeline", "budget"];
  const banned = ["very", "really", "just"];
  const out: ToyEnv[] = [];
  for (let i = 0; i < n; i++) {
    const inputs: ToyInputs = {
      topic: topics[i % topics.length] as string,
      bullets: 1 + (i % 3),
      maxWords: 40 + 10 * (i % 3),
      keyword: keywords[i % keywords.length] as string,
      banned: banned[i % banned.length] as string,
    };
    out.push(new ToyEnv(`toy-${i}`, inputs, options));
  }
  return out;
}
