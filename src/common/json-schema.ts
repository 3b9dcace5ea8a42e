/**
 * JSON Schema support for `matches_schema`: the checker validates a literal schema
 * (so a broken schema is a diagnostic, not a failing verdict at run time) and the
 * runtime validates responses against it. Both go through `compileJsonSchema`, which
 * caches compiled validators by schema text. Draft-07 by default; a schema whose
 * `$schema` names draft 2019-09 or 2020-12 is compiled for that draft. Unknown
 * `format`s are ignored (no formats are validated), unknown keywords are allowed.
 */
import { createRequire } from "node:module";
import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import type { Ajv2019 } from "ajv/dist/2019.js";
import type { Ajv2020 } from "ajv/dist/2020.js";

// ajv loads on the first schema (it is CommonJS, so synchronously): `hir lint` of
// contracts without `matches_schema` does not pay for it at start-up.
const require = createRequire(import.meta.url);
const ajvModules = () => ({
  Ajv: (require("ajv") as typeof import("ajv")).Ajv,
  Ajv2019: (require("ajv/dist/2019.js") as typeof import("ajv/dist/2019.js")).Ajv2019,
  Ajv2020: (require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js")).Ajv2020,
});

export type CompiledJsonSchema =
  | { readonly ok: true; readonly validate: ValidateFunction }
  | { readonly ok: false; readonly message: string };

const OPTIONS = { allErrors: true, strict: false, validateFormats: false, logger: false } as const;

let draft07: Ajv | undefined;
let draft2019: Ajv2019 | undefined;
let draft2020: Ajv2020 | undefined;

function engineFor(schema: unknown): Ajv | Ajv2019 | Ajv2020 {
  const declared = typeof schema === "object" && schema !== null && !Array.isArray(schema) ? (schema as { $schema?: unknown }).$schema : undefined;
  if (typeof declared === "string" && declared.includes("2020-12")) return (draft2020 ??= new (ajvModules().Ajv2020)(OPTIONS));
  if (typeof declared === "string" && declared.includes("2019-09")) return (draft2019 ??= new (ajvModules().Ajv2019)(OPTIONS));
  return (draft07 ??= new (ajvModules().Ajv)(OPTIONS));
}

const CACHE_LIMIT = 128;
const cache = new Map<string, CompiledJsonSchema>();

/** Compiles a schema given as JSON text; never throws. */
export function compileJsonSchema(text: string): CompiledJsonSchema {
  const hit = cache.get(text);
  if (hit) return hit;
  const result = compileUncached(text);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(text, result);
  return result;
}

function compileUncached(text: string): CompiledJsonSchema {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `the schema is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof schema !== "boolean" && (typeof schema !== "object" || schema === null || Array.isArray(schema))) {
    return { ok: false, message: "a JSON Schema must be an object (or true/false)" };
  }
  const ajv = engineFor(schema);
  if (!ajv.validateSchema(schema)) {
    return { ok: false, message: `the schema is not a valid JSON Schema: ${describeSchemaErrors(ajv.errors, 1, true).replace(/; and \d+ more$/, "")}` };
  }
  try {
    const validate = ajv.compile(schema);
    // Forget the schema's `$id`, so another schema with the same id can be compiled later.
    const id = typeof schema === "object" ? (schema as { $id?: unknown }).$id : undefined;
    if (typeof id === "string") ajv.removeSchema(id);
    return { ok: true, validate };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, message: `the schema is not a valid JSON Schema: ${message.replace(/^schema is invalid: /, "")}` };
  }
}

/** "at /items/0: must be string" for the first `max` errors; `inSchema` when the errors are about a schema itself. */
export function describeSchemaErrors(errors: readonly ErrorObject[] | null | undefined, max = 3, inSchema = false): string {
  const list = errors ?? [];
  const shown = list.slice(0, max).map((e) => {
    const where = e.instancePath === "" ? (inSchema ? "the schema" : "at the root") : `at ${e.instancePath}`;
    const extra = e.keyword === "additionalProperties" ? ` (${JSON.stringify((e.params as { additionalProperty?: string }).additionalProperty)})`
      : e.keyword === "enum" ? ` (${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(", ")})`
      : "";
    return `${where}: ${e.message ?? e.keyword}${extra}`;
  });
  return list.length > max ? `${shown.join("; ")}; and ${list.length - max} more` : shown.join("; ");
}
