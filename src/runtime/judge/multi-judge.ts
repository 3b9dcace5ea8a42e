/**
 * Several judges asked the same question. The combined verdict is `yes` only when
 * every judge says yes, `no` only when every judge says no; any unknown makes it
 * unknown, and a yes/no split (a disagreement) is also unknown by default: a
 * judgement the judges do not agree on must never let a response be replayed.
 * Disagreements are counted overall and per constraint, to measure how reliable
 * each rubric is.
 */
import type { Judge, JudgeAnswer, JudgeRequest } from "../judge-interface.js";

export interface MultiJudgeMember {
  /** A short name used in reasons and statistics. */
  name: string;
  judge: Judge;
}

export interface Disagreement {
  constraintId: string;
  verdicts: Record<string, JudgeAnswer["verdict"]>;
}

export interface MultiJudgeOptions {
  /**
   * The verdict on a yes/no split. `unknown` (default) makes the response
   * ineligible for replay; `no` treats the constraint as failed.
   */
  onDisagreement?: "unknown" | "no";
  /** Called on each disagreement, e.g. to write it to a ledger. */
  onDisagreementRecorded?: (d: Disagreement) => void;
  /** How many recent disagreements to keep for stats(). Default 100. */
  keepRecent?: number;
}

export interface MultiJudgeStats {
  requests: number;
  /** All judges gave the same definite verdict. */
  unanimous: number;
  /** Some judges said yes and others no. */
  disagreements: number;
  /** At least one judge answered unknown (counted separately from disagreements). */
  withUnknown: number;
  /** disagreements / (unanimous + disagreements), or 0 before any definite comparison. */
  disagreementRate: number;
  /** Per judge: how often it said yes, no or unknown. */
  perJudge: Record<string, { yes: number; no: number; unknown: number }>;
  /** Per constraint id: requests and disagreements. */
  perConstraint: Record<string, { requests: number; disagreements: number }>;
  recent: Disagreement[];
}

function isMember(m: MultiJudgeMember | Judge): m is MultiJudgeMember {
  return typeof (m as MultiJudgeMember).name === "string" && typeof (m as { judge: unknown }).judge === "object" && (m as { judge: unknown }).judge !== null;
}

export class MultiJudge implements Judge {
  private readonly members: MultiJudgeMember[];
  private readonly options: Required<Pick<MultiJudgeOptions, "onDisagreement" | "keepRecent">> & Pick<MultiJudgeOptions, "onDisagreementRecorded">;
  private requests = 0;
  private unanimous = 0;
  private disagreements = 0;
  private withUnknown = 0;
  private readonly perJudge: MultiJudgeStats["perJudge"] = {};
  private readonly perConstraint: MultiJudgeStats["perConstraint"] = {};
  private readonly recent: Disagreement[] = [];

  constructor(members: Array<MultiJudgeMember | Judge>, options: MultiJudgeOptions = {}) {
    if (members.length === 0) throw new RangeError("MultiJudge needs at least one judge");
    this.members = members.map((m, i): MultiJudgeMember => (isMember(m) ? m : { name: `judge${i + 1}`, judge: m }));
    const names = new Set(this.members.map((m) => m.name));
    if (names.size !== this.members.length) throw new RangeError("MultiJudge member names must be unique");
    for (const m of this.members) this.perJudge[m.name] = { yes: 0, no: 0, unknown: 0 };
    this.options = {
      onDisagreement: options.onDisagreement ?? "unknown",
      keepRecent: options.keepRecent ?? 100,
      onDisagreementRecorded: options.onDisagreementRecorded,
    };
  }

  async judge(req: JudgeRequest): Promise<JudgeAnswer> {
    this.requests++;
    const perConstraint = (this.perConstraint[req.constraintId] ??= { requests: 0, disagreements: 0 });
    perConstraint.requests++;
    const answers = await Promise.all(
      this.members.map(async (m): Promise<JudgeAnswer> => {
        try {
          const a = await m.judge.judge(req);
          return a.verdict === "yes" || a.verdict === "no" ? a : { verdict: "unknown", reason: a.reason ?? "no verdict" };
        } catch (error) {
          return { verdict: "unknown", reason: `judge threw: ${error instanceof Error ? error.message : String(error)}` };
        }
      }),
    );
    const verdicts: Record<string, JudgeAnswer["verdict"]> = {};
    this.members.forEach((m, i) => {
      const v = answers[i]?.verdict ?? "unknown";
      verdicts[m.name] = v;
      const counts = this.perJudge[m.name];
      if (counts) counts[v]++;
    });
    const describe = () => this.members.map((m, i) => `${m.name}: ${answers[i]?.verdict ?? "unknown"}${answers[i]?.reason ? ` (${answers[i]?.reason})` : ""}`).join("; ");

    const unknowns = answers.filter((a) => a.verdict === "unknown").length;
    const yes = answers.filter((a) => a.verdict === "yes").length;
    const no = answers.filter((a) => a.verdict === "no").length;
    if (yes > 0 && no > 0) {
      this.disagreements++;
      perConstraint.disagreements++;
      const d: Disagreement = { constraintId: req.constraintId, verdicts };
      this.recent.push(d);
      if (this.recent.length > this.options.keepRecent) this.recent.shift();
      this.options.onDisagreementRecorded?.(d);
    }
    if (unknowns > 0) {
      this.withUnknown++;
      return { verdict: "unknown", reason: `not all judges gave a verdict: ${describe()}` };
    }
    if (yes > 0 && no > 0) {
      return { verdict: this.options.onDisagreement, reason: `judges disagree (${yes} yes, ${no} no): ${describe()}` };
    }
    this.unanimous++;
    const verdict = yes > 0 ? "yes" : "no";
    return { verdict, reason: `all ${answers.length} judges: ${verdict}; ${describe()}` };
  }

  stats(): MultiJudgeStats {
    const compared = this.unanimous + this.disagreements;
    return {
      requests: this.requests,
      unanimous: this.unanimous,
      disagreements: this.disagreements,
      withUnknown: this.withUnknown,
      disagreementRate: compared === 0 ? 0 : this.disagreements / compared,
      perJudge: structuredClone(this.perJudge),
      perConstraint: structuredClone(this.perConstraint),
      recent: structuredClone(this.recent),
    };
  }
}
