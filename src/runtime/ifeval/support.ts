/**
 * Helpers shared by the checkers: relation comparison, kwargs normalization,
 * outcome construction and evidence formatting.
 */
import { z } from "zod";
import type { CheckFn, CheckOutcome, IfevalChecker, InstructionId } from "./types.js";

export const RELATIONS = ["less than", "at least"] as const;
export type Relation = (typeof RELATIONS)[number];

export const relationSchema = z.enum(RELATIONS);
/** A threshold: a finite, non-negative number (IFEval's are integers). */
export const countSchema = z.number().nonnegative();
export const nonEmptyString = z.string().refine((s) => s.trim().length > 0, { message: "must not be empty or blank" });

export function compare(actual: number, relation: Relation, threshold: number): boolean {
  return relation === "less than" ? actual < threshold : actual >= threshold;
}

export function describeRelation(relation: Relation, threshold: number): string {
  return relation === "less than" ? `fewer than ${threshold}` : `at least ${threshold}`;
}

export function outcome(pass: boolean, measured: CheckOutcome["measured"], evidence: string): CheckOutcome {
  return { pass, measured, evidence };
}

export function failure(evidence: string): CheckOutcome {
  return { pass: false, measured: null, evidence };
}

/** "1 bullet line" / "3 bullet lines". */
export function plural(n: number, one: string, many = one + "s"): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "lines 3, 7, 9 and 4 more". */
export function listNumbers(label: string, nums: number[], max = 12): string {
  if (nums.length === 0) return "";
  const shown = nums.slice(0, max).join(", ");
  const more = nums.length > max ? ` and ${nums.length - max} more` : "";
  return `${nums.length === 1 ? label : label + "s"} ${shown}${more}`;
}

/** Drop null/undefined-valued keys (the Hugging Face copy of IFEval stores every key, null where unused). */
export function normalizeKwargs(kwargs: unknown): Record<string, unknown> | undefined {
  if (kwargs === null || kwargs === undefined) return {};
  if (typeof kwargs !== "object" || Array.isArray(kwargs)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kwargs as Record<string, unknown>)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const where = i.path.length ? i.path.join(".") : "kwargs";
      if (i.code === "unrecognized_keys") return `unknown kwarg(s) ${i.keys.map((k) => JSON.stringify(k)).join(", ")}`;
      return `${where}: ${i.message}`;
    })
    .join("; ");
}

/**
 * Build a registry entry: validates kwargs with the schema, runs the
 * implementation, and converts any unexpected exception into a failed outcome.
 */
export function defineChecker<P, Id extends string = InstructionId>(
  id: Id,
  params: z.ZodType<P>,
  impl: (response: string, params: P, prompt: string) => CheckOutcome,
): IfevalChecker<P, Id> {
  // A row's kwargs object is checked once, not once per check: strict and the loose
  // variants of a row pass the same object. Kept while its (shallow) contents are unchanged.
  const validated = new WeakMap<object, { snapshot: Snapshot; data: P }>();
  const check: CheckFn = (response, kwargs, prompt) => {
    try {
      if (typeof response !== "string") return failure(`${id}: response is not a string`);
      const key = typeof kwargs === "object" && kwargs !== null ? kwargs : undefined;
      const hit = key ? validated.get(key) : undefined;
      let data: P;
      if (hit && sameSnapshot(hit.snapshot, key!)) data = hit.data;
      else {
        const normalized = normalizeKwargs(kwargs);
        if (!normalized) return failure(`${id}: kwargs must be an object, got ${Array.isArray(kwargs) ? "an array" : typeof kwargs}`);
        const parsed = params.safeParse(normalized);
        if (!parsed.success) return failure(`${id}: invalid kwargs: ${formatIssues(parsed.error)}`);
        data = parsed.data;
        if (key && !Array.isArray(key)) validated.set(key, { snapshot: snapshotOf(key), data });
      }
      return impl(response, data, typeof prompt === "string" ? prompt : "");
    } catch (e) {
      return failure(`${id}: checker error: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return { id, params, check };
}

/** A kwargs object's own entries, with array values copied (kwargs are JSON: values are primitives or lists). */
type Snapshot = ReadonlyArray<readonly [string, unknown]>;

function snapshotOf(o: object): Snapshot {
  return Object.entries(o).map(([k, v]: [string, unknown]) => [k, Array.isArray(v) ? [...(v as unknown[])] : v] as const);
}

function sameSnapshot(s: Snapshot, o: object): boolean {
  const keys = Object.keys(o);
  if (keys.length !== s.length) return false;
  for (let i = 0; i < s.length; i++) {
    const [k, v] = s[i]!;
    if (keys[i] !== k) return false;
    const now = (o as Record<string, unknown>)[k];
    if (Array.isArray(v)) {
      if (!Array.isArray(now) || now.length !== v.length || v.some((x, j) => !Object.is(x, now[j]))) return false;
    } else if (!Object.is(v, now) || (typeof v === "object" && v !== null)) return false; // nested objects: validate again
  }
  return true;
}

/** JSON-quote a value for evidence, shortened. */
export function q(s: string, max = 60): string {
  // At most `max` UTF-16 units is at most `max` code points: shown whole, no need to split.
  if (s.length <= max) return JSON.stringify(s);
  const cps = Array.from(s.length > max * 4 ? s.slice(0, max * 4) : s);
  const shown = cps.length > max ? cps.slice(0, max - 1).join("") + "…" : cps.join("");
  return JSON.stringify(shown);
}
