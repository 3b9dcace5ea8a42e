/**
 * The lint configuration file: `hir.config.json` (or `.hirrc.json`).
 *
 * ```json
 * {
 *   "$schema": "./node_modules/hindsight/schema/hir.config.schema.json",
 *   "rules": { "unused-input": "off", "HIR7002": "error" },
 *   "ignore": ["generated/**", "*.draft.contract"]
 * }
 * ```
 *
 * Loading never throws. Every problem becomes an HIR9009 (config-error) diagnostic that
 * points at the offending key or value, and the rest of the file still applies: a bad rule
 * entry is skipped, the others are used.
 */
import * as path from "node:path";
import { z } from "zod";
import { findUp, isFile } from "../../fs/find-up.js";
import { readTextFile } from "../../fs/text.js";
import { makeDiagnostic } from "../diagnostics/builder.js";
import { CATALOG, CATALOG_ENTRIES, findCatalogEntry } from "../diagnostics/catalog.js";
import type { Diagnostic, Range } from "../diagnostics/types.js";
import { compileGlob, globProblem, isPathIgnored, type CompiledGlob } from "./glob.js";
import { parseJsonWithLocations, type JsonPath } from "./json-locate.js";
import { START_RANGE } from "./positions.js";
import { didYouMeanSuffix } from "../suggest.js";
import { isRecord } from "../../common/records.js";

/** Looked for in this order in each directory. */
export const CONFIG_FILE_NAMES = ["hir.config.json", ".hirrc.json"] as const;

export const RULE_LEVELS = ["error", "warning", "info", "off"] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

export interface LintConfig {
  /** The file the config came from (as given to `loadConfig`), if any. */
  readonly file?: string;
  /** Directory that `ignore` patterns are relative to (absolute). */
  readonly baseDir: string;
  /** Severity overrides, keyed by code ("HIR2002") whatever the file used. */
  readonly rules: ReadonlyMap<string, RuleLevel>;
  /** The `ignore` patterns as written. */
  readonly ignore: readonly string[];
  /** Imports resolve only inside this folder (absolute): `imports.root` relative to `baseDir`, else `baseDir`. */
  readonly projectRoot: string;
}

export interface ConfigLoadResult {
  readonly config: LintConfig;
  /** HIR9009 diagnostics for everything wrong with the file (empty when it is fine). */
  readonly diagnostics: readonly Diagnostic[];
}

/** The configuration used when there is no config file. */
export function defaultConfig(baseDir: string = process.cwd()): LintConfig {
  return { baseDir: path.resolve(baseDir), rules: new Map(), ignore: [], projectRoot: path.resolve(baseDir) };
}

const ruleLevelSchema = z.enum(RULE_LEVELS, {
  error: () => `must be one of ${RULE_LEVELS.map((l) => `"${l}"`).join(", ")}`,
});

