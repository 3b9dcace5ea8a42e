/** Runtime values and the shape of a built-in implementation. */

export interface RegexValue {
  readonly pattern: string;
  readonly flags: string;
}

/** A value a check expression evaluates to. */
export type RuntimeValue = number | string | boolean | readonly string[] | RegexValue;

export interface BuiltinContext {
  /** The instruction the response answers (the rendered prompt plus clauses). */
  readonly instruction: string;
}

export interface BuiltinOutcome {
  readonly value: RuntimeValue;
  /**
   * What was found, for evidence. Measures give a noun phrase ("4 bullet lines (lines 3,
   * 7, 9, 12)"), predicates a verb phrase about their subject ("contains \"POL-\" (line 2,
   * column 5)"), selectors where the selection lies ("lines 9–12").
   */
  readonly detail: string;
}

export type BuiltinArgs = Readonly<Record<string, RuntimeValue>>;

export interface BuiltinImpl {
  readonly name: string;
  /** True when the result depends on the instruction, so hindsight must re-evaluate it under the rewritten instruction. */
  readonly readsInstruction: boolean;
  /** Evaluates the built-in on `subject` (the whole response unless a selector chose a part). Throws BuiltinError when it cannot. */
  evaluate(subject: string, args: BuiltinArgs, ctx: BuiltinContext): BuiltinOutcome;
}

/** A built-in could not evaluate (e.g. an invalid pattern): the verdict is `unknown`, never `pass`. */
export class BuiltinError extends Error {
  override readonly name = "BuiltinError";
}

export function argText(args: BuiltinArgs, name: string): string {
  const v = args[name];
  if (typeof v !== "string") throw new BuiltinError(`argument \`${name}\` must be a text`);
  return v;
}

export function argNumber(args: BuiltinArgs, name: string): number {
  const v = args[name];
  if (typeof v !== "number" || !Number.isFinite(v)) throw new BuiltinError(`argument \`${name}\` must be a number`);
  return v;
}

export function argBool(args: BuiltinArgs, name: string): boolean {
  const v = args[name];
  if (typeof v !== "boolean") throw new BuiltinError(`argument \`${name}\` must be true or false`);
  return v;
}

export function argTexts(args: BuiltinArgs, name: string): readonly string[] {
  const v = args[name];
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) throw new BuiltinError(`argument \`${name}\` must be a list of texts`);
  return v;
}

export function argRegex(args: BuiltinArgs, name: string): RegexValue {
  const v = args[name];
  if (typeof v !== "object" || v === null || Array.isArray(v) || typeof (v as RegexValue).pattern !== "string") {
    throw new BuiltinError(`argument \`${name}\` must be a regular expression`);
  }
  return v as RegexValue;
}
