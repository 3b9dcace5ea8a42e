/**
 * The typed parse tree the parser's embedded actions build (grammar/parser.ts), one
 * interface per grammar rule, read by src/language/ast-builder.ts. It replaces
 * chevrotain's generic CST: fields are named properties, so renaming one is a compile
 * error in the builder rather than a silently missing child.
 *
 * Nodes hold exactly what the rule consumed before it finished or the parser
 * recovered from an error inside it, and only tokens that are really in the text
 * (tokens inserted by error recovery are dropped). `start`/`end` follow chevrotain's
 * CST location rules: the first real token's start and the largest real token end
 * (exclusive) in the node, NaN while it holds none.
 */
import type { IToken } from "chevrotain";

export interface Span {
  start: number;
  end: number;
}

export interface FileSyntax extends Span {
  readonly declarations: DeclarationSyntax[];
}

export type DeclarationSyntax = ImportSyntax | ContractSyntax;

export interface ImportSyntax extends Span {
  readonly rule: "importDecl";
  path?: StringSyntax;
}

/** A contract (`contractDecl`) or a constraint set (`setDecl`): the same grammar. */
export interface ContractSyntax extends Span {
  readonly rule: "contractDecl" | "setDecl";
  name?: IToken;
  readonly members: MemberSyntax[];
}

export interface MemberSyntax extends Span {
  inner?: MemberBodySyntax;
}

export type MemberBodySyntax = InputSyntax | PromptSyntax | ConstraintSyntax | UseSyntax | RequiresSyntax | CoupleSyntax | ReplaySyntax;

export interface InputSyntax extends Span {
  readonly rule: "inputDecl";
  name?: IToken;
  type?: TypeRefSyntax;
  default?: ExpressionSyntax;
}

export interface TypeRefSyntax extends Span {
  name?: IToken;
  /** The `[` of `text[]`. */
  list?: IToken;
}

export interface PromptSyntax extends Span {
  readonly rule: "promptDecl";
  text?: StringSyntax;
}

export interface ConstraintSyntax extends Span {
  readonly rule: "constraintDecl";
  pinned?: IToken;
  role?: IToken;
  id?: IToken;
  clause?: StringSyntax;
  check?: IToken;
  expression?: ExpressionSyntax;
  judge?: IToken;
  rubric?: StringSyntax;
}

export interface UseSyntax extends Span {
  readonly rule: "useDecl";
  readonly names: QualifiedNameSyntax[];
}

export interface QualifiedNameSyntax extends Span {
  /** The one or two names (`Set.constraint`), in order. */
  readonly parts: IToken[];
}

export interface RequiresSyntax extends Span {
  readonly rule: "requiresDecl";
  subject?: IToken;
  readonly targets: IToken[];
}

export interface CoupleSyntax extends Span {
  readonly rule: "coupleDecl";
  readonly members: IToken[];
}

export interface ReplaySyntax extends Span {
  readonly rule: "replayDecl";
  readonly settings: ReplaySettingSyntax[];
}

export interface ReplaySettingSyntax extends Span {
  name?: IToken;
  number?: IToken;
  value?: IToken;
}

export interface StringSyntax extends Span {
  token?: IToken;
}

// ---- expressions, lowest precedence first -----------------------------------------------
//
// Each precedence level is a node only where it holds more than the single operand of the
// level below: `words >= 1` is a comparison of two primaries, not nine nested levels per
// side. A level that would hold exactly one operand and nothing else is replaced by that
// operand (both parsers build it so: `collapseLevel` in grammar/parser.ts, the fast parser by
// construction), and `rule` says which level a node is. On large files these single-operand
// chains were most of the tree's objects, all alive until the AST was built.

/** An expression: a node of any precedence level. */
export type ExpressionSyntax = OrSyntax | AndLevel;
/** A node of the `and` level or below; likewise for the other levels. */
export type AndLevel = AndSyntax | NotLevel;
export type NotLevel = NotSyntax | ComparisonLevel;
export type ComparisonLevel = ComparisonSyntax | AdditiveLevel;
export type AdditiveLevel = AdditiveSyntax | MultiplicativeLevel;
export type MultiplicativeLevel = MultiplicativeSyntax | UnaryLevel;
export type UnaryLevel = UnarySyntax | PostfixLevel;
export type PostfixLevel = PostfixSyntax | PrimarySyntax;

/** `a or b or c` (`expression`), `a and b` (`andExpr`), `a * b` (`multiplicative`): operands in order. */
export interface OrSyntax extends Span {
  readonly rule: "expression";
  readonly operands: AndLevel[];
}

export interface AndSyntax extends Span {
  readonly rule: "andExpr";
  readonly operands: NotLevel[];
}

export interface NotSyntax extends Span {
  readonly rule: "notExpr";
  not?: IToken;
  operand?: NotLevel;
  comparison?: ComparisonLevel;
}

export interface ComparisonSyntax extends Span {
  readonly rule: "comparison";
  left?: AdditiveLevel;
  op?: IToken;
  right?: AdditiveLevel;
  in?: IToken;
  low?: AdditiveLevel;
  high?: AdditiveLevel;
}

export interface AdditiveSyntax extends Span {
  readonly rule: "additive";
  readonly operands: MultiplicativeLevel[];
  readonly ops: IToken[];
}

export interface MultiplicativeSyntax extends Span {
  readonly rule: "multiplicative";
  readonly operands: UnaryLevel[];
}

export interface UnarySyntax extends Span {
  readonly rule: "unary";
  minus?: IToken;
  operand?: UnaryLevel;
  postfix?: PostfixLevel;
}

export interface PostfixSyntax extends Span {
  readonly rule: "postfix";
  primary?: PrimarySyntax;
  readonly calls: MethodCallSyntax[];
  infix?: IToken;
  infixArgs?: CallArgsSyntax;
  infixOperand?: PrimarySyntax;
}

export interface MethodCallSyntax extends Span {
  method?: IToken;
  args?: CallArgsSyntax;
}

export interface PrimarySyntax extends Span {
  readonly rule: "primary";
  number?: IToken;
  string?: StringSyntax;
  regex?: IToken;
  true?: IToken;
  false?: IToken;
  list?: ListSyntax;
  name?: IToken;
  args?: CallArgsSyntax;
  /** `ends_with "x"`: the literal operand of a predicate applied to the whole response. */
  operand?: LiteralSyntax;
  /** `( expression )`. */
  inner?: ExpressionSyntax;
}

export interface LiteralSyntax extends Span {
  string?: StringSyntax;
  regex?: IToken;
  list?: ListSyntax;
}

export interface CallArgsSyntax extends Span {
  readonly args: ArgumentSyntax[];
}

export interface ArgumentSyntax extends Span {
  name?: IToken;
  value?: ExpressionSyntax;
}

export interface ListSyntax extends Span {
  readonly items: ExpressionSyntax[];
}
