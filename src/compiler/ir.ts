/**
 * The compiled contract IR: the single source of truth every backend reads (the
 * runtime interpreter in src/runtime, TypeScript code generation, other-language
 * exporters). It is plain JSON: no AST nodes, no functions, no absolute paths, no
 * timestamps. `schema/contract-ir.schema.json` is generated from these schemas
 * (`npx tsx scripts/gen-ir-schema.ts`), and a test keeps it up to date.
 *
 * Compatibility: a reader must check `irVersion`; any change to the meaning or the
 * shape of a field bumps it. Version 2 dropped `rewrite.dropClosure` (every
 * constraint's full closure, quadratic in size): closures follow from `requires` and
 * `couples`.
 */
import { z } from "zod";
import { ROLES } from "../common/roles.js";

export const IR_VERSION = 2 as const;

// ---- templates ----------------------------------------------------------------------------------

export const TemplateTextPartSchema = z
  .object({
    kind: z.literal("text").describe('Literal text, inserted as is.'),
    value: z.string().describe("The text (escapes resolved, triple-quoted strings dedented)."),
  })
  .describe("Literal text of a template.");

export const TemplateInterpolationPartSchema = z
  .object({
    kind: z.literal("interpolation").describe("An input's value, written `{{name}}` in the source."),
    name: z.string().describe("The input whose value is inserted (see `inputs`)."),
  })
  .describe("A `{{name}}` interpolation of an input value.");

export const TemplatePartSchema = z
  .discriminatedUnion("kind", [TemplateTextPartSchema, TemplateInterpolationPartSchema])
  .describe("One part of a template: literal text or an input interpolation.");

export const TemplateSchema = z
  .array(TemplatePartSchema)
  .describe("A text with `{{input}}` interpolations, as a list of parts; render by concatenating the parts with inputs substituted.");

// ---- types and values -----------------------------------------------------------------------------

export const ValueTypeSchema = z
  .enum(["text", "int", "number", "bool", "regex", "text[]"])
  .describe("Static type of an expression. `int` values are also `number`s.");

export const InputTypeSchema = z.enum(["text", "int", "number", "bool", "text[]"]).describe("Type of a contract input.");

export const InputValueSchema = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.string())])
  .describe("A value of an input: text, number (int or number), bool, or list of texts (text[]).");

export const InputSchema = z
  .object({
    name: z.string().describe("Input name, as used in `{{name}}` interpolations and checks."),
    type: InputTypeSchema,
    required: z.boolean().describe("True when the input has no default, so callers must supply it."),
    default: InputValueSchema.optional().describe("The default value, when declared; absent for required inputs."),
    doc: z.string().optional().describe("The input's doc comment (`///`), when present."),
  })
  .describe("A contract input: a value the caller supplies when rendering the prompt and verifying a response.");

// ---- check expressions ----------------------------------------------------------------------------

export type ComparisonOp = "==" | "!=" | "<" | "<=" | ">" | ">=";
export type ArithmeticOp = "+" | "-" | "*";

export type NumberExpr = { kind: "number"; type: "int" | "number"; value: number };
export type TextExpr = { kind: "text"; type: "text"; value: string };
export type BoolExpr = { kind: "bool"; type: "bool"; value: boolean };
export type ListExpr = { kind: "list"; type: "text[]"; items: Expr[] };
export type RegexExpr = { kind: "regex"; type: "regex"; pattern: string; flags: string };
export type InputRefExpr = { kind: "input"; type: z.infer<typeof InputTypeSchema>; name: string };
/** What a built-in call produces: a number (measure), a text slice (selector) or a verdict (predicate). */
export type BuiltinKind = "measure" | "selector" | "predicate";
export type CallExpr = {
  kind: "call";
  type: z.infer<typeof ValueTypeSchema>;
  name: string;
  builtin: BuiltinKind;
  unit?: string | undefined;
  subject?: Expr | undefined;
  args: Record<string, Expr>;
};
export type NotExpr = { kind: "not"; type: "bool"; operand: Expr };
export type AndExpr = { kind: "and"; type: "bool"; operands: Expr[] };
export type OrExpr = { kind: "or"; type: "bool"; operands: Expr[] };
export type CompareExpr = { kind: "compare"; type: "bool"; op: ComparisonOp; left: Expr; right: Expr };
export type InRangeExpr = { kind: "inRange"; type: "bool"; subject: Expr; low: Expr; high: Expr };
export type ArithExpr = { kind: "arith"; type: "int" | "number"; op: ArithmeticOp; left: Expr; right: Expr };
export type NegExpr = { kind: "neg"; type: "int" | "number"; operand: Expr };

