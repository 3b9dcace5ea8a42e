/**
 * Contract inputs at run time: validation of caller values against the IR's input
 * declarations (defaults applied), parsing of command-line text by type, and the
 * text an input contributes to an interpolation.
 */
import type { CompiledContract, InputType, InputValue } from "../compiler/ir.js";

export type ResolvedInputs = Readonly<Record<string, InputValue>>;

export interface InputIssue {
  readonly input: string;
  readonly message: string;
}

export type InputResolution =
  | { readonly ok: true; readonly values: ResolvedInputs }
  | { readonly ok: false; readonly errors: readonly InputIssue[] };

const TYPE_PHRASE: Readonly<Record<InputType, string>> = {
  text: "a text", int: "a whole number", number: "a number", bool: "true or false", "text[]": "a list of texts",
};

function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "number") return Number.isFinite(v) ? `the number ${v}` : String(v);
  if (typeof v === "string") return "a text";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** The value when it fits the type, else undefined. */
export function coerceInput(type: InputType, v: unknown): InputValue | undefined {
  switch (type) {
    case "text": return typeof v === "string" ? v : undefined;
    case "int": return typeof v === "number" && Number.isSafeInteger(v) ? v : undefined;
    case "number": return typeof v === "number" && Number.isFinite(v) ? v : undefined;
    case "bool": return typeof v === "boolean" ? v : undefined;
    case "text[]": return Array.isArray(v) && v.every((x) => typeof x === "string") ? [...v] : undefined;
  }
}

/**
 * Checks caller inputs against the contract: every required input present, every
 * value of the declared type, no unknown names. `undefined` counts as absent.
 */
export function resolveInputs(contract: Pick<CompiledContract, "id" | "inputs">, given: Readonly<Record<string, unknown>>): InputResolution {
  const errors: InputIssue[] = [];
  const values = Object.create(null) as Record<string, InputValue>; // keyed by input names: `__proto__` stays an entry
  const known = new Set(contract.inputs.map((i) => i.name));
  for (const name of Object.keys(given).sort()) {
    if (!known.has(name) && given[name] !== undefined) {
      errors.push({
        input: name,
        message: `\`${contract.id}\` has no input \`${name}\`${known.size ? ` (its inputs: ${[...known].join(", ")})` : " (it takes no inputs)"}`,
      });
    }
  }
  for (const decl of contract.inputs) {
    const raw = Object.prototype.hasOwnProperty.call(given, decl.name) ? given[decl.name] : undefined;
    if (raw === undefined) {
      if (decl.default !== undefined) values[decl.name] = decl.default;
      else errors.push({ input: decl.name, message: `missing required input \`${decl.name}\` (${TYPE_PHRASE[decl.type]})` });
      continue;
    }
    const v = coerceInput(decl.type, raw);
    if (v === undefined) errors.push({ input: decl.name, message: `input \`${decl.name}\` must be ${TYPE_PHRASE[decl.type]}, not ${describeValue(raw)}` });
    else values[decl.name] = v;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

/** Thrown by `render` for invalid inputs (verification reports them instead). */
export class InputError extends Error {
  override readonly name = "InputError";
  constructor(readonly issues: readonly InputIssue[]) {
    super(issues.map((i) => i.message).join("; "));
  }
}

export function resolveInputsOrThrow(contract: Pick<CompiledContract, "id" | "inputs">, given: Readonly<Record<string, unknown>>): ResolvedInputs {
  const r = resolveInputs(contract, given);
  if (!r.ok) throw new InputError(r.errors);
  return r.values;
}

/**
 * Parses command-line text as a value of `type`: int `-?\d+`; number any finite
 * decimal; bool `true`/`false` (also `yes`/`no`, `1`/`0`); text[] a JSON array of
 * strings, or else comma-separated items (trimmed, empty items dropped).
 */
export function parseInputText(type: InputType, raw: string): { ok: true; value: InputValue } | { ok: false; message: string } {
  const t = raw.trim();
  switch (type) {
    case "text":
      return { ok: true, value: raw };
    case "int": {
      if (!/^[+-]?\d+$/.test(t)) return { ok: false, message: `expected a whole number, got ${JSON.stringify(raw)}` };
      const n = Number(t);
      return Number.isSafeInteger(n) ? { ok: true, value: n } : { ok: false, message: `${t} is too large` };
    }
    case "number": {
      const n = t === "" ? NaN : Number(t);
      return Number.isFinite(n) && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)
        ? { ok: true, value: n }
        : { ok: false, message: `expected a number, got ${JSON.stringify(raw)}` };
    }
    case "bool": {
      const l = t.toLowerCase();
      if (l === "true" || l === "yes" || l === "1") return { ok: true, value: true };
      if (l === "false" || l === "no" || l === "0") return { ok: true, value: false };
      return { ok: false, message: `expected true or false, got ${JSON.stringify(raw)}` };
    }
    case "text[]": {
      if (t.startsWith("[")) {
        try {
          const v: unknown = JSON.parse(t);
          if (Array.isArray(v) && v.every((x) => typeof x === "string")) return { ok: true, value: v };
        } catch {
          // fall through to the error below
        }
        return { ok: false, message: `expected a JSON array of strings, got ${JSON.stringify(raw)}` };
      }
      return { ok: true, value: t.split(",").map((x) => x.trim()).filter((x) => x !== "") };
    }
  }
}

/** The text an input value contributes to a template: lists are joined with ", ". */
export function inputText(v: InputValue): string {
  if (Array.isArray(v)) return v.join(", ");
  return String(v);
}
