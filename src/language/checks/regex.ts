/**
 * Regular expressions in checks: every regex literal, and text patterns passed to
 * `matches` / `count_matches`.
 *
 *  - HIR8001: the pattern does not compile on RE2 (the engine the runtime uses).
 *  - HIR8002: a backtracking engine could take exponential time on it (matters for
 *    exported checks); see regex/hazards.ts.
 *  - HIR8003: a pattern given to `matches` matches the empty string, so the check
 *    always passes (or, negated, never does).
 */
import type * as A from "../ast.js";
import { CATALOG } from "../diagnostics/catalog.js";
import { compileUserRegex, supportedFlagsPhrase } from "../../common/regex.js";
import { findBacktrackingHazard } from "../regex/hazards.js";
import { constraintDecls } from "../model.js";
import type { CheckContext } from "./context.js";
import type { Typing } from "../typing/table.js";

const RE2_HINT = "RE2 syntax: no backreferences or lookaround; it runs in linear time so no response can hang a verifier.";

interface PatternUse {
  readonly node: A.RegexLiteral | A.StringLiteral;
  readonly pattern: string;
  readonly flags: string;
  /** The built-in it is passed to, if any. */
  readonly callee?: string;
  /** False under an odd number of `not`. */
  readonly positive: boolean;
}

export function checkRegexes(ctx: CheckContext): void {
  const decls = constraintDecls(ctx);
  for (let i = 0; i < decls.length; i++) {
    const { decl, file } = decls[i]!;
    if (decl.body?.kind !== "Check") continue;
    for (const use of patternUses(decl.body.expression, ctx.typing)) checkPattern(ctx, file, use);
  }
}

function checkPattern(ctx: CheckContext, file: string, use: PatternUse): void {
  const shown = use.node.kind === "Regex" ? `/${use.pattern}/${use.flags}` : JSON.stringify(use.pattern);
  const compiled = compileUserRegex(use.pattern, use.flags);
  if (!compiled.ok) {
    const hint = compiled.cause === "backreference" || compiled.cause === "lookaround" ? RE2_HINT
      : compiled.cause === "flag" ? `Supported flags: ${supportedFlagsPhrase()}.`
      : "Patterns use RE2 syntax; see https://github.com/google/re2/wiki/Syntax.";
    const message = compiled.cause === "flag" ? `\`${shown}\`: ${compiled.message}` : `\`${shown}\` is not a valid regular expression: ${compiled.message}`;
    ctx.report(CATALOG.invalidRegex, file, use.node.range, message, { hint });
    return;
  }
  const facts = patternFacts(use.pattern, use.flags);
  const hazard = facts.hazard;
  if (hazard) {
    ctx.report(CATALOG.catastrophicRegex, file, use.node.range, `${hazard.message} (hindsight's RE2 engine is safe; exported checks may not be)`, {
      hint: hazard.kind === "nested-quantifier"
        ? `Repeat one thing at one level: for example \`(a+)+\` is just \`a+\`, and \`(\\w+\\s?)*\` can be \`(\\w+\\s)*\\w*\`.`
        : "Make the alternatives start differently (for example `(ab|a)*` as `(ab?)*`), or use a character class such as `[\\d\\w]`.",
    });
  }
  if (use.callee === "matches" && (facts.empty ??= matchesEmpty(compiled.regex))) {
    ctx.report(CATALOG.emptyMatchRegex, file, use.node.range,
      use.positive
        ? `\`${shown}\` matches the empty string, so \`matches\` finds it in every response and the check always passes`
        : `\`${shown}\` matches the empty string, so \`not matches\` can never pass`,
      { hint: "Require at least one character: for example `a+` instead of `a*`, or drop the `?` on the only group." });
  }
}

/**
 * What the checks learn from a pattern alone, memoized per pattern and flags: a training
 * set repeats a few patterns across thousands of contracts. Bounded; never mutated but for
 * filling in `empty` the first time it is needed.
 */
interface PatternFacts {
  readonly hazard: ReturnType<typeof findBacktrackingHazard>;
  empty?: boolean;
}
const FACTS = new Map<string, PatternFacts>();
const FACTS_LIMIT = 5_000;
function patternFacts(pattern: string, flags: string): PatternFacts {
  const key = `${flags}/${pattern}`;
  let facts = FACTS.get(key);
  if (!facts) {
    facts = { hazard: findBacktrackingHazard(pattern, flags) };
    if (FACTS.size >= FACTS_LIMIT) FACTS.clear();
    FACTS.set(key, facts);
  }
  return facts;
}

function matchesEmpty(regex: { test(input: string): boolean }): boolean {
  try {
    return regex.test("");
  } catch {
    return false;
  }
}

/** Every pattern in a check, with the built-in it feeds and the polarity it is used in. */
function patternUses(check: A.Expression, typing: Typing): PatternUse[] {
  const out: PatternUse[] = [];
  const claimed = new Set<A.Expression>();
  const visit = (e: A.Expression, positive: boolean): void => {
    switch (e.kind) {
      case "Paren": visit(e.inner, positive); return;
      case "Unary": visit(e.operand, e.op === "not" ? !positive : positive); return;
      case "Binary": visit(e.left, positive); visit(e.right, positive); return;
      case "InRange": visit(e.subject, positive); visit(e.low, positive); visit(e.high, positive); return;
      case "List": e.items.forEach((i) => visit(i, positive)); return;
      case "Call": {
        if (e.subject) visit(e.subject, positive);
        const name = e.callee.name;
        if (name === "matches" || name === "count_matches") {
          const r = typing.resolutionOf(e);
          const arg = r?.kind === "builtin" ? r.args.get("pattern") : e.args[0]?.value;
          const lit = arg ? unwrapParens(arg) : undefined;
          if (lit?.kind === "Regex") {
            out.push({ node: lit, pattern: lit.pattern, flags: lit.flags, callee: name, positive });
            claimed.add(lit);
          } else if (lit?.kind === "String" && lit.parts.every((p) => p.kind === "text")) {
            out.push({ node: lit, pattern: lit.value, flags: "", callee: name, positive });
            claimed.add(lit);
          }
        }
        for (const a of e.args) if (!claimed.has(unwrapParens(a.value))) visit(a.value, positive);
        return;
      }
      case "Regex":
        if (!claimed.has(e)) out.push({ node: e, pattern: e.pattern, flags: e.flags, positive });
        return;
      default:
        return;
    }
  };
  visit(check, true);
  return out;
}

function unwrapParens(e: A.Expression): A.Expression {
  return e.kind === "Paren" ? unwrapParens(e.inner) : e;
}
