/**
 * Human-readable and JSON renderings of verdicts and hindsight results, shared by
 * `hir check`, `hir hindsight` and the trainer's logs.
 *
 * JSON shapes (stable; `version` changes when a field changes meaning or goes away):
 *
 *   verdictsJson -> {
 *     version: 1, contract, contentHash, passed: boolean,
 *     counts: { pass, fail, unknown },
 *     inputErrors: [{ input, message }],
 *     instruction: string,
 *     verdicts: [{ id, role, pinned, kind: "hard"|"soft", status: "pass"|"fail"|"unknown",
 *                  evidence, measured?, gatedBy? }]   // contract order
 *   }
 *   hindsightJson -> {
 *     version: 1, contract, contentHash,
 *     verification: <verdictsJson without version/contract/contentHash>,
 *     hindsight:
 *       { outcome: "success" }
 *     | { outcome: "refused", reason, constraints: [id], message }
 *     | { outcome: "rewrite", kept: [id], dropped: [{ id, cause: "failed"|"requires"|"coupled", via? }],
 *         instruction, reverification: <like verification> }
 *   }
 */
import pc from "picocolors";
import type { CompiledConstraint, CompiledContract } from "../compiler/ir.js";
import type { DroppedConstraint } from "./drops.js";
import type { HindsightResult } from "./hindsight.js";
import type { Verdict, Verdicts } from "./verify.js";

export interface FormatOptions {
  readonly color?: boolean;
}

type Colors = ReturnType<typeof pc.createColors>;

const MARK = { pass: "✓", fail: "✗", unknown: "?" } as const;

const indexes = new WeakMap<CompiledContract, ReadonlyMap<string, CompiledConstraint>>();

/** The contract's constraints by id, built once per contract (a find per verdict is quadratic on large contracts). */
function constraintById(contract: CompiledContract, id: string): CompiledConstraint | undefined {
  let index = indexes.get(contract);
  if (!index) {
    const byId = new Map<string, CompiledConstraint>();
    for (const c of contract.constraints) if (!byId.has(c.id)) byId.set(c.id, c);
    indexes.set(contract, (index = byId));
  }
  return index.get(id);
}

function roleLabel(contract: CompiledContract, id: string): string {
  const c = constraintById(contract, id);
  if (!c) return "";
  return `${c.pinned ? "pinned " : ""}${c.role}${c.kind === "soft" ? " (judge)" : ""}`;
}

function markOf(v: Verdict, k: Colors): string {
  const m = MARK[v.status];
  return v.status === "pass" ? k.green(m) : v.status === "fail" ? k.red(m) : k.yellow(m);
}

function summary(counts: Verdicts["counts"], total: number): string {
  return `${counts.pass} passed, ${counts.fail} failed, ${counts.unknown} unknown (of ${total})`;
}

/** One aligned line per verdict: mark, id, role, evidence. */
export function formatVerdictLines(contract: CompiledContract, verdicts: Verdicts, opts: FormatOptions = {}, indent = "  "): string {
  const k = pc.createColors(opts.color ?? false);
  const roles = verdicts.verdicts.map((v) => roleLabel(contract, v.id));
  let idWidth = 0;
  let roleWidth = 0;
  // A loop, not Math.max(...): a spread of 100,000 widths would overflow the call stack.
  for (let i = 0; i < roles.length; i++) {
    idWidth = Math.max(idWidth, (verdicts.verdicts[i] as Verdict).id.length);
    roleWidth = Math.max(roleWidth, (roles[i] as string).length);
  }
  return verdicts.verdicts
    .map((v, i) => `${indent}${markOf(v, k)} ${k.bold(v.id.padEnd(idWidth))}  ${k.dim((roles[i] as string).padEnd(roleWidth))}  ${v.evidence}`)
    .join("\n");
}

export function formatVerdicts(contract: CompiledContract, verdicts: Verdicts, opts: FormatOptions = {}): string {
  const k = pc.createColors(opts.color ?? false);
  const lines: string[] = [];
  const head = `${k.bold(contract.id)}: ${summary(verdicts.counts, verdicts.verdicts.length)}`;
  lines.push(verdicts.passed ? `${head} ${k.green("— all constraints pass")}` : head);
  if (verdicts.inputErrors.length > 0) {
    lines.push(k.red("invalid inputs:"));
    for (const e of verdicts.inputErrors) lines.push(`  - ${e.message}`);
  }
  lines.push("", formatVerdictLines(contract, verdicts, opts));
  return `${lines.join("\n")}\n`;
}

