/**
 * The `compile` section of `hir.config.json`:
 *
 * ```json
 * { "compile": { "out": "generated", "runtimeImport": "hindsight/runtime" } }
 * ```
 *
 * - `out`: the output directory, relative to the config file (default `generated`,
 *   relative to the working directory when there is no config).
 * - `runtimeImport`: how generated modules import the runtime (src/runtime/compiled.ts).
 *   A bare specifier (`hindsight/runtime`) is written as is. A path starting with `./` or
 *   `../` is relative to the config file and is rewritten relative to each generated
 *   file (this repository uses `./src/runtime/compiled.js`, so `generated/x.ts`
 *   imports `../src/runtime/compiled.js`).
 *
 * The lint configuration (src/language/lint/config.ts) owns the file and rejects
 * unknown top-level keys; this module reads only the `compile` key, with its own
 * strict schema. CLI options override the file.
 */
import { readTextFile } from "../fs/text.js";
import * as path from "node:path";
import { z } from "zod";
import { findConfig } from "../language/lint/config.js";

export const DEFAULT_OUT = "generated";
export const DEFAULT_RUNTIME_IMPORT = "hindsight/runtime";

/** A module specifier: printable, one line, no quotes or backslashes. */
const specifier = z
  .string({ error: () => "must be a string" })
  .min(1, "must not be empty")
  .regex(/^[^"'`\\\s\u0000-\u001f\u007f-\u009f\u2028\u2029]+$/, "must be a module specifier without spaces, quotes or backslashes");

export const compileConfigSchema = z.strictObject({
  out: z.string({ error: () => "must be a string" }).min(1, "must not be empty").optional()
    .describe(`Folder (relative to this file) that \`hir compile\` writes the verifier modules to. Default: \`${DEFAULT_OUT}\`.`),
  runtimeImport: specifier.optional()
    .describe(`The module specifier generated verifiers import the runtime from. Default: \`${DEFAULT_RUNTIME_IMPORT}\`.`),
}).describe("Settings of `hir compile`.");

export type CompileConfigSection = z.infer<typeof compileConfigSchema>;

/** How generated code imports the runtime. */
export type RuntimeImport =
  | { readonly kind: "specifier"; readonly specifier: string }
  /** An absolute path, written relative to each generated file. */
  | { readonly kind: "path"; readonly path: string };

export interface CompileSettings {
  /** Absolute output directory. */
  readonly outDir: string;
  readonly runtimeImport: RuntimeImport;
  /** The config file the settings came from, if any (absolute). */
  readonly configFile?: string;
}

export interface CompileOverrides {
  readonly out?: string;
  readonly runtimeImport?: string;
}

export type SettingsResult = { readonly ok: true; readonly settings: CompileSettings } | { readonly ok: false; readonly errors: readonly string[] };

/** `./x` and `../x` are paths (relative to `baseDir`), anything else a specifier. */
export function parseRuntimeImport(value: string, baseDir: string): RuntimeImport {
  if (value.startsWith("./") || value.startsWith("../") || path.isAbsolute(value)) return { kind: "path", path: path.resolve(baseDir, value) };
  return { kind: "specifier", specifier: value };
}

/** Reads the `compile` section of a config file's text. */
export function parseCompileSection(text: string, file: string): { ok: true; section: CompileConfigSection } | { ok: false; errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return { ok: false, errors: [`${file} must contain a JSON object`] };
  const raw = (json as Record<string, unknown>)["compile"];
  if (raw === undefined) return { ok: true, section: {} };
  const r = compileConfigSchema.safeParse(raw);
  if (r.success) return { ok: true, section: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => {
      if (i.code === "unrecognized_keys") return `${file}: unknown field ${i.keys.map((k) => `\`compile.${k}\``).join(", ")} (known: \`compile.out\`, \`compile.runtimeImport\`)`;
      const where = ["compile", ...i.path.map(String)].join(".");
      return `${file}: \`${where}\` ${i.message}`;
    }),
  };
}

/**
 * Settings from a config file with CLI overrides (relative to `cwd`).
 * `configFileArg`: the config to read; omitted, the nearest hir.config.json at or above
 * `cwd`; `null`, none at all (defaults only).
 */
export function resolveCompileSettings(cwd: string, overrides: CompileOverrides = {}, configFileArg?: string | null): SettingsResult {
  const configFile = configFileArg === null ? undefined : configFileArg ?? findConfig(cwd);
  let section: CompileConfigSection = {};
  if (configFile !== undefined) {
    let text: string;
    try {
      text = readTextFile(configFile).text;
    } catch (e) {
      return { ok: false, errors: [`cannot read ${configFile}: ${e instanceof Error ? e.message : String(e)}`] };
    }
    const shown = path.relative(cwd, configFile).split(path.sep).join("/") || configFile;
    const parsed = parseCompileSection(text, shown);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    section = parsed.section;
  }
  const configDir = configFile !== undefined ? path.dirname(configFile) : cwd;
  const errors: string[] = [];
  if (overrides.runtimeImport !== undefined) {
    const r = specifier.safeParse(overrides.runtimeImport);
    if (!r.success) errors.push(`--runtime-import ${r.error.issues[0]?.message ?? "is invalid"}`);
  }
  if (overrides.out !== undefined && overrides.out === "") errors.push("--out must not be empty");
  if (errors.length > 0) return { ok: false, errors };
  const outDir = overrides.out !== undefined
    ? path.resolve(cwd, overrides.out)
    : section.out !== undefined ? path.resolve(configDir, section.out) : path.resolve(cwd, DEFAULT_OUT);
  const runtimeImport = overrides.runtimeImport !== undefined
    ? parseRuntimeImport(overrides.runtimeImport, cwd)
    : section.runtimeImport !== undefined ? parseRuntimeImport(section.runtimeImport, configDir) : { kind: "specifier" as const, specifier: DEFAULT_RUNTIME_IMPORT };
  return { ok: true, settings: { outDir, runtimeImport, ...(configFile !== undefined ? { configFile } : {}) } };
}
