/**
 * The chevrotain CST parser. Error recovery is on: the parser re-syncs after a
 * mistake and keeps going, so one run reports every syntax error in a file.
 * The CST is turned into the typed AST by src/language/ast-builder.ts.
 */
import { CstParser, EOF, type CstNode, type IToken, type IRecognitionException } from "chevrotain";
import * as T from "./tokens.js";
import { errorMessages } from "./messages.js";

export class ContractParser extends CstParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: errorMessages, nodeLocationTracking: "full" });
    this.performSelfAnalysis();
  }

  public file = this.RULE("file", () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.importDecl) },
        { ALT: () => this.SUBRULE(this.contractDecl) },
        { ALT: () => this.SUBRULE(this.setDecl) },
      ]);
    });
  });

  public importDecl = this.RULE("importDecl", () => {
    this.CONSUME(T.Import);
    this.SUBRULE(this.stringLit);
  });

  public contractDecl = this.RULE("contractDecl", () => {
    this.CONSUME(T.Contract);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.member));
    this.CONSUME(T.RCurly);
  });

  public setDecl = this.RULE("setDecl", () => {
    this.CONSUME(T.Constraints);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.member));
    this.CONSUME(T.RCurly);
  });

  /** Contracts and constraint sets share one member grammar; the checker says which members a set may hold. */
  public member = this.RULE("member", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.inputDecl) },
      { ALT: () => this.SUBRULE(this.promptDecl) },
      { ALT: () => this.SUBRULE(this.constraintDecl) },
      { ALT: () => this.SUBRULE(this.useDecl) },
      { ALT: () => this.SUBRULE(this.requiresDecl) },
      { ALT: () => this.SUBRULE(this.coupleDecl) },
      { ALT: () => this.SUBRULE(this.replayDecl) },
    ]);
  });

  public inputDecl = this.RULE("inputDecl", () => {
    this.CONSUME(T.Input);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef);
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      this.SUBRULE(this.expression, { LABEL: "default" });
    });
  });

  public typeRef = this.RULE("typeRef", () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.LBracket);
      this.CONSUME(T.RBracket);
    });
  });

  public promptDecl = this.RULE("promptDecl", () => {
    this.CONSUME(T.Prompt);
    this.SUBRULE(this.stringLit);
  });

  public constraintDecl = this.RULE("constraintDecl", () => {
    this.OPTION(() => this.CONSUME(T.Pinned));
    this.OR([
      { ALT: () => this.CONSUME(T.Task, { LABEL: "role" }) },
      { ALT: () => this.CONSUME(T.Quality, { LABEL: "role" }) },
      { ALT: () => this.CONSUME(T.Safety, { LABEL: "role" }) },
    ]);
    this.CONSUME(T.Identifier, { LABEL: "id" });
    this.OPTION2(() => this.SUBRULE(this.stringLit, { LABEL: "clause" }));
    this.OR2([
      {
        ALT: () => {
          this.CONSUME(T.Check);
          this.SUBRULE(this.expression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Judge);
          this.SUBRULE2(this.stringLit, { LABEL: "rubric" });
        },
      },
    ]);
  });

  public useDecl = this.RULE("useDecl", () => {
    this.CONSUME(T.Use);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.qualifiedName) });
  });

  public qualifiedName = this.RULE("qualifiedName", () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.Dot);
      this.CONSUME2(T.Identifier);
    });
  });

  public requiresDecl = this.RULE("requiresDecl", () => {
    this.CONSUME(T.Identifier, { LABEL: "subject" });
    this.CONSUME(T.Requires);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME2(T.Identifier, { LABEL: "target" }) });
  });

  public coupleDecl = this.RULE("coupleDecl", () => {
    this.CONSUME(T.Couple);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.Identifier) });
  });

  public replayDecl = this.RULE("replayDecl", () => {
    this.CONSUME(T.Replay);
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.replaySetting));
    this.CONSUME(T.RCurly);
  });

  public replaySetting = this.RULE("replaySetting", () => {
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OR([
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME2(T.Identifier, { LABEL: "value" }) },
    ]);
  });

  public stringLit = this.RULE("stringLit", () => {
    this.OR([{ ALT: () => this.CONSUME(T.StringLiteral) }, { ALT: () => this.CONSUME(T.TripleString) }]);
  });

  // Expressions, lowest precedence first.
  public expression = this.RULE("expression", () => {
    this.SUBRULE(this.andExpr);
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.andExpr);
    });
  });

  public andExpr = this.RULE("andExpr", () => {
    this.SUBRULE(this.notExpr);
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE2(this.notExpr);
    });
  });

  public notExpr = this.RULE("notExpr", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.SUBRULE(this.notExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.comparison) },
    ]);
  });

  public comparison = this.RULE("comparison", () => {
    this.SUBRULE(this.additive);
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.OR2([
              { ALT: () => this.CONSUME(T.EqEq, { LABEL: "op" }) },
              { ALT: () => this.CONSUME(T.NotEq, { LABEL: "op" }) },
              { ALT: () => this.CONSUME(T.LtEq, { LABEL: "op" }) },
              { ALT: () => this.CONSUME(T.GtEq, { LABEL: "op" }) },
              { ALT: () => this.CONSUME(T.Lt, { LABEL: "op" }) },
              { ALT: () => this.CONSUME(T.Gt, { LABEL: "op" }) },
            ]);
            this.SUBRULE2(this.additive, { LABEL: "right" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.In);
            this.SUBRULE3(this.additive, { LABEL: "low" });
            this.CONSUME(T.DotDot);
            this.SUBRULE4(this.additive, { LABEL: "high" });
          },
        },
      ]);
    });
  });

  public additive = this.RULE("additive", () => {
    this.SUBRULE(this.multiplicative);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Plus, { LABEL: "op" }) }, { ALT: () => this.CONSUME(T.Minus, { LABEL: "op" }) }]);
      this.SUBRULE2(this.multiplicative);
    });
  });

  public multiplicative = this.RULE("multiplicative", () => {
    this.SUBRULE(this.unary);
    this.MANY(() => {
      this.CONSUME(T.Star, { LABEL: "op" });
      this.SUBRULE2(this.unary);
    });
  });

  public unary = this.RULE("unary", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Minus);
          this.SUBRULE(this.unary);
        },
      },
      { ALT: () => this.SUBRULE(this.postfix) },
    ]);
  });

  /**
   * `first_line.words`, `paragraph(2).contains("x")` (method form) and
   * `last_paragraph starts_with "Recommendation:"` (infix form). The infix predicate
   * must start on the line where its subject ends: a new line starting with a name is
   * a new member (`a requires b`), not a predicate.
   */
  public postfix = this.RULE("postfix", () => {
    this.SUBRULE(this.primary);
    this.MANY(() => this.SUBRULE(this.methodCall));
    this.OPTION2({
      GATE: () => this.infixPredicateAhead(),
      DEF: () => {
        this.CONSUME2(T.Identifier, { LABEL: "infix" });
        // `x starts_with("a", ignore_case: true)` takes an argument list; `x starts_with "a"` one operand.
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { ALT: () => this.SUBRULE2(this.callArgs, { LABEL: "infixArgs" }) },
            { ALT: () => this.SUBRULE2(this.primary, { LABEL: "infixOperand" }) },
          ],
        });
      },
    });
  });

  /**
   * `.name` or `.name(args)`: one node per method, so its argument list stays with it
   * whatever comments sit between the name and `(`.
   */
  public methodCall = this.RULE("methodCall", () => {
    this.CONSUME(T.Dot);
    this.CONSUME(T.Identifier, { LABEL: "method" });
    this.OPTION(() => this.SUBRULE(this.callArgs, { LABEL: "methodArgs" }));
  });

  public primary = this.RULE("primary", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.SUBRULE(this.stringLit) },
      { ALT: () => this.CONSUME(T.RegexLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.SUBRULE(this.listLit) },
      {
        ALT: () => {
          this.CONSUME(T.Identifier);
          this.OPTION(() => this.SUBRULE(this.callArgs));
          // `ends_with "Thanks"`: a predicate applied to the whole response, operand on the same line.
          this.OPTION2({
            GATE: () => this.literalOperandAhead(),
            DEF: () => this.SUBRULE(this.literal, { LABEL: "operand" }),
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(T.RParen);
        },
      },
    ]);
  });

  public literal = this.RULE("literal", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.stringLit) },
      { ALT: () => this.CONSUME(T.RegexLiteral) },
      { ALT: () => this.SUBRULE(this.listLit) },
    ]);
  });

  public callArgs = this.RULE("callArgs", () => {
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.argument) });
    this.CONSUME(T.RParen);
  });

  public argument = this.RULE("argument", () => {
    this.OPTION({
      GATE: () => this.LA(2).tokenType === T.Colon,
      DEF: () => {
        this.CONSUME(T.Identifier, { LABEL: "argName" });
        this.CONSUME(T.Colon);
      },
    });
    this.SUBRULE(this.expression);
  });

  /**
   * `[a, b]`, with an optional trailing comma (`[a, b,]`). Written out rather than as
   * MANY_SEP + an optional comma: MANY_SEP takes every comma as a separator and then
   * requires an item after it, so the trailing comma was rejected.
   */
  public listLit = this.RULE("listLit", () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expression);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.expression);
      });
      this.OPTION2(() => this.CONSUME2(T.Comma, { LABEL: "trailingComma" }));
    });
    this.CONSUME(T.RBracket);
  });

  private literalOperandAhead(): boolean {
    const next = this.LA(1).tokenType;
    if (next !== T.StringLiteral && next !== T.TripleString && next !== T.RegexLiteral && next !== T.LBracket) return false;
    const prev = this.LA(0);
    // Only directly after a bare name: `contains("a") "b"` stays an error.
    return prev.tokenType === T.Identifier && this.LA(1).startLine === prev.endLine;
  }

  private infixPredicateAhead(): boolean {
    const next = this.LA(1);
    if (next.tokenType !== T.Identifier) return false;
    // `a requires b` on the same line is never an infix predicate.
    if (this.LA(2).tokenType === T.Requires) return false;
    const prev = this.LA(0);
    return prev.endLine !== undefined && next.startLine === prev.endLine;
  }
}

