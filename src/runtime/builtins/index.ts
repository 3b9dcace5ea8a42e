/**
 * One implementation per built-in of the language registry, keyed by name. A test
 * asserts that every registry entry (`BUILTINS`) has one here.
 */
import { CORE_IMPLS } from "./core.js";
import { GENERAL_IMPLS } from "./general.js";
import { IFBENCH_IMPLS } from "./ifbench.js";
import { IFEVAL_IMPLS } from "./ifeval.js";
import { IFEVALG_IMPLS } from "./ifevalg.js";
import { STATS_IMPLS } from "./stats.js";
import type { BuiltinImpl } from "./types.js";

export const BUILTIN_IMPLS: Readonly<Record<string, BuiltinImpl>> = Object.freeze(
  Object.fromEntries([...CORE_IMPLS, ...GENERAL_IMPLS, ...STATS_IMPLS, ...IFEVAL_IMPLS, ...IFBENCH_IMPLS, ...IFEVALG_IMPLS].map((i) => [i.name, i])),
);

export function getBuiltinImpl(name: string): BuiltinImpl | undefined {
  return Object.prototype.hasOwnProperty.call(BUILTIN_IMPLS, name) ? BUILTIN_IMPLS[name] : undefined;
}

export * from "./types.js";
export { compileUserRegex, type CompiledRegex } from "./regex.js";
export { countWords, sentenceSpans, countGraphemes } from "./segment.js";
export { lineSpans, paragraphSpans, nonBlankLines, positionAt } from "./text.js";
export { forEachPhrase, findPhrase, type PhraseOptions, type PhraseMatch } from "./search.js";