/** The file's shape. Unknown top-level fields are errors (they are usually typos). */
export const configFileSchema = z.strictObject({
  $schema: z.string({ error: () => "must be a string" }).optional().describe("The JSON Schema of this file, for editors: `./node_modules/hindsight/schema/hir.config.schema.json`."),
  rules: z.record(z.string(), ruleLevelSchema, { error: () => "must be an object mapping rule ids or codes to a level" }).optional()
    .describe("Severity per lint rule, by rule id (`unknown-input`) or code (`HIR2002`): error, warning, info or off. `hir explain RULE` describes a rule."),
  ignore: z.array(z.string({ error: () => "must be a string" }), { error: () => "must be an array of glob patterns" }).optional()
    .describe("Glob patterns (relative to this file) of contract files that `hir lint` skips."),
  imports: z
    .strictObject({
      root: z.string({ error: () => "must be a folder path (relative to this file), such as \"..\"" }).min(1, { error: () => "must not be empty" }).optional()
        .describe("The folder imports must stay inside, relative to this file (default: this file's folder)."),
    }, { error: () => "must be an object such as { \"root\": \"..\" }" })
    .optional()
    .describe("Import settings: `root` bounds where `import` may read contract files."),
  // Owned and validated by src/compiler/compile-config.ts; lint only lets it through.
  compile: z.unknown().optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;

const TOP_LEVEL_FIELDS = Object.keys(configFileSchema.shape);

/** All rule ids and codes, for "did you mean". */
const RULE_NAMES: readonly string[] = CATALOG_ENTRIES.flatMap((e) => [e.rule, e.code]);

function formatPath(p: JsonPath): string {
  let out = "";
  for (const seg of p) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out.length > 0 ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/**
 * Parses and validates config text. `file` is used for diagnostics; `baseDir` (default: the
 * file's directory) anchors `ignore` patterns.
 */
export function parseConfig(text: string, file: string, baseDir: string = path.dirname(path.resolve(file))): ConfigLoadResult {
  const diagnostics: Diagnostic[] = [];
  const report = (range: Range, message: string, hint?: string): void => {
    diagnostics.push(makeDiagnostic(CATALOG.configError, file, range, message, hint ? { hint } : {}));
  };
  const empty = (): ConfigLoadResult => ({ config: { ...defaultConfig(baseDir), file }, diagnostics });

  const parsed = parseJsonWithLocations(text);
  if (!parsed.ok) {
    report(parsed.range, `${file} is not valid JSON: ${parsed.message}`, "Fix the JSON syntax; comments and trailing commas are not allowed.");
    return empty();
  }
  const json = parsed.json;
  const where = (p: JsonPath, prefer: "key" | "value" = "value"): Range => {
    const loc = json.locate(p);
    if (!loc) return START_RANGE;
    return prefer === "key" && loc.key ? loc.key : loc.value;
  };

  for (const d of json.duplicateKeys) {
    report(d.key, `\`${formatPath(d.path)}\` is set more than once; only the last value is used.`, "Remove the repeated key.");
  }

  const root = json.value;
  if (typeof root !== "object" || root === null || Array.isArray(root)) {
    report(where([]), `${file} must contain a JSON object.`, 'Start from `{ "rules": {}, "ignore": [] }`.');
    return empty();
  }

  // Shape validation with zod; each issue is mapped back to the text.
  const invalid = new Set<string>();
  const result = configFileSchema.safeParse(root);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const p = issue.path.filter((s): s is string | number => typeof s !== "symbol");
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          report(
            where([...p, key], "key"),
            `Unknown field \`${key}\` in the lint configuration.${didYouMeanSuffix(key, TOP_LEVEL_FIELDS)}`,
            `The known fields are ${TOP_LEVEL_FIELDS.map((f) => `\`${f}\``).join(", ")}.`,
          );
        }
        continue;
      }
      invalid.add(JSON.stringify(p));
      report(where(p), `\`${formatPath(p)}\` ${issue.message}.`, hintFor(p));
    }
  }
  const isValid = (p: JsonPath): boolean => !invalid.has(JSON.stringify(p));

  // Rules: keys must name a catalog entry; non-configurable rules may not change.
  const rules = new Map<string, RuleLevel>();
  const setBy = new Map<string, string>();
  const rulesValue = (root as Record<string, unknown>)["rules"];
  if (isRecord(rulesValue) && isValid(["rules"])) {
    for (const [key, level] of Object.entries(rulesValue)) {
      if (!isValid(["rules", key]) || typeof level !== "string") continue;
      // Rule ids are case-sensitive; codes are not ("hir2002" is HIR2002).
      const entry = findCatalogEntry(key) ?? (/^hir\d+$/i.test(key) ? findCatalogEntry(key.toUpperCase()) : undefined);
      if (!entry) {
        report(
          where(["rules", key], "key"),
          `Unknown rule \`${key}\`.${didYouMeanSuffix(key, RULE_NAMES)}`,
          "Use a rule id or code listed in docs/diagnostics.md.",
        );
        continue;
      }
      const lvl = level as RuleLevel;
      if (!entry.configurable && lvl !== entry.severity) {
        report(
          where(["rules", key], "key"),
          `Rule \`${entry.rule}\` (${entry.code}) cannot be configured: it is always an ${entry.severity}.`,
          "Remove this entry; syntax and file errors cannot be turned off or downgraded.",
        );
        continue;
      }
      const previous = setBy.get(entry.code);
      if (previous !== undefined && rules.get(entry.code) !== lvl) {
        report(
          where(["rules", key], "key"),
          `\`${key}\` configures the same rule as \`${previous}\` (${entry.code}) with a different level; the later entry wins.`,
          "Keep one entry per rule.",
        );
      }
      rules.set(entry.code, lvl);
      setBy.set(entry.code, key);
    }
  }

  // Ignore patterns.
  const ignore: string[] = [];
  const ignoreValue = (root as Record<string, unknown>)["ignore"];
  if (Array.isArray(ignoreValue) && isValid(["ignore"])) {
    ignoreValue.forEach((pattern, index) => {
      if (typeof pattern !== "string" || !isValid(["ignore", index])) return;
      const problem = globProblem(pattern);
      if (problem) {
        report(where(["ignore", index]), `\`ignore[${index}]\`: ${problem}`, "See docs/diagnostics.md#configuration for the pattern syntax.");
        return;
      }
      ignore.push(pattern);
    });
  }

  // The import root; an invalid value leaves the config's folder.
  const importsValue = (root as Record<string, unknown>)["imports"];
  const rootValue = isRecord(importsValue) ? importsValue["root"] : undefined;
  const projectRoot = typeof rootValue === "string" && rootValue !== "" && isValid(["imports"]) && isValid(["imports", "root"]) ? path.resolve(baseDir, rootValue) : path.resolve(baseDir);

  return { config: { file, baseDir: path.resolve(baseDir), rules, ignore, projectRoot }, diagnostics };
}