/** One shared instance: chevrotain parsers are reusable and self-analysis is costly. */
let shared: ContractParser | undefined;
export function contractParser(): ContractParser {
  shared ??= new ContractParser();
  return shared;
}

export interface ParseOutput {
  readonly cst: CstNode;
  readonly tokens: readonly IToken[];
  readonly comments: readonly IToken[];
  readonly lexErrors: readonly { offset: number; line: number | undefined; column: number | undefined; length: number; message: string }[];
  readonly parseErrors: readonly IRecognitionException[];
  /** The first `(` or `[` deeper than `MAX_BRACKET_DEPTH`; the document is then not parsed (recursive descent would overflow). */
  readonly tooDeep?: IToken;
}

/** Deepest `(`/`[` nesting the parser accepts (HIR1007); recursive descent needs stack per level. */
export const MAX_BRACKET_DEPTH = 100;

function firstTooDeep(tokens: readonly IToken[]): IToken | undefined {
  let depth = 0;
  for (const t of tokens) {
    if (t.tokenType === T.LParen || t.tokenType === T.LBracket) {
      if (++depth > MAX_BRACKET_DEPTH) return t;
    } else if ((t.tokenType === T.RParen || t.tokenType === T.RBracket) && depth > 0) depth--;
  }
  return undefined;
}

/** Lexes and parses one document. Never throws on any input string. */
export function parseContractText(text: string): ParseOutput {
  const lexed = T.contractLexer.tokenize(text);
  const tooDeep = firstTooDeep(lexed.tokens);
  if (tooDeep) {
    return { cst: { name: "file", children: {} }, tokens: lexed.tokens, comments: lexed.groups["comments"] ?? [], lexErrors: lexed.errors, parseErrors: [], tooDeep };
  }
  const parser = contractParser();
  parser.input = lexed.tokens;
  const cst = parser.file();
  return {
    cst,
    tokens: lexed.tokens,
    comments: lexed.groups["comments"] ?? [],
    lexErrors: lexed.errors,
    parseErrors: parser.errors,
  };
}

export { EOF };
