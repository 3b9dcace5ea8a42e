/**
 * Readable syntax error messages. Chevrotain's defaults name token types
 * ("Expecting token of type --> RCurly <--"); users should read what was expected
 * in the language's own words.
 */
import type { IParserErrorMessageProvider, IToken, TokenType } from "chevrotain";
import { chevrotain } from "./chevrotain.js";

/** What each grammar rule stands for, in words, when none of its alternatives matched. */
const RULE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  file: "`import`, `contract` or `constraints`",
  member:
    "a constraint role (`task`, `quality`, `safety`, optionally after `pinned`), `input`, `prompt`, `use`, `couple`, `replay`, or `<id> requires <id>`",
  constraintDecl: "a constraint role: `task`, `quality` or `safety`",
  stringLit: "a string",
  primary: "a value: a number, a string, a regex, a list, a name, or `(`",
  notExpr: "a condition",
  unary: "a value",
  replaySetting: "a number or a name after the setting",
  postfix: "a predicate argument",
};

export function describeToken(tok: IToken): string {
  if (tok.tokenType.name === "EOF") return "the end of the file";
  const image = tok.image.length > 24 ? `${tok.image.slice(0, 21)}...` : tok.image;
  return `\`${image.replace(/\n/g, "\\n")}\``;
}

function label(t: TokenType): string {
  return t.LABEL ?? t.name;
}

function describeChoices(paths: TokenType[][][]): string {
  const firsts = new Set<string>();
  for (const alt of paths) for (const path of alt) if (path[0]) firsts.add(label(path[0]));
  const list = [...firsts];
  if (list.length <= 1) return list[0] ?? "something else";
  return `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}`;
}

export const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
    if (ruleName === "requiresDecl" && expected.name === "Kw_requires") {
      // A member that starts with an unknown word: `tsk x ...` parses as the start of `a requires b`.
      return `expected ${RULE_DESCRIPTIONS["member"]}, found ${describeToken(previous)}`;
    }
    const what = ruleName === "constraintDecl" && (expected.name === "Kw_check" || expected.name === "Kw_judge")
      ? "`check` or `judge`"
      : label(expected);
    return `expected ${what}, found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `expected \`import\`, \`contract\` or \`constraints\`, found ${describeToken(firstRedundant)}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const first = actual[0];
    const found = first ? describeToken(first) : "the end of the file";
    if (ruleName === "constraintDecl" || ruleName === "member") {
      // `task x "clause"` with no body lands here via the OR between `check` and `judge`.
      const expectsBody = expectedPathsPerAlt.some((alt) => alt.some((p) => p[0]?.name === "Kw_check"));
      if (expectsBody) return `expected \`check\` or \`judge\` after the constraint's clause, found ${found}`;
    }
    const described = RULE_DESCRIPTIONS[ruleName] ?? describeChoices(expectedPathsPerAlt);
    return `expected ${described}, found ${found}`;
  },
  buildEarlyExitMessage(options) {
    const first = options.actual[0];
    const found = first ? describeToken(first) : "the end of the file";
    return `expected ${describeChoices([options.expectedIterationPaths])}, found ${found}`;
  },
};

// Keep the default provider reachable for debugging without changing messages.
export const chevrotainDefaultMessages = chevrotain.defaultParserErrorProvider;
