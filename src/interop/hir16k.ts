/**
 * HIR-16K rows -> imported rows (contracts) and training tasks.
 *
 * The HIR-16K training set (Zhang et al. 2026) is not reachable here; this reader
 * follows its documented columns, and the fixture in test/interop/fixtures is built
 * from them (docs/ifbench.md, "HIR-16K"):
 *   - `prompt`: the full instruction (task + constraints), a string or chat messages;
 *   - `instruction_id_list`, `kwargs`: the rule-checked constraints (IFEval, IFBench
 *     or IFEvalG ids; nulls in kwargs dropped);
 *   - `extra_info.question`: the task description alone (the contract's prompt);
 *   - `criteria`: rubric criteria an LLM judge checks (a string or a list), imported
 *     as judged constraints;
 *   - `q_type`: the prompt template, which the hindsight rewrite reproduces: the
 *     layout (`inline`, `lines`, `numbered`, `bullets`) and whether the constraints
 *     come `before` or after the task (see QTYPE_TEMPLATES).
 * Rows whose ids no built-in covers are reported by id and counted, never passed.
 */
import { builtinNameForInstruction } from "./import/contracts.js";
import { dropNulls, readJsonlObjects, type ImportedRow, type ImportProblem, type ImportRead } from "./import/rows.js";

type Layout = NonNullable<ImportedRow["replay"]>["layout"];
type Placement = NonNullable<ImportedRow["replay"]>["placement"];

/** q_type -> template. A `constraints_first_` prefix or `_before` suffix puts the constraints before the task. */
export const QTYPE_TEMPLATES: Readonly<Record<string, Layout>> = {
  inline: "inline",
  paragraph: "inline",
  lines: "lines",
  newline: "lines",
  one_per_line: "lines",
  numbered: "numbered",
  numbered_list: "numbered",
  bullets: "bullets",
  bullet_list: "bullets",
};

export function qtypeTemplate(qType: string): { layout: Layout; placement: Placement } | undefined {
  let t = qType.trim().toLowerCase();
  let placement: Placement = "after";
  for (const pre of ["constraints_first_", "before_"]) if (t.startsWith(pre)) [t, placement] = [t.slice(pre.length), "before"];
  for (const suf of ["_before", "_constraints_first"]) if (t.endsWith(suf)) [t, placement] = [t.slice(0, -suf.length), "before"];
  const layout = QTYPE_TEMPLATES[t];
  return layout ? { layout, placement } : undefined;
}

export interface Hir16kRead extends ImportRead {
  /** Ids no built-in covers, with the number of rows naming each. */
  readonly unknownIds: ReadonlyMap<string, number>;
  /** Rows with at least one judged (rubric) constraint. */
  readonly judgedRows: number;
}

function promptText(prompt: unknown): string | undefined {
  if (typeof prompt === "string") return prompt;
  if (Array.isArray(prompt)) {
    for (let i = prompt.length - 1; i >= 0; i--) {
      const m = prompt[i] as { role?: unknown; content?: unknown } | null;
      if (m && m.role === "user" && typeof m.content === "string") return m.content;
    }
  }
  return undefined;
}

function criteriaList(c: unknown): string[] | string {
  if (c === undefined || c === null) return [];
  if (typeof c === "string") return c.trim() === "" ? [] : [c];
  if (Array.isArray(c) && c.every((x) => typeof x === "string")) return c.filter((x) => x.trim() !== "");
  return "`criteria` must be a string or a list of strings";
}

export function readHir16kRows(input: string | Uint8Array): Hir16kRead {
  const { items, problems: jsonProblems, warnings } = readJsonlObjects(input);
  const rows: ImportedRow[] = [];
  const problems: ImportProblem[] = [...jsonProblems];
  const unknownIds = new Map<string, number>();
  let judgedRows = 0;
  for (const { line, value } of items) {
    const extra = (typeof value["extra_info"] === "object" && value["extra_info"] !== null ? value["extra_info"] : {}) as Record<string, unknown>;
    const key = value["key"] !== undefined ? String(value["key"]) : extra["index"] !== undefined ? String(extra["index"]) : String(line);
    const question = typeof extra["question"] === "string" ? extra["question"] : undefined;
    const full = promptText(value["prompt"]);
    if (question === undefined && full === undefined) {
      problems.push({ line, key, message: "no `extra_info.question` and no `prompt`; the row is skipped" });
      continue;
    }
    if (question === undefined) problems.push({ line, key, message: "no `extra_info.question`: the full `prompt` becomes the task, so its constraint sentences are repeated in rewrites" });
    const ids = value["instruction_id_list"] ?? [];
    const kwargs = value["kwargs"] ?? [];
    if (!Array.isArray(ids) || !ids.every((x): x is string => typeof x === "string") || !Array.isArray(kwargs)) {
      problems.push({ line, key, message: "`instruction_id_list` must be a list of strings and `kwargs` a list; the row is skipped" });
      continue;
    }
    const criteria = criteriaList(value["criteria"]);
    if (typeof criteria === "string") {
      problems.push({ line, key, message: `${criteria}; the row is skipped` });
      continue;
    }
    const unknown = ids.filter((id) => builtinNameForInstruction(id) === undefined);
    if (unknown.length > 0) {
      for (const id of new Set(unknown)) unknownIds.set(id, (unknownIds.get(id) ?? 0) + 1);
      problems.push({ line, key, message: `no built-in checks ${unknown.map((id) => `\`${id}\``).join(", ")}; the row is skipped (counted, never passed)` });
      continue;
    }
    if (ids.length === 0 && criteria.length === 0) {
      problems.push({ line, key, message: "no constraints (no instruction ids and no criteria); the row is skipped" });
      continue;
    }
    let replay: ImportedRow["replay"];
    const qType = value["q_type"];
    if (typeof qType === "string") {
      replay = qtypeTemplate(qType);
      if (!replay) problems.push({ line, key, message: `unknown q_type ${JSON.stringify(qType)}; rewrites use the default template (one clause per line, after the task)` });
    }
    if (criteria.length > 0) judgedRows++;
    rows.push({
      key,
      line,
      prompt: question ?? full!,
      constraints: ids.map((id, i) => ({ instructionId: id, kwargs: dropNulls(kwargs[i]) })),
      ...(criteria.length > 0 ? { judged: criteria } : {}),
      ...(replay ? { replay } : {}),
    });
  }
  return { rows, problems: problems.sort((a, b) => a.line - b.line), warnings, unknownIds, judgedRows };
}

/** The training data file (docs/trainer.md) for the converted rows: one task per contract, all in `train`. */
export function hir16kTrainingData(contractFile: string, contracts: ReadonlyArray<{ key: string; name: string }>, origin: string): string {
  const data = {
    description: `HIR-16K rows from ${origin}, imported by \`hir import hir16k\``,
    contracts: [contractFile],
    train: contracts.map((c) => ({ id: `hir16k-${c.key}`, contract: c.name })),
    heldOut: [],
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
