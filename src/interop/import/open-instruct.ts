/**
 * Reader for open-instruct RLVR rows (`messages`, `ground_truth`, `dataset`).
 * The new `ifeval` verifier format stores in `ground_truth` a Python literal: a
 * list whose first element is a dict (or a JSON string of one) with
 * `instruction_id` and `kwargs` (aligned, `None` meaning no kwargs).
 */
import { parsePythonLiteral } from "./python-literal.js";
import { dropNulls, readJsonlObjects, type ImportRead, type ImportedRow, type ImportProblem } from "./rows.js";

function lastUserMessage(messages: unknown): string | undefined {
  if (!Array.isArray(messages)) return undefined;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as { role?: unknown; content?: unknown } | null;
    if (m && m.role === "user" && typeof m.content === "string") return m.content;
  }
  return undefined;
}

function groundTruthSpec(gt: unknown): { ids: string[]; kwargs: unknown[] } | string {
  let v: unknown = gt;
  if (typeof gt === "string") {
    const parsed = parsePythonLiteral(gt);
    if (!parsed.ok) return `\`ground_truth\` is not a Python or JSON literal (${parsed.message})`;
    v = parsed.value;
  }
  if (Array.isArray(v)) v = v[0];
  if (typeof v === "string") {
    const parsed = parsePythonLiteral(v);
    if (!parsed.ok) return `\`ground_truth\` entry is not a dict (${parsed.message})`;
    v = parsed.value;
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) return "`ground_truth` must hold a dict with `instruction_id` and `kwargs`";
  const d = v as Record<string, unknown>;
  if ("func_name" in d) {
    return "legacy `ifeval_old` ground truth (`func_name`): its checks differ from IFEval's (exact counts, substring forbidden words); convert it to instruction ids first";
  }
  const ids = d["instruction_id"];
  if (!Array.isArray(ids) || !ids.every((x): x is string => typeof x === "string")) return "`instruction_id` must be a list of strings";
  const kwargs = d["kwargs"];
  const list = Array.isArray(kwargs) ? kwargs : ids.map(() => null);
  if (list.length !== ids.length) return `\`kwargs\` has ${list.length} entries for ${ids.length} instruction ids`;
  const bad = list.findIndex((k) => k !== null && k !== undefined && (typeof k !== "object" || Array.isArray(k)));
  if (bad >= 0) return `\`kwargs\` entry ${bad + 1} (for \`${ids[bad]}\`) must be a dict or None`;
  return { ids, kwargs: list };
}

export function readOpenInstructRows(input: string | Uint8Array): ImportRead {
  const { items, problems, warnings } = readJsonlObjects(input);
  const rows: ImportedRow[] = [];
  const more: ImportProblem[] = [];
  for (const { line, value } of items) {
    const key = value["key"] !== undefined ? String(value["key"]) : value["id"] !== undefined ? String(value["id"]) : String(line);
    const prompt = lastUserMessage(value["messages"]) ?? (typeof value["prompt"] === "string" ? value["prompt"] : undefined);
    if (prompt === undefined) {
      more.push({ line, key, message: "no user message in `messages` (and no `prompt`)" });
      continue;
    }
    const spec = groundTruthSpec(value["ground_truth"]);
    if (typeof spec === "string") {
      more.push({ line, key, message: spec });
      continue;
    }
    rows.push({ key, line, prompt, constraints: spec.ids.map((id, i) => ({ instructionId: id, kwargs: dropNulls(spec.kwargs[i]) })) });
  }
  return { rows, problems: [...problems, ...more].sort((a, b) => a.line - b.line), warnings };
}
