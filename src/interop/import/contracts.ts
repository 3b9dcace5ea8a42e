/**
 * Turns imported rows into contract source text, so imported data goes through
 * the same parser, checker and compiler as hand-written specs. Each row becomes
 * one contract whose prompt is the row's prompt and whose constraints call the
 * IFEval compatibility built-ins (reference semantics) with the row's kwargs.
 */
import { getBuiltin } from "../../language/builtins/registry.js";
import { ifbenchBuiltinName, IFBENCH_IDS } from "../../language/builtins/ifbench.js";
import { ifevalBuiltinName, IFEVAL_IDS } from "../../language/builtins/ifeval.js";
import { ifevalgBuiltinName, IFEVALG_IDS } from "../../language/builtins/ifevalg.js";
import type { ParamSpec } from "../../language/builtins/types.js";
import { printSingleString, printStringSource } from "../../language/format/strings.js";
import { didYouMean } from "../../language/suggest.js";
import type { ImportedRow, ImportProblem } from "./rows.js";

/** One converted row: its contract name and the constraint id of each instruction, in order. */
export interface ConvertedRow {
  readonly row: ImportedRow;
  readonly name: string;
  readonly constraintIds: readonly string[];
}

export interface ContractSourceResult {
  readonly source: string;
  /** Contract name per imported row key, for rows that were converted (a repeated key maps to its last row). */
  readonly names: ReadonlyMap<string, string>;
  /** The converted rows in input order (unambiguous even when keys repeat). */
  readonly converted: readonly ConvertedRow[];
  readonly problems: ImportProblem[];
}

function text(value: string): string {
  return printSingleString(value, [{ kind: "text", value }]);
}

function literal(value: unknown, param: ParamSpec): string | undefined {
  switch (param.type) {
    case "int":
      return typeof value === "number" && Number.isSafeInteger(value) ? String(value) : undefined;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? String(value) : undefined;
    case "bool":
      return typeof value === "boolean" ? String(value) : undefined;
    case "text":
      return typeof value === "string" ? text(value) : undefined;
    case "text[]":
      return Array.isArray(value) && value.every((v) => typeof v === "string") ? `[${value.map((v) => text(v)).join(", ")}]` : undefined;
    default:
      return undefined;
  }
}

