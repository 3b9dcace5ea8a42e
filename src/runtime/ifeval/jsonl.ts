/**
 * Typed readers for IFEval's input, response and result files, on the one JSONL
 * reader (src/fs/jsonl.ts: BOM, invalid UTF-8 and bad lines reported by line number).
 */
import { parseJsonl, type JsonlIssue, type JsonlParseResult } from "../../fs/jsonl.js";
import { isRecord } from "../../common/records.js";
import type { IfevalInput, IfevalResultRecord } from "./types.js";

export { parseJsonl, readJsonlFile, type JsonlIssue, type JsonlParseResult, type JsonlRow } from "../../fs/jsonl.js";

export interface TypedJsonl<T> {
  items: Array<T & { line: number }>;
  errors: JsonlIssue[];
  warnings: JsonlIssue[];
}

/** Typed IFEval inputs (`{key, prompt, instruction_id_list, kwargs}`), with shape errors by line. */
export function parseIfevalInputs(input: string | Uint8Array | JsonlParseResult): TypedJsonl<IfevalInput> {
  const parsed = typeof input === "string" || input instanceof Uint8Array ? parseJsonl(input) : input;
  const out: TypedJsonl<IfevalInput> = { items: [], errors: [...parsed.errors], warnings: [...parsed.warnings] };
  for (const { line, value } of parsed.rows) {
    if (!isRecord(value)) {
      out.errors.push({ line, message: "expected a JSON object" });
      continue;
    }
    const problems: string[] = [];
    const key = value.key;
    if (typeof key !== "number" && typeof key !== "string") problems.push("key must be a number or string");
    if (typeof value.prompt !== "string") problems.push("prompt must be a string");
    const ids = value.instruction_id_list;
    if (!Array.isArray(ids) || !ids.every((x) => typeof x === "string")) problems.push("instruction_id_list must be an array of strings");
    const kwargs = value.kwargs ?? [];
    if (!Array.isArray(kwargs) || !kwargs.every((k) => k === null || isRecord(k))) problems.push("kwargs must be an array of objects");
    if (problems.length) {
      out.errors.push({ line, message: problems.join("; ") });
      continue;
    }
    if (Array.isArray(ids) && Array.isArray(kwargs) && kwargs.length !== ids.length) {
      out.warnings.push({ line, message: `kwargs has ${kwargs.length} entries for ${ids.length} instructions` });
    }
    out.items.push({
      line,
      key: key as number | string,
      prompt: value.prompt as string,
      instruction_id_list: ids as string[],
      kwargs: (kwargs as Array<Record<string, unknown> | null>).map((k) => k ?? {}),
    });
  }
  return out;
}

export interface ResponseTable {
  responses: Map<string, string>;
  errors: JsonlIssue[];
  warnings: JsonlIssue[];
}

/** `{prompt, response}` lines into a prompt -> response map (the last duplicate wins, as in the reference). */
export function parseIfevalResponses(input: string | Uint8Array | JsonlParseResult): ResponseTable {
  const parsed = typeof input === "string" || input instanceof Uint8Array ? parseJsonl(input) : input;
  const out: ResponseTable = { responses: new Map(), errors: [...parsed.errors], warnings: [...parsed.warnings] };
  const seen = new Map<string, number>();
  for (const { line, value } of parsed.rows) {
    if (!isRecord(value) || typeof value.prompt !== "string" || typeof value.response !== "string") {
      out.errors.push({ line, message: "expected {prompt: string, response: string}" });
      continue;
    }
    const earlier = seen.get(value.prompt);
    if (earlier !== undefined) out.warnings.push({ line, message: `duplicate prompt (also on line ${earlier}); this line wins` });
    seen.set(value.prompt, line);
    out.responses.set(value.prompt, value.response);
  }
  return out;
}

/** Result records (`eval_results_*.jsonl`), e.g. to compare with the reference. */
export function parseIfevalResults(input: string | Uint8Array | JsonlParseResult): TypedJsonl<IfevalResultRecord> {
  const parsed = typeof input === "string" || input instanceof Uint8Array ? parseJsonl(input) : input;
  const out: TypedJsonl<IfevalResultRecord> = { items: [], errors: [...parsed.errors], warnings: [...parsed.warnings] };
  for (const { line, value } of parsed.rows) {
    if (
      !isRecord(value) ||
      typeof value.prompt !== "string" ||
      !Array.isArray(value.instruction_id_list) ||
      !Array.isArray(value.follow_instruction_list) ||
      !value.follow_instruction_list.every((b) => typeof b === "boolean")
    ) {
      out.errors.push({ line, message: "expected {prompt, response, instruction_id_list, follow_instruction_list, follow_all_instructions}" });
      continue;
    }
    out.items.push({
      line,
      prompt: value.prompt,
      response: typeof value.response === "string" ? value.response : "",
      instruction_id_list: value.instruction_id_list as string[],
      follow_instruction_list: value.follow_instruction_list,
      follow_all_instructions: value.follow_all_instructions === true,
    });
  }
  return out;
}
