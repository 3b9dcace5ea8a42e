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
}

export interface ImportProblem {
  readonly line: number;
  readonly key?: string;
  readonly message: string;
}

export interface ImportRead {
  readonly rows: ImportedRow[];
  readonly problems: ImportProblem[];
}

/** Splits JSONL into parsed objects, reporting bad lines by number and keeping the rest. */
export function readJsonlObjects(text: string): { items: { line: number; value: Record<string, unknown> }[]; problems: ImportProblem[] } {
  const items: { line: number; value: Record<string, unknown> }[] = [];
  const problems: ImportProblem[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    if (raw.trim() === "") return;
    try {
      const v: unknown = JSON.parse(raw);
      if (typeof v !== "object" || v === null || Array.isArray(v)) problems.push({ line, message: "not a JSON object" });
      else items.push({ line, value: v as Record<string, unknown> });
    } catch (e) {
      problems.push({ line, message: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` });
    }
  });
  return { items, problems };
}

/** Drops null-valued kwargs, as the reference evaluators do before building a checker. */
export function dropNulls(kwargs: unknown): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  if (typeof kwargs !== "object" || kwargs === null || Array.isArray(kwargs)) return out;
  for (const [k, v] of Object.entries(kwargs)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
