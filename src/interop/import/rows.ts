import { parseJsonl } from "../../fs/jsonl.js";
/**
 * Imported training or evaluation rows, normalised: a prompt and the constraints
 * named by instruction id with their kwargs. Readers for each dataset format turn
 * their rows into this shape; `contracts.ts` turns it into contract source text.
 */
export interface ImportedConstraint {
  readonly instructionId: string;
  readonly kwargs: Readonly<Record<string, unknown>>;
}

export interface ImportedRow {
  /** The row's key (IFEval `key`, or the row's index when the data has none). */
  readonly key: string;
  /** 1-based line of the row in its JSONL file. */
  readonly line: number;
  readonly prompt: string;
  readonly constraints: readonly ImportedConstraint[];
  /** Constraints an LLM judge checks (a rubric criterion each), after the rule-checked ones. */
  readonly judged?: readonly string[];
  /** How a rewritten instruction lays out its clauses (the row's prompt template). */
  readonly replay?: { readonly layout: "inline" | "lines" | "numbered" | "bullets"; readonly placement: "before" | "after" };
}

export interface ImportProblem {
  readonly line: number;
  readonly key?: string;
  readonly message: string;
}

export interface ImportRead {
  readonly rows: ImportedRow[];
  /** Rows that were skipped, and why. */
  readonly problems: ImportProblem[];
  /** Rows that were kept with a caveat (invalid UTF-8 replaced by U+FFFD). */
  readonly warnings: ImportProblem[];
}

/**
 * Splits JSONL (text, or bytes so invalid UTF-8 is reported by line) into parsed
 * objects, reporting bad lines by number and keeping the rest. The one JSONL reader
 * is `parseJsonl` (src/fs/jsonl.ts); this adds the "one object per line" rule.
 */
export function readJsonlObjects(input: string | Uint8Array): { items: { line: number; value: Record<string, unknown> }[]; problems: ImportProblem[]; warnings: ImportProblem[] } {
  const parsed = parseJsonl(input);
  const items: { line: number; value: Record<string, unknown> }[] = [];
  const problems: ImportProblem[] = parsed.errors.map((e) => ({ line: e.line, message: e.message.replace(/^malformed JSON/, "invalid JSON") }));
  for (const { line, value } of parsed.rows) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) problems.push({ line, message: "not a JSON object" });
    else items.push({ line, value: value as Record<string, unknown> });
  }
  problems.sort((a, b) => a.line - b.line);
  return { items, problems, warnings: parsed.warnings.map((w) => ({ line: w.line, message: w.message })) };
}

export function dropNulls(kwargs: unknown): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  if (typeof kwargs !== "object" || kwargs === null || Array.isArray(kwargs)) return out;
  for (const [k, v] of Object.entries(kwargs)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
