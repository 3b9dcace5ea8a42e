/**
 * The benchmark summary (bench/trainer.ts writes it as
 * bench/results/trainer-summary.json; `hir report` uses the same metrics):
 * per policy and arm, the held-out ILA area under the curve (primary metric),
 * the final held-out ILA and the steps to a train-ILA threshold, each arm at
 * its own best KL weight (by mean AUC) and at a shared one, and comparisons of
 * hir against every other arm with the difference, Cohen's d and Welch's p.
 */
import { compare, mean, sd, type Comparison } from "../stats.js";

/** One evaluated point of a run: step and held-out ILA. */
export interface EvalPoint {
  readonly step: number;
  readonly ila: number;
}

/**
 * Normalised area under the held-out ILA curve: the trapezoid integral over
 * [first, last] evaluated step divided by its length, i.e. the curve's mean
 * height (0 for fewer than two points: one point gives its value).
 */
export function heldOutAuc(points: readonly EvalPoint[]): number {
  const ps = [...points].sort((a, b) => a.step - b.step);
  if (ps.length === 0) return NaN;
  if (ps.length === 1) return (ps[0] as EvalPoint).ila;
  let area = 0;
  for (let i = 1; i < ps.length; i++) {
    const a = ps[i - 1] as EvalPoint;
    const b = ps[i] as EvalPoint;
    area += ((a.ila + b.ila) / 2) * (b.step - a.step);
  }
  return area / ((ps[ps.length - 1] as EvalPoint).step - (ps[0] as EvalPoint).step);
}

/** First step at which the trailing `window`-step mean of train ILA reaches `threshold`. */
export function stepsToThreshold(trainIla: readonly number[], threshold: number, window = 5): number | null {
  for (let i = window - 1; i < trainIla.length; i++) {
    if (mean(trainIla.slice(i - window + 1, i + 1)) >= threshold) return i + 1;
  }
  return null;
}

/** What the summary needs from one run. */
export interface RunResult {
  readonly policy: string;
  readonly arm: string;
  readonly beta: number;
  readonly seed: number;
  readonly auc: number;
  readonly final: number;
  readonly stepsToThreshold: number | null;
}

export interface ArmCell {
  readonly beta: number;
  readonly seeds: number;
  readonly auc_mean: number;
  readonly auc_sd: number;
  readonly final_mean: number;
  readonly final_sd: number;
  /** Mean over the seeds that reached the threshold; null when none did. */
  readonly steps_to_threshold_mean: number | null;
}

export interface PolicySummary {
  readonly arms: Record<string, ArmCell>;
  readonly comparisons: Comparison[];
  readonly eval: { readonly tasks: number; readonly samples_per_task: number };
}

export interface Summary {
  readonly policies: Record<string, PolicySummary>;
}

export function cell(rs: readonly RunResult[], beta: number): ArmCell {
  const reached = rs.map((r) => r.stepsToThreshold).filter((x): x is number => x !== null);
  return {
    beta,
    seeds: rs.length,
    auc_mean: mean(rs.map((r) => r.auc)),
    auc_sd: sd(rs.map((r) => r.auc)),
    final_mean: mean(rs.map((r) => r.final)),
    final_sd: sd(rs.map((r) => r.final)),
    steps_to_threshold_mean: reached.length > 0 ? mean(reached) : null,
  };
}

export interface SummaryOptions {
  /** Arms in report order; `reference` (default hir) is compared against every other one. */
  readonly arms: readonly string[];
  readonly betas: readonly number[];
  readonly sharedBeta: number;
  readonly reference?: string;
  readonly eval: { readonly tasks: number; readonly samplesPerTask: number };
}

