/**
 * Per-constraint checks: the check expression (typed by src/language/typing/) must
 * be a condition, a judge rubric must say something, a clause must exist or be
 * derivable, and every `{{name}}` must name an input. Inputs: known types, no
 * shadowed built-ins, literal defaults of the declared type.
 */
import type * as A from "../ast.js";
import { getBuiltin } from "../builtins/registry.js";
import { deriveClause } from "../clauses.js";
import { CATALOG } from "../diagnostics/catalog.js";
import { suggestion } from "../diagnostics/builder.js";
import { constraintDecls } from "../model.js";
import { didYouMean } from "../suggest.js";
import { describeType, INPUT_TYPES, inputValueType } from "../typing/table.js";
import type { CheckContext } from "./context.js";

export function checkConstraintsAndInputs(ctx: CheckContext): void {
  const table = ctx.typing;
  for (const c of ctx.contracts) checkInputs(ctx, c.file, c.inputs);
  // A contract's constraints share its inputs: one name set per scope, not per constraint.
  let scope: readonly A.InputDecl[] | undefined;
  let names: ReadonlySet<string> = new Set();
  const decls = constraintDecls(ctx);
  for (let i = 0; i < decls.length; i++) {
    const { decl, file, inputs, contract } = decls[i]!;
    if (inputs !== scope) {
      scope = inputs;
      names = new Set(inputs.map((i) => i.name.name));
    }
    if (decl.clause) checkInterpolations(ctx, file, decl.clause, names, contract === undefined);
    const body = decl.body;
    if (!body) continue;
    if (body.kind === "Judge") {
      checkInterpolations(ctx, file, body.rubric, names, contract === undefined);
      const words = body.rubric.value.trim().split(/\s+/).filter(Boolean);
      if (words.length === 0) {
        ctx.report(CATALOG.emptyJudgeRubric, file, body.rubric.range, `the judge rubric of \`${decl.id.name}\` is empty`, {
          hint: "Write the YES/NO question the judge answers, e.g. \"The tone is neutral and professional.\"",
        });
      } else if (words.length < 4) {
        ctx.report(CATALOG.judgeRubricVague, file, body.rubric.range, `the judge rubric of \`${decl.id.name}\` has only ${words.length} word${words.length === 1 ? "" : "s"}`);
      }
      if (!decl.clause) {
        ctx.report(CATALOG.missingClause, file, decl.id.range, `\`${decl.id.name}\` has no clause, and a judged constraint's clause cannot be derived`, {
          hint: `Write the sentence the model should read: \`${decl.role} ${decl.id.name} "..." judge ...\`.`,
        });
      }
      continue;
    }
    const t = table.typeOf(body.expression);
    if (t !== "bool" && t !== "unknown") {
      ctx.report(CATALOG.checkNotBoolean, file, body.expression.range, `the check of \`${decl.id.name}\` is ${describeType(t)}, not a condition`, {
        hint: t === "int" || t === "number" ? "Compare it: e.g. `words <= 100` or `bullets == 3`." : "Use a predicate such as `contains(\"x\")` or compare it with `==`.",
      });
    }
    if (!decl.clause && t === "bool" && deriveClause(body.expression, table) === undefined) {
      ctx.report(CATALOG.missingClause, file, decl.id.range, `\`${decl.id.name}\` has no clause, and none can be derived from its check`, {
        hint: `Write the sentence the model should read: \`${decl.role} ${decl.id.name} "..." check ...\`.`,
      });
    }
  }
  for (const c of ctx.contracts) {
    if (c.prompt) checkInterpolations(ctx, c.file, c.prompt.text, new Set(c.inputs.map((i) => i.name.name)), false);
  }
}

function checkInputs(ctx: CheckContext, file: string, inputs: readonly A.InputDecl[]): void {
  for (const input of inputs) {
    const t = inputValueType(input);
    if (!t) {
      const guess = didYouMean(input.type.name, INPUT_TYPES);
      ctx.report(CATALOG.unknownType, file, input.type.range, `unknown type \`${input.type.name}${input.isList ? "[]" : ""}\``, {
        hint: guess ? `Did you mean \`${guess}\`?` : "Input types are text, int, number, bool and text[].",
      });
    }
    if (getBuiltin(input.name.name)) {
      ctx.report(CATALOG.inputShadowsBuiltin, file, input.name.range, `input \`${input.name.name}\` hides the built-in of the same name in checks`);
    }
    if (input.default && t) {
      const dt = ctx.typing.typeOf(input.default);
      const value = ctx.typing.constOf(input.default);
      const fits = dt === t || (dt === "int" && t === "number");
      if (value === undefined) {
        ctx.report(CATALOG.invalidDefault, file, input.default.range, "an input's default must be a literal value", { hint: "Write a number, a string, `true`/`false` or a list of strings." });
      } else if (!fits && dt !== "unknown") {
        ctx.report(CATALOG.invalidDefault, file, input.default.range, `the default of \`${input.name.name}\` is ${describeType(dt)}, but its type is ${describeType(t)}`);
      }
    }
  }
}

function checkInterpolations(ctx: CheckContext, file: string, s: A.StringLiteral, inputs: ReadonlySet<string>, inSet: boolean): void {
  for (const p of s.parts) {
    if (p.kind !== "interpolation" || inputs.has(p.name)) continue;
    const guess = didYouMean(p.name, inputs);
    ctx.report(CATALOG.unknownInput, file, p.range, `\`{{${p.name}}}\` names no input${inSet ? " (constraint sets have no inputs)" : ""}`, {
      ...(guess ? suggestion(guess, p.range, `{{${guess}}}`) : { hint: inSet ? "Move the constraint into the contract, or write the text out." : `Declare it: \`input ${p.name}: text\`, or write \`\\{{\` for literal braces.` }),
    });
  }
}