/** A serializable check expression. */
export type Expr =
  | NumberExpr | TextExpr | BoolExpr | ListExpr | RegexExpr | InputRefExpr | CallExpr
  | NotExpr | AndExpr | OrExpr | CompareExpr | InRangeExpr | ArithExpr | NegExpr;

const numericType = z.enum(["int", "number"]).describe("`int` when both operands (or the literal) are whole numbers, else `number`.");
const nodeKind = <K extends string>(k: K, doc: string) => z.literal(k).describe(doc);
const fixedType = <T extends string>(t: T) => z.literal(t).describe(`Static type: always \`${t}\` for this node.`);

const ExprUnion: z.ZodType<Expr> = z
  .discriminatedUnion("kind", [
    z.object({
      kind: nodeKind("number", "A number literal."),
      type: numericType,
      value: z.number().describe("The value (finite)."),
    }).meta({ id: "NumberExpr", description: "A number literal." }),
    z.object({
      kind: nodeKind("text", "A text literal."),
      type: fixedType("text"),
      value: z.string().describe("The decoded text."),
    }).meta({ id: "TextExpr", description: "A text literal." }),
    z.object({
      kind: nodeKind("bool", "A boolean literal."),
      type: fixedType("bool"),
      value: z.boolean().describe("The value."),
    }).meta({ id: "BoolExpr", description: "A boolean literal." }),
    z.object({
      kind: nodeKind("list", "A list literal."),
      type: fixedType("text[]"),
      get items() {
        return z.array(ExprSchema).describe("The items, each of type text.");
      },
    }).meta({ id: "ListExpr", description: "A list literal (of texts)." }),
    z.object({
      kind: nodeKind("regex", "A regular expression literal."),
      type: fixedType("regex"),
      pattern: z.string().describe("The pattern in RE2 syntax (linear time: no backreferences or lookaround)."),
      flags: z.string().describe("Flags as written: `i` ignore case, `m` multi-line anchors, `s` dot matches newline."),
    }).meta({ id: "RegexExpr", description: "A regular expression literal." }),
    z.object({
      kind: nodeKind("input", "A reference to an input."),
      type: InputTypeSchema,
      name: z.string().describe("The input's name (see `inputs`)."),
    }).meta({ id: "InputRefExpr", description: "A reference to an input's value (the caller's, or the default)." }),
    z.object({
      kind: nodeKind("call", "A built-in call."),
      type: ValueTypeSchema,
      name: z.string().describe("The built-in's name in the language registry (`words`, `contains`, `last_paragraph`...)."),
      builtin: z.enum(["measure", "selector", "predicate"]).describe("The built-in's kind, so the runtime explains its result without the language registry: a measure counts, a selector picks a text, a predicate decides."),
      unit: z.string().optional().describe("For a selector, the unit it picks (`paragraph`, `line`...), used in evidence text."),
      get subject() {
        return ExprSchema.optional().describe("The text the built-in reads (a selector such as `first_line`); absent means the whole response.");
      },
      get args() {
        return z
          .record(z.string(), ExprSchema)
          .describe("Arguments by parameter name, in the registry's parameter order, with defaults filled in: every parameter is present.");
      },
    }).meta({ id: "CallExpr", description: "A built-in measure, selector or predicate applied to a subject and arguments." }),
    z.object({
      kind: nodeKind("not", "Logical negation."),
      type: fixedType("bool"),
      get operand() {
        return ExprSchema.describe("The condition negated.");
      },
    }).meta({ id: "NotExpr", description: "Logical negation." }),
    z.object({
      kind: nodeKind("and", "Logical conjunction."),
      type: fixedType("bool"),
      get operands() {
        return z.array(ExprSchema).min(2).describe("Conditions that must all hold (nested `and`s flattened).");
      },
    }).meta({ id: "AndExpr", description: "Logical conjunction." }),
    z.object({
      kind: nodeKind("or", "Logical disjunction."),
      type: fixedType("bool"),
      get operands() {
        return z.array(ExprSchema).min(2).describe("Conditions of which at least one must hold (nested `or`s flattened).");
      },
    }).meta({ id: "OrExpr", description: "Logical disjunction." }),
    z.object({
      kind: nodeKind("compare", "A comparison."),
      type: fixedType("bool"),
      op: z.enum(["==", "!=", "<", "<=", ">", ">="]).describe("The comparison; `<`-style operators compare numbers, `==`/`!=` also texts and bools."),
      get left() {
        return ExprSchema.describe("Left operand.");
      },
      get right() {
        return ExprSchema.describe("Right operand.");
      },
    }).meta({ id: "CompareExpr", description: "A comparison of two values." }),
    z.object({
      kind: nodeKind("inRange", "A range test."),
      type: fixedType("bool"),
      get subject() {
        return ExprSchema.describe("The number tested.");
      },
      get low() {
        return ExprSchema.describe("Lower bound (inclusive).");
      },
      get high() {
        return ExprSchema.describe("Upper bound (inclusive).");
      },
    }).meta({ id: "InRangeExpr", description: "`subject in low..high`, inclusive on both ends." }),
    z.object({
      kind: nodeKind("arith", "Arithmetic."),
      type: numericType,
      op: z.enum(["+", "-", "*"]).describe("The operation."),
      get left() {
        return ExprSchema.describe("Left operand.");
      },
      get right() {
        return ExprSchema.describe("Right operand.");
      },
    }).meta({ id: "ArithExpr", description: "Arithmetic on numbers." }),
    z.object({
      kind: nodeKind("neg", "Unary minus."),
      type: numericType,
      get operand() {
        return ExprSchema.describe("The number negated.");
      },
    }).meta({ id: "NegExpr", description: "Unary minus." }),
  ]);

