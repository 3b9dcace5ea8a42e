/**
 * Signatures of the built-in measures, selectors and predicates that checks call.
 * The registry is language-level data (names, typed parameters, result types, docs,
 * clause wording); the runtime supplies one implementation per name and a test
 * asserts that every signature has one.
 */
import type { z } from "zod";

/** Types of values in check expressions. `int` is assignable to `number`. */
export type ValueType = "text" | "int" | "number" | "bool" | "regex" | "text[]";

export interface ParamSpec {
  readonly name: string;
  readonly type: ValueType;
  /** A parameter with a default may be omitted. */
  readonly default?: string | number | boolean | readonly string[];
  readonly doc: string;
  /** Validates a literal argument (e.g. a count must be >= 0); applied by the checker when the value is constant. */
  readonly schema?: z.ZodType;
}

export type BuiltinKind = "measure" | "selector" | "predicate";

export interface BuiltinSpec {
  readonly name: string;
  readonly kind: BuiltinKind;
  /**
   * True when the built-in reads a text: the whole response by default, or the text
   * given in method or infix form (`first_line.words`, `last_paragraph starts_with "x"`).
   */
  readonly subject: boolean;
  readonly params: readonly ParamSpec[];
  readonly result: ValueType;
  readonly doc: string;
  /** Words a clause uses for what a measure counts ("bullet", "point"), for clause/check agreement. */
  readonly units?: readonly string[];
  /**
   * Default clause wording, used when a constraint has no clause. For measures it receives
   * the comparison (`op`, `value`); for predicates the argument values and whether negated.
   */
  readonly clause?: (c: ClauseContext) => string | undefined;
  /** Documentation group, used to order docs/builtins.md. */
  readonly group: string;
  /** Example use, for docs. */
  readonly example: string;
  /**
   * Responses the example check passes or fails on: rendered in docs/builtins.md and
   * verified by test/docs/builtins-doc.test.ts, so documented behaviour cannot drift.
   */
  readonly samples?: readonly BuiltinSample[];
  /**
   * For a measure that counts a kind of another measure's unit (`capital_words` counts
   * some `words`): those measures. A clause that names their unit ("3 words in capital
   * letters") agrees with a check on this measure.
   */
  readonly refines?: readonly string[];
  /** For a benchmark compatibility built-in: the clean general form a hand-written contract should use instead. */
  readonly general?: GeneralCounterpart;
}

export interface BuiltinSample {
  readonly response: string;
  /** Whether the built-in's `example` check passes on the response. */
  readonly passes: boolean;
}

export interface GeneralCounterpart {
  /** The general built-in(s) of the counterpart (registry names). */
  readonly builtins: readonly string[];
  /** The counterpart as a check (`check bullets == 3`); type-checked by the docs test. */
  readonly check: string;
  /** How the semantics differ, in a sentence or two. */
  readonly differences: string;
  /**
   * True when the counterpart check gives the compatibility built-in's verdict (with
   * its example arguments, default revision) on every response: the two share one
   * implementation. A property test holds both to it.
   */
  readonly exact?: boolean;
}

export interface ClauseContext {
  /** Constant argument values by parameter name (non-constant arguments are absent). */
  readonly args: Readonly<Record<string, unknown>>;
  /** The subject as a phrase ("the first line"), or undefined for the whole response. */
  readonly subject?: string;
  readonly negated: boolean;
  /** For measures compared with a constant: the operator and value(s). */
  readonly op?: "==" | "!=" | "<" | "<=" | ">" | ">=" | "in";
  readonly value?: number;
  readonly high?: number;
}

export function isAssignable(from: ValueType, to: ValueType): boolean {
  return from === to || (from === "int" && to === "number");
}