function indentBlock(text: string, prefix: string): string {
  return text.split("\n").map((l) => (l === "" ? prefix.trimEnd() : prefix + l)).join("\n");
}

export function formatHindsight(contract: CompiledContract, result: HindsightResult, opts: FormatOptions = {}): string {
  const k = pc.createColors(opts.color ?? false);
  const lines: string[] = [];
  switch (result.outcome) {
    case "success":
      lines.push(`${k.bold("hindsight:")} ${k.green("success")} — every constraint passed; the response needs no rewrite`);
      break;
    case "refused":
      lines.push(`${k.bold("hindsight:")} ${k.red("refused")} (${result.reason})`);
      if (result.constraints.length > 0) lines.push(`  constraints: ${result.constraints.join(", ")}`);
      lines.push(`  ${result.message}`);
      break;
    case "rewrite": {
      lines.push(`${k.bold("hindsight:")} ${k.green("rewrite")} — kept ${result.kept.length} of ${contract.constraints.length} constraints`);
      lines.push(`  kept:    ${result.kept.join(", ")}`);
      const w = Math.max(0, ...result.dropped.map((d) => d.id.length));
      lines.push("  dropped:");
      for (const d of result.dropped) {
        const why = d.cause === "failed" ? "failed" : d.cause === "requires" ? `requires \`${d.via}\`, which is dropped` : `coupled with \`${d.via}\``;
        lines.push(`    ${d.id.padEnd(w)}  ${why}`);
      }
      lines.push("  instruction:", indentBlock(result.instruction, "    │ "));
      lines.push(`  re-verification: ${summary(result.reverification.counts, result.reverification.verdicts.length)}`);
      lines.push(formatVerdictLines(contract, result.reverification, opts, "    "));
      break;
    }
  }
  return `${lines.join("\n")}\n`;
}

function verdictJson(contract: CompiledContract, v: Verdict): Record<string, unknown> {
  const c = constraintById(contract, v.id);
  // Optional members added in place rather than spread from partial objects (one per verdict).
  const out: Record<string, unknown> = {
    id: v.id,
    role: c?.role ?? null,
    pinned: c?.pinned ?? false,
    kind: v.kind,
    status: v.status,
    evidence: v.evidence,
  };
  if (v.measured !== undefined) out["measured"] = v.measured;
  if (v.gatedBy) out["gatedBy"] = [...v.gatedBy];
  return out;
}

function verificationJson(contract: CompiledContract, verdicts: Verdicts): Record<string, unknown> {
  return {
    passed: verdicts.passed,
    counts: { ...verdicts.counts },
    inputErrors: verdicts.inputErrors.map((e) => ({ input: e.input, message: e.message })),
    instruction: verdicts.instruction,
    verdicts: verdicts.verdicts.map((v) => verdictJson(contract, v)),
  };
}

export function verdictsJson(contract: CompiledContract, verdicts: Verdicts): Record<string, unknown> {
  return { version: 1, contract: contract.id, contentHash: contract.contentHash, ...verificationJson(contract, verdicts) };
}

/** A dropped constraint as JSON: its id and cause, and `via` when another constraint pulled it in. */
export function droppedJson(d: DroppedConstraint): DroppedConstraint {
  return { id: d.id, cause: d.cause, ...(d.via !== undefined ? { via: d.via } : {}) };
}

export function hindsightJson(contract: CompiledContract, verdicts: Verdicts, result: HindsightResult): Record<string, unknown> {
  let h: Record<string, unknown>;
  switch (result.outcome) {
    case "success":
      h = { outcome: "success" };
      break;
    case "refused":
      h = { outcome: "refused", reason: result.reason, constraints: [...result.constraints], message: result.message };
      break;
    case "rewrite":
      h = {
        outcome: "rewrite",
        kept: [...result.kept],
        dropped: result.dropped.map(droppedJson),
        instruction: result.instruction,
        reverification: verificationJson(contract, result.reverification),
      };
      break;
  }
  return { version: 1, contract: contract.id, contentHash: contract.contentHash, verification: verificationJson(contract, verdicts), hindsight: h };
}