export const ExprSchema: z.ZodType<Expr> = ExprUnion.meta({ id: "Expr", description: "A check expression node. Every node carries its static `type`." });

// ---- constraints ----------------------------------------------------------------------------------

export const RoleSchema = z
  .enum(ROLES)
  .describe("`task` and `quality` are removable in hindsight (unless pinned); `safety` is never dropped, and violating it makes a response ineligible for replay.");

export const SourceLocationSchema = z
  .object({
    file: z.string().describe("The declaring file: a relative posix path as the compiler was given it (a constraint from a `use`d set points into the set's file)."),
    line: z.number().int().min(1).describe("1-based line of the declaration."),
    column: z.number().int().min(1).describe("1-based column (UTF-16 code units) of the declaration."),
  })
  .describe("Where a constraint is declared.");

const constraintBase = {
  id: z.string().describe("The constraint id, unique within the contract."),
  role: RoleSchema,
  pinned: z.boolean().describe("Pinned constraints are never dropped in hindsight, whatever their role."),
  removable: z.boolean().describe("True when hindsight may drop the constraint: not safety and not pinned."),
  clause: TemplateSchema.describe("The sentence the model reads in the instruction (derived from the check when the source has none)."),
  clauseDerived: z.boolean().describe("True when the clause was derived from the check by the built-ins' wording templates rather than written in the source."),
  requires: z.array(z.string()).describe("Direct prerequisites (`this requires x`), without repeats: if one fails, this constraint counts as failed; if one is dropped, this one is dropped (transitively)."),
  fromSet: z.string().optional().describe("The constraint set it was `use`d from, when it comes from one."),
  doc: z.string().optional().describe("The constraint's doc comment (`///`), when present."),
  source: SourceLocationSchema,
};

export const HardConstraintSchema = z
  .object({
    kind: z.literal("hard").describe("Checked by code: `check` is evaluated on the response."),
    ...constraintBase,
    check: ExprSchema.describe("The condition the response must satisfy (type bool)."),
  })
  .describe("A hard constraint, verified by evaluating its check expression.");

export const JudgeSpecSchema = z
  .object({
    rubric: TemplateSchema.describe("The YES/NO statement the judge evaluates (YES only if fully satisfied)."),
  })
  .describe("How an LLM judge verifies a soft constraint.");