function preview(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/** A valid, unique contract name for a row key. */
function contractName(prefix: string, key: string, used: Set<string>): string {
  const base = `${prefix}_${key.replace(/[^A-Za-z0-9_]/g, "_")}`;
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
  used.add(name);
  return name;
}

/** Every instruction id an imported row may use: IFEval's 25, IFBench's 58 and IFEvalG's 29. */
export const IMPORTABLE_IDS: readonly string[] = [...IFEVAL_IDS, ...IFBENCH_IDS, ...IFEVALG_IDS];

/** The compatibility built-in that checks an instruction id, or undefined for an unknown id. */
export function builtinNameForInstruction(id: string): string | undefined {
  if (IFEVAL_IDS.includes(id)) return ifevalBuiltinName(id);
  if (IFBENCH_IDS.includes(id)) return ifbenchBuiltinName(id);
  if (IFEVALG_IDS.includes(id)) return ifevalgBuiltinName(id);
  return undefined;
}

export interface ContractSourceOptions {
  readonly prefix: string;
  readonly origin: string;
  /** IFBench code revision for `ifbench_*` checks (default "published": no argument is written). */
  readonly ifbenchRevision?: "published" | "current";
}

export function rowsToContractSource(rows: readonly ImportedRow[], opts: ContractSourceOptions): ContractSourceResult {
  const problems: ImportProblem[] = [];
  const names = new Map<string, string>();
  const converted: ConvertedRow[] = [];
  const used = new Set<string>();
  const blocks: string[] = [];
  rowLoop: for (const row of rows) {
    const lines: string[] = [];
    const ids = new Set<string>();
    const constraintIds: string[] = [];
    for (const [i, c] of row.constraints.entries()) {
      const builtinName = builtinNameForInstruction(c.instructionId);
      const builtin = builtinName === undefined ? undefined : getBuiltin(builtinName);
      if (!builtin) {
        const guess = didYouMean(c.instructionId, IMPORTABLE_IDS);
        problems.push({ line: row.line, key: row.key, message: `unknown instruction id \`${c.instructionId}\`${guess ? ` (did you mean \`${guess}\`?)` : ""}; the row is skipped` });
        continue rowLoop;
      }
      const args: string[] = [];
      for (const [k, v] of Object.entries(c.kwargs)) {
        const param = builtin.params.find((p) => p.name === k);
        if (!param) {
          problems.push({ line: row.line, key: row.key, message: `\`${c.instructionId}\` takes no argument \`${k}\` (it takes: ${builtin.params.map((p) => p.name).join(", ") || "nothing"}); the row is skipped` });
          continue rowLoop;
        }
        const lit = literal(v, param);
        if (lit === undefined) {
          problems.push({ line: row.line, key: row.key, message: `\`${k}\` of \`${c.instructionId}\` must be ${param.type}, got ${preview(v)}; the row is skipped` });
          continue rowLoop;
        }
        // The checker validates constant arguments with the same schema; checking here keeps the output free of errors.
        const valid = param.schema?.safeParse(v);
        if (valid && !valid.success) {
          problems.push({ line: row.line, key: row.key, message: `invalid \`${k}\` of \`${c.instructionId}\`: ${valid.error.issues[0]?.message ?? "rejected"} (got ${preview(v)}); the row is skipped` });
          continue rowLoop;
        }
        args.push(`${k}: ${lit}`);
      }
      if (opts.ifbenchRevision === "current" && builtin.params.some((p) => p.name === "revision")) args.push(`revision: ${text("current")}`);
      const missing = builtin.params.filter((p) => p.default === undefined && !(p.name in c.kwargs));
      if (missing.length > 0) {
        problems.push({ line: row.line, key: row.key, message: `\`${c.instructionId}\` needs ${missing.map((p) => `\`${p.name}\``).join(", ")}; the row is skipped` });
        continue rowLoop;
      }
      let id = `c${i + 1}_${c.instructionId.split(":").pop()?.replace(/[^A-Za-z0-9_]/g, "_") ?? "constraint"}`;
      while (ids.has(id)) id += "_";
      ids.add(id);
      constraintIds.push(id);
      const call = args.length === 0 ? builtin.name : `${builtin.name}(${args.join(", ")})`;
      lines.push(`  task ${id}\n    check ${call}`);
    }
    for (const [j, criterion] of (row.judged ?? []).entries()) {
      let id = `j${j + 1}_judged`;
      while (ids.has(id)) id += "_";
      ids.add(id);
      constraintIds.push(id);
      lines.push(`  task ${id} ${text(criterion)}\n    judge ${text(criterion)}`);
    }
    if (row.replay) lines.push(`  replay { layout ${row.replay.layout} placement ${row.replay.placement} }`);
    const name = contractName(opts.prefix, row.key, used);
    names.set(row.key, name);
    converted.push({ row, name, constraintIds });
    const prompt = printStringSource({ value: row.prompt, parts: [{ kind: "text", value: row.prompt }], triple: row.prompt.includes("\n") }, 2);
    blocks.push([`/// ${opts.prefix} row ${row.key} (line ${row.line} of ${opts.origin}).`, `contract ${name} {`, `  prompt ${prompt}`, ...lines, "}"].join("\n"));
  }
  const uses = (ids: readonly string[]) => converted.some((cv) => cv.row.constraints.some((c) => ids.includes(c.instructionId)));
  const extra = [uses(IFBENCH_IDS) ? "IFBench" : "", uses(IFEVALG_IDS) ? "IFEvalG" : ""].filter(Boolean);
  const library = extra.length
    ? `IFEval, ${extra.join(" and ")} compatibility built-ins (reference semantics); see docs/ifeval.md and docs/ifbench.md`
    : "IFEval compatibility built-ins (reference semantics); see docs/ifeval.md";
  const header = `// Imported from ${opts.origin} by \`hir import\`: ${blocks.length} contracts.\n// The checks use the ${library}.\n`;
  return { source: `${header}\n${blocks.join("\n\n")}\n`, names, converted, problems };
}
