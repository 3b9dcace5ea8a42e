/**
 * The shapes the prettier plugin works with: the typed AST (src/language/ast.ts) as
 * prettier sees it (prettier attaches `comments` to nodes), plus the comment objects
 * handed to prettier. Comment objects are copies of the AST's comments, because
 * prettier writes `leading`/`trailing`/`printed` onto them and the AST's `Comment`
 * already has a `trailing` field with another meaning.
 */
import type * as A from "../ast.js";
import type { Range } from "../diagnostics/types.js";

export interface PrettierComment {
  readonly type: "ContractComment";
  readonly kind: A.Comment["kind"];
  /** The comment's full text (`// ...`, `/// ...`, `/* ... *\/`). */
  readonly text: string;
  /** Same as `text`; prettier's own error messages read `value`. */
  readonly value: string;
  readonly range: Range;
  // Set by prettier's comment attachment.
  leading?: boolean;
  /** Set by ./comments.ts: print inline even though the comment was alone on its line. */
  inline?: boolean;
  trailing?: boolean;
  printed?: boolean;
}

/** The root handed to prettier: the source file with prettier-shaped comments. */
export interface PrettierRoot extends Omit<A.SourceFile, "comments"> {
  comments?: PrettierComment[];
}

/** Call arguments, `use` names and replay settings have no `kind`. */
export type KindlessNode = A.Argument | A.QualifiedName | A.ReplaySetting;

export type AnyNode =
  | PrettierRoot
  | A.Declaration
  | A.Member
  | A.Expression
  | A.Identifier
  | A.CheckBody
  | A.JudgeBody
  | KindlessNode;

/** Any node as prettier sees it: with the comments attached to it. */
export type WithComments<T> = T & { comments?: PrettierComment[] };

export function isComment(node: unknown): node is PrettierComment {
  return typeof node === "object" && node !== null && (node as { type?: unknown }).type === "ContractComment";
}

export function locStart(node: { range: Range }): number {
  return node.range.start.offset;
}

export function locEnd(node: { range: Range }): number {
  return node.range.end.offset;
}

/** The child-node properties of each node kind, in source order. */
const CHILD_KEYS: Readonly<Record<string, readonly string[]>> = {
  File: ["declarations"],
  Import: ["path"],
  Contract: ["name", "members"],
  ConstraintSet: ["name", "members"],
  Input: ["name", "type", "default"],
  Prompt: ["text"],
  Constraint: ["id", "clause", "body"],
  Check: ["expression"],
  Judge: ["rubric"],
  Use: ["names"],
  Requires: ["subject", "targets"],
  Couple: ["members"],
  Replay: ["settings"],
  List: ["items"],
  Name: ["name"],
  Call: ["subject", "callee", "args"],
  Unary: ["operand"],
  Binary: ["left", "right"],
  InRange: ["subject", "low", "high"],
  Paren: ["inner"],
};

export function childKeys(node: object): readonly string[] {
  if (isComment(node)) return [];
  const kind = (node as { kind?: unknown }).kind;
  if (typeof kind === "string") return CHILD_KEYS[kind] ?? [];
  if (!("range" in node)) return [];
  // Kindless nodes: arguments and replay settings have a value, `use` names do not.
  if ("value" in node) return ["name", "value"];
  if ("name" in node) return ["qualifier", "name"];
  return [];
}