export const SoftConstraintSchema = z
  .object({
    kind: z.literal("soft").describe("Verified by an LLM judge answering the rubric."),
    ...constraintBase,
    judge: JudgeSpecSchema,
  })
  .describe("A soft constraint, verified by an LLM judge.");

export const ConstraintSchema = z
  .discriminatedUnion("kind", [HardConstraintSchema, SoftConstraintSchema])
  .describe("One atomic constraint of the instruction.");

// ---- rewrite rules --------------------------------------------------------------------------------

export const LayoutSchema = z
  .enum(["inline", "lines", "numbered", "bullets"])
  .describe("How clauses are laid out in the instruction: `inline` joined by spaces, `lines` one per line, `numbered` as `1. ...`, `bullets` as `- ...`.");

export const PlacementSchema = z.enum(["after", "before"]).describe("Whether the clauses come after or before the task text (the prompt).");

export const RewriteSchema = z
  .object({
    nonRemovable: z.array(z.string()).describe("Ids that hindsight must never drop (safety or pinned), in constraint order. A rewrite whose drops touch one is refused."),
    minKept: z.number().int().min(1).describe("The fewest constraints a hindsight instruction may keep; fewer means the replay is refused."),
    layout: LayoutSchema,
    placement: PlacementSchema,
  })
  .describe("Hindsight rewrite rules. What a dropped constraint drags along is not stored: it follows from the constraints' `requires` and the `couples` (dependents through `requires` and coupled sets, transitively), which a reader walks once per rewrite.");

// ---- the compiled contract ------------------------------------------------------------------------

export const SourceSchema = z
  .object({
    file: z.string().describe("The file declaring the contract: a relative posix path."),
    hash: z.string().regex(/^[0-9a-f]{64}$/).describe("SHA-256 (hex) of that file's text."),
  })
  .describe("The contract's source file.");

export const CompiledContractSchema = z
  .object({
    irVersion: z.literal(IR_VERSION).describe("Version of this IR format; readers must reject versions they do not know."),
    compilerVersion: z.string().describe("Version of the hindsight compiler that produced the IR."),
    id: z.string().describe("The contract name (unique across the files compiled together)."),
    doc: z.string().optional().describe("The contract's doc comment (`///`), when present."),
    source: SourceSchema,
    contentHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe("SHA-256 (hex) of the canonical JSON of this IR without `contentHash` (object keys sorted, no whitespace). Identifies this exact IR, source hash and locations included."),
    prompt: TemplateSchema.describe("The task text (the contract's prompt); empty when the contract has none."),
    inputs: z.array(InputSchema).describe("The inputs, in declaration order."),
    constraints: z.array(ConstraintSchema).describe("The constraints in instruction order (own and `use`d, as declared)."),
    couples: z.array(z.array(z.string()).min(2)).describe("Coupled sets: dropping any member drops all members (and, through them, their dependents)."),
    rewrite: RewriteSchema,
  })
  .describe("A compiled output contract: the prompt, inputs, constraints with their checks or judge rubrics, and the hindsight rewrite rules.");

export type TemplatePart = z.infer<typeof TemplatePartSchema>;
export type Template = z.infer<typeof TemplateSchema>;
export type ValueType = z.infer<typeof ValueTypeSchema>;
export type InputType = z.infer<typeof InputTypeSchema>;
export type InputValue = z.infer<typeof InputValueSchema>;
export type CompiledInput = z.infer<typeof InputSchema>;
export type Role = z.infer<typeof RoleSchema>;
export type SourceLocation = z.infer<typeof SourceLocationSchema>;
export type HardConstraint = z.infer<typeof HardConstraintSchema>;
export type SoftConstraint = z.infer<typeof SoftConstraintSchema>;
export type CompiledConstraint = z.infer<typeof ConstraintSchema>;
export type JudgeSpec = z.infer<typeof JudgeSpecSchema>;
export type Layout = z.infer<typeof LayoutSchema>;
export type Placement = z.infer<typeof PlacementSchema>;
export type RewriteRules = z.infer<typeof RewriteSchema>;
export type CompiledContract = z.infer<typeof CompiledContractSchema>;

/** Validates untrusted IR (e.g. read from a `.ir.json` file); throws a ZodError describing the problem. */
export function parseCompiledContract(value: unknown): CompiledContract {
  return CompiledContractSchema.parse(value);
}
