/**
 * The built-in registry: one lookup for every measure, selector and predicate.
 * Libraries register by adding their specs to `LIBRARIES`; names must be unique
 * (a test enforces it).
 */
import { CORE_BUILTINS } from "./core.js";
import { GENERAL_BUILTINS } from "./general.js";
import { IFBENCH_BUILTINS } from "./ifbench.js";
import { IFEVAL_BUILTINS } from "./ifeval.js";
import { IFEVALG_BUILTINS } from "./ifevalg.js";
import { STATS_BUILTINS } from "./stats.js";
import type { BuiltinSpec } from "./types.js";

const LIBRARIES: readonly (readonly BuiltinSpec[])[] = [CORE_BUILTINS, GENERAL_BUILTINS, STATS_BUILTINS, IFEVAL_BUILTINS, IFBENCH_BUILTINS, IFEVALG_BUILTINS];

export const BUILTINS: readonly BuiltinSpec[] = LIBRARIES.flat();

const byName = new Map<string, BuiltinSpec>(BUILTINS.map((b) => [b.name, b]));

export function getBuiltin(name: string): BuiltinSpec | undefined {
  return byName.get(name);
}

export function builtinNames(): string[] {
  return [...byName.keys()];
}

export * from "./types.js";