function hintFor(p: JsonPath): string {
  if (p[0] === "rules") return 'Rule levels are "error", "warning", "info" or "off".';
  if (p[0] === "ignore") return 'Write glob patterns as strings, e.g. "generated/**".';
  if (p[0] === "imports") return 'Set `imports.root` to the folder imports must stay inside, relative to this file, e.g. { "imports": { "root": ".." } }.';
  return "See docs/diagnostics.md#configuration.";
}

export interface LoadConfigOptions {
  /** The path shown in diagnostics (default: `file` as given). */
  readonly displayPath?: string;
}

/** Reads and parses a config file. Never throws: an unreadable file yields an HIR9009. */
export function loadConfig(file: string, options: LoadConfigOptions = {}): ConfigLoadResult {
  const shown = options.displayPath ?? file;
  const baseDir = path.dirname(path.resolve(file));
  let text: string;
  try {
    text = readTextFile(file).text;
  } catch (e) {
    const reason = e instanceof Error && "code" in e ? String((e as NodeJS.ErrnoException).code) : String(e);
    return {
      config: { ...defaultConfig(baseDir), file: shown },
      diagnostics: [
        makeDiagnostic(CATALOG.configError, shown, START_RANGE, `Cannot read the lint configuration ${shown} (${reason}).`, {
          hint: "Check that the file exists and is readable.",
        }),
      ],
    };
  }
  return parseConfig(text, shown, baseDir);
}

/**
 * The nearest config file at or above `startDir` (walking up to the filesystem root), as an
 * absolute path; `hir.config.json` wins over `.hirrc.json` in the same directory.
 */
export function findConfig(startDir: string): string | undefined {
  return findUp(startDir, (dir) => CONFIG_FILE_NAMES.map((name) => path.join(dir, name)).find(isFile));
}

/**
 * Finds and loads the config for `startDir`; the default config when there is none.
 * Diagnostics name the file relative to `cwd`.
 */
export function loadConfigFor(startDir: string, cwd: string = process.cwd()): ConfigLoadResult {
  const file = findConfig(startDir);
  if (file === undefined) return { config: defaultConfig(startDir), diagnostics: [] };
  const rel = path.relative(cwd, file);
  return loadConfig(file, { displayPath: (rel === "" || path.isAbsolute(rel) ? file : rel).split(path.sep).join("/") });
}

/**
 * Applies severity overrides: "off" drops a diagnostic, a level replaces its severity.
 * Diagnostics of non-configurable rules, and codes not in the catalog, pass through
 * unchanged. Order is preserved.
 */
export function applyConfig(diagnostics: readonly Diagnostic[], config: LintConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const entry = findCatalogEntry(d.code);
    const level = entry?.configurable ? config.rules.get(entry.code) : undefined;
    if (level === undefined) out.push(d);
    else if (level !== "off") out.push(level === d.severity ? d : { ...d, severity: level });
  }
  return out;
}

const compiledCache = new WeakMap<LintConfig, CompiledGlob[]>();

/**
 * Whether the config's `ignore` patterns exclude `file` (resolved against `cwd`; patterns
 * are relative to the config's directory). Files outside that directory are never ignored.
 */
export function isIgnored(file: string, config: LintConfig, cwd: string = process.cwd()): boolean {
  if (config.ignore.length === 0) return false;
  let globs = compiledCache.get(config);
  if (!globs) {
    globs = config.ignore.map(compileGlob);
    compiledCache.set(config, globs);
  }
  const rel = path.relative(config.baseDir, path.resolve(cwd, file)).split(path.sep).join("/");
  return isPathIgnored(rel, globs);
}
