/**
 * Lint configuration and inline suppressions (name suggestions: src/language/suggest.ts).
 *
 * Intended pipeline per run: collect diagnostics per file -> `applySuppressions` (per file,
 * with that file's comments) -> concatenate kept + suppression hygiene diagnostics + config
 * diagnostics -> `applyConfig` -> reporter.
 */
export * from "./config.js";
export * from "./suppress.js";
export { lintProgram, type LintProgramOptions } from "./pipeline.js";
export { compileGlob, isPathIgnored, globProblem, type CompiledGlob } from "./glob.js";
export { parseJsonWithLocations, type JsonValue, type LocatedJson, type JsonParseResult } from "./json-locate.js";
export { advancePosition, START_RANGE } from "./positions.js";
