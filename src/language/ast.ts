/**
 * The typed AST of the contract language. Every node carries its source range.
 * Nodes are plain data (no parent pointers, no methods) so they serialise, compare
 * structurally (format-then-parse round-trip tests) and cross worker boundaries.
 */
import type { Role } from "../common/roles.js";
import type { Range } from "./diagnostics/types.js";

export type { Role };

export interface NodeBase {
  readonly range: Range;
}

export interface Identifier extends NodeBase {
  readonly kind: "Identifier";
  readonly name: string;
}

/** A piece of a string: literal text, or a `{{name}}` interpolation. */
export type StringPart =
  | { readonly kind: "text"; readonly value: string }
  | { readonly kind: "interpolation"; readonly name: string; readonly range: Range };

export interface StringLiteral extends NodeBase {
  readonly kind: "String";
  /** The decoded value (escapes resolved; triple-quoted strings dedented). */
  readonly value: string;
  readonly triple: boolean;
  readonly parts: readonly StringPart[];
}

export interface NumberLiteral extends NodeBase {
  readonly kind: "Number";
  readonly value: number;
  /** The source spelling, kept so the formatter does not rewrite `1e3` as `1000`. */
  readonly raw: string;
}

export interface BooleanLiteral extends NodeBase {
  readonly kind: "Boolean";
  readonly value: boolean;
}

export interface RegexLiteral extends NodeBase {
  readonly kind: "Regex";
  readonly pattern: string;
  readonly flags: string;
}

export interface ListLiteral extends NodeBase {
  readonly kind: "List";
  readonly items: readonly Expression[];
}

/** A bare name: an input, or a built-in measure/selector used without arguments (`words`). */
export interface NameRef extends NodeBase {
  readonly kind: "Name";
  readonly name: Identifier;
}

export interface Argument extends NodeBase {
  readonly name?: Identifier;
  readonly value: Expression;
}

/**
 * A built-in applied to arguments. `subject` is the text it applies to when written
 * in method form (`first_line.words`) or infix form (`last_paragraph starts_with "x"`);
 * absent means the whole response. Infix form without a subject (`ends_with "x"`)
 * applies a predicate to the whole response with one literal operand.
 */
export interface CallExpression extends NodeBase {
  readonly kind: "Call";
  readonly callee: Identifier;
  readonly subject?: Expression;
  readonly args: readonly Argument[];
  /** How it was written, so the formatter can keep the author's form. */
  readonly style: "call" | "method" | "infix";
  /** False for `first_line.words` (no parentheses). */
  readonly parenthesized: boolean;
}

export type UnaryOperator = "not" | "-";
export interface UnaryExpression extends NodeBase {
  readonly kind: "Unary";
  readonly op: UnaryOperator;
  readonly operand: Expression;
}

export type ComparisonOperator = "==" | "!=" | "<" | "<=" | ">" | ">=";
export type ArithmeticOperator = "+" | "-" | "*";
export type LogicalOperator = "and" | "or";
export type BinaryOperator = ComparisonOperator | ArithmeticOperator | LogicalOperator;

export interface BinaryExpression extends NodeBase {
  readonly kind: "Binary";
  readonly op: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}

/** `words in 100..200`: inclusive on both ends. */
export interface RangeExpression extends NodeBase {
  readonly kind: "InRange";
  readonly subject: Expression;
  readonly low: Expression;
  readonly high: Expression;
}

export interface ParenExpression extends NodeBase {
  readonly kind: "Paren";
  readonly inner: Expression;
}

/** Stands where the parser recovered from an error; the checker ignores it. */
export interface ErrorExpression extends NodeBase {
  readonly kind: "Error";
}

export type Expression =
  | NumberLiteral
  | StringLiteral
  | BooleanLiteral
  | RegexLiteral
  | ListLiteral
  | NameRef
  | CallExpression
  | UnaryExpression
  | BinaryExpression
  | RangeExpression
  | ParenExpression
  | ErrorExpression;


export interface CheckBody extends NodeBase {
  readonly kind: "Check";
  readonly expression: Expression;
}

export interface JudgeBody extends NodeBase {
  readonly kind: "Judge";
  readonly rubric: StringLiteral;
}

export interface ConstraintDecl extends NodeBase {
  readonly kind: "Constraint";
  readonly doc?: string;
  readonly pinned: boolean;
  readonly role: Role;
  readonly roleRange: Range;
  readonly id: Identifier;
  readonly clause?: StringLiteral;
  /** Absent only after a syntax error. */
  readonly body?: CheckBody | JudgeBody;
}

export type InputType = "text" | "int" | "number" | "bool" | "text[]";

export interface InputDecl extends NodeBase {
  readonly kind: "Input";
  readonly doc?: string;
  readonly name: Identifier;
  /** The type as written; the checker validates it against `InputType`. */
  readonly type: Identifier;
  readonly isList: boolean;
  readonly default?: Expression;
}

export interface PromptDecl extends NodeBase {
  readonly kind: "Prompt";
  readonly text: StringLiteral;
}

export interface QualifiedName extends NodeBase {
  /** `Set.constraint`: the set; absent for a bare name. */
  readonly qualifier?: Identifier;
  readonly name: Identifier;
}

export interface UseDecl extends NodeBase {
  readonly kind: "Use";
  readonly names: readonly QualifiedName[];
}

export interface RequiresDecl extends NodeBase {
  readonly kind: "Requires";
  readonly subject: Identifier;
  readonly targets: readonly Identifier[];
}

export interface CoupleDecl extends NodeBase {
  readonly kind: "Couple";
  readonly members: readonly Identifier[];
}

export interface ReplaySetting extends NodeBase {
  readonly name: Identifier;
  readonly value: NumberLiteral | Identifier;
}

export interface ReplayDecl extends NodeBase {
  readonly kind: "Replay";
  readonly settings: readonly ReplaySetting[];
}

export type Member = InputDecl | PromptDecl | ConstraintDecl | UseDecl | RequiresDecl | CoupleDecl | ReplayDecl;

export interface ContractDecl extends NodeBase {
  readonly kind: "Contract";
  readonly doc?: string;
  readonly name: Identifier;
  readonly members: readonly Member[];
}

/** A named, reusable group of constraints (`constraints NoGuarantees { ... }`). */
export interface ConstraintSetDecl extends NodeBase {
  readonly kind: "ConstraintSet";
  readonly doc?: string;
  readonly name: Identifier;
  readonly members: readonly Member[];
}

export interface ImportDecl extends NodeBase {
  readonly kind: "Import";
  readonly path: StringLiteral;
}

export type Declaration = ImportDecl | ContractDecl | ConstraintSetDecl;

export interface Comment {
  /** The full comment text including `//`, `///` or `/* *\/`. */
  readonly text: string;
  readonly range: Range;
  readonly kind: "line" | "doc" | "block";
  /** True when code precedes the comment on its line. */
  readonly trailing: boolean;
}

export interface SourceFile {
  readonly kind: "File";
  readonly path: string;
  readonly text: string;
  readonly declarations: readonly Declaration[];
  /** Every comment in the file, in order (doc comments included). */
  readonly comments: readonly Comment[];
  readonly range: Range;
}

export function isConstraint(m: Member): m is ConstraintDecl {
  return m.kind === "Constraint";
}