/** Each arm at its best beta (highest mean AUC; ties to the smaller beta) and at the shared beta. */
export function summarize(results: readonly RunResult[], o: SummaryOptions): { summary: Summary; shared: Record<string, Record<string, ArmCell>>; byBeta: Record<string, Record<string, Record<string, ArmCell>>> } {
  const reference = o.reference ?? "hir";
  const policies: Record<string, PolicySummary> = {};
  const shared: Record<string, Record<string, ArmCell>> = {};
  const byBeta: Record<string, Record<string, Record<string, ArmCell>>> = {};
  for (const policy of [...new Set(results.map((r) => r.policy))]) {
    const of = (arm: string, beta: number) => results.filter((r) => r.policy === policy && r.arm === arm && r.beta === beta).sort((a, b) => a.seed - b.seed);
    const arms: Record<string, ArmCell> = {};
    const best: Record<string, number> = {};
    shared[policy] = {};
    byBeta[policy] = {};
    for (const arm of o.arms) {
      const cells = o.betas.filter((b) => of(arm, b).length > 0).map((b) => cell(of(arm, b), b));
      if (cells.length === 0) continue;
      byBeta[policy][arm] = Object.fromEntries(cells.map((c) => [String(c.beta), c]));
      const top = cells.reduce((a, c) => (c.auc_mean > a.auc_mean ? c : a));
      arms[arm] = top;
      best[arm] = top.beta;
      if (of(arm, o.sharedBeta).length > 0) shared[policy][arm] = cell(of(arm, o.sharedBeta), o.sharedBeta);
    }
    const comparisons: Comparison[] = [];
    if (arms[reference]) {
      for (const arm of o.arms) {
        if (arm === reference || !arms[arm]) continue;
        const ra = of(reference, best[reference] as number);
        const rb = of(arm, best[arm] as number);
        comparisons.push(compare(reference, arm, "auc", ra.map((r) => r.auc), rb.map((r) => r.auc)));
        comparisons.push(compare(reference, arm, "final", ra.map((r) => r.final), rb.map((r) => r.final)));
        const sa = of(reference, o.sharedBeta);
        const sb = of(arm, o.sharedBeta);
        if (sa.length > 0 && sb.length > 0) comparisons.push(compare(reference, arm, `auc@beta=${o.sharedBeta}`, sa.map((r) => r.auc), sb.map((r) => r.auc)));
      }
    }
    policies[policy] = { arms, comparisons, eval: { tasks: o.eval.tasks, samples_per_task: o.eval.samplesPerTask } };
  }
  return { summary: { policies }, shared, byBeta };
}

const f3 = (x: number | null) => (x === null || !Number.isFinite(x) ? "-" : x.toFixed(3));
const fp = (p: number) => (!Number.isFinite(p) ? "-" : p < 0.001 ? "<0.001" : p.toFixed(3));

/** The markdown tables of a summary. */
export function summaryMarkdown(s: Summary, shared: Record<string, Record<string, ArmCell>>, sharedBeta: number): string {
  const out: string[] = [];
  for (const [policy, p] of Object.entries(s.policies)) {
    out.push(`## Policy \`${policy}\` (held-out: ${p.eval.tasks} tasks x ${p.eval.samples_per_task} samples)`, "");
    out.push("Each arm at its own best beta (highest mean held-out ILA AUC):", "");
    out.push("| arm | beta | seeds | held-out ILA AUC (mean ± sd) | final held-out ILA (mean ± sd) | steps to threshold |", "| --- | --- | --- | --- | --- | --- |");
    for (const [arm, c] of Object.entries(p.arms)) out.push(`| ${arm} | ${c.beta} | ${c.seeds} | ${f3(c.auc_mean)} ± ${f3(c.auc_sd)} | ${f3(c.final_mean)} ± ${f3(c.final_sd)} | ${c.steps_to_threshold_mean === null ? "never" : c.steps_to_threshold_mean.toFixed(1)} |`);
    const sh = shared[policy] ?? {};
    if (Object.keys(sh).length > 0) {
      out.push("", `At the shared beta ${sharedBeta}:`, "", "| arm | seeds | AUC (mean ± sd) | final (mean ± sd) |", "| --- | --- | --- | --- |");
      for (const [arm, c] of Object.entries(sh)) out.push(`| ${arm} | ${c.seeds} | ${f3(c.auc_mean)} ± ${f3(c.auc_sd)} | ${f3(c.final_mean)} ± ${f3(c.final_sd)} |`);
    }
    out.push("", "| a | b | metric | diff (a - b) | 95% CI | Cohen's d | Welch p | verdict |", "| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const c of p.comparisons) {
      out.push(`| ${c.a} | ${c.b} | ${c.metric} | ${f3(c.diff)} | [${f3(c.ci_low)}, ${f3(c.ci_high)}] | ${Number.isFinite(c.cohen_d) ? c.cohen_d.toFixed(2) : "-"} | ${fp(c.welch_p)} | ${c.within_noise ? "within noise" : c.diff > 0 ? `${c.a} better` : `${c.b} better`} |`);
    }
    out.push("");
  }
  return out.join("\n");
}
