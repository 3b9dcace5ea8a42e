/**
 * The chevrotain parser. Error recovery is on: the parser re-syncs after a mistake
 * and keeps going, so one run reports every syntax error in a file.
 *
 * Embedded actions build the typed parse tree of grammar/syntax.ts (no generic CST):
 * each rule receives the node its caller created and fills it as it consumes tokens,
 * and the caller attaches the node once the rule returns, normally or after the
 * parser recovered inside it. So a node holds what chevrotain's CST node held, and
 * src/language/ast-builder.ts turns it into the AST. Rule names, the order of
 * alternatives and occurrence indices (`CONSUME2`, `SUBRULE2`, ...) decide recovery
 * and error messages: keep them when editing the grammar.
 */
import type { IToken, IRecognitionException, TokenType } from "chevrotain";
import { chevrotain } from "./chevrotain.js";
import * as T from "./tokens.js";
import { errorMessages } from "./messages.js";
import { fastLex, scannedTokens, type FastLexed, type ScannedText } from "./fast-lexer.js";
import { fastParse } from "./fast-parser.js";
import type * as S from "./syntax.js";

function span<N extends object>(fields: N): N & S.Span {
  return Object.assign({ start: NaN, end: NaN }, fields);
}

/** Widens `node` to hold `start..end` the way chevrotain's CST location tracking does. */
function cover(node: S.Span, start: number, end: number): void {
  if (Number.isNaN(node.start)) {
    node.start = start;
    node.end = end;
  } else if (node.end < end) node.end = end;
}

/** `t`, unless error recovery inserted it (it is not in the text). */
function real(t: IToken): IToken | undefined {
  return t.isInsertedInRecovery || !Number.isFinite(t.startOffset) ? undefined : t;
}

/**
 * `node`, or the one operand it holds when that is all it holds: a precedence level with a
 * single operand is not kept in the tree (grammar/syntax.ts). Applied as each expression
 * node is attached, so its children are already collapsed.
 */
export function collapseLevel(node: S.ExpressionSyntax): S.ExpressionSyntax {
  switch (node.rule) {
    case "expression":
    case "andExpr":
    case "multiplicative":
      return node.operands.length === 1 ? node.operands[0]! : node;
    case "additive":
      return node.operands.length === 1 && node.ops.length === 0 ? node.operands[0]! : node;
    case "notExpr":
      return node.comparison !== undefined && node.not === undefined && node.operand === undefined ? node.comparison : node;
    case "comparison":
      return node.left !== undefined && node.op === undefined && node.right === undefined && node.in === undefined && node.low === undefined && node.high === undefined
        ? node.left
        : node;
    case "unary":
      return node.postfix !== undefined && node.minus === undefined && node.operand === undefined ? node.postfix : node;
    case "postfix":
      return node.primary !== undefined && node.calls.length === 0 && node.infix === undefined && node.infixArgs === undefined && node.infixOperand === undefined
        ? node.primary
        : node;
    case "primary":
      return node;
  }
}

/** `collapseLevel` for a node of a known level: collapsing never yields a higher level. */
function collapsed<L extends S.ExpressionSyntax>(node: L): L {
  return collapseLevel(node) as L;
}

export class ContractParser extends chevrotain.EmbeddedActionsParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: errorMessages, skipValidations: true });
    this.performSelfAnalysis();
  }

  /** Records a consumed token in `node` (no-op while chevrotain records the grammar); the token if it is real. */
  private take(node: S.Span | undefined, t: IToken): IToken | undefined {
    if (node === undefined || this.RECORDING_PHASE) return undefined;
    cover(node, t.startOffset, t.startOffset + t.image.length);
    return real(t);
  }

  /**
   * Runs a subrule on the fresh node `c`, then attaches `c` to `node` however the subrule
   * ended: chevrotain's CST keeps the partial node of a rule that failed (and re-synced, or
   * handed the error up), so this tree does too.
   */
  private into<C extends S.Span>(node: S.Span | undefined, c: C | undefined, run: () => void, attach: (c: C) => void): void {
    try {
      run();
    } finally {
      if (node !== undefined && c !== undefined && !this.RECORDING_PHASE) {
        cover(node, c.start, c.end);
        attach(c);
      }
    }
  }

  /** A fresh child node for a subrule (none while recording the grammar). */
  private node<N extends object>(fields: N): (N & S.Span) | undefined {
    return this.RECORDING_PHASE ? undefined : span(fields);
  }

  public file = this.RULE("file", (n?: S.FileSyntax) => {
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            const c = this.node({ rule: "importDecl" as const });
            this.into(n, c, () => this.SUBRULE(this.importDecl, { ARGS: [c] }), (c) => {
              n!.declarations.push(c);
            });
          },
        },
        {
          ALT: () => {
            const c = this.node({ rule: "contractDecl" as const, members: [] });
            this.into(n, c, () => this.SUBRULE(this.contractDecl, { ARGS: [c] }), (c) => {
              n!.declarations.push(c);
            });
          },
        },
        {
          ALT: () => {
            const c = this.node({ rule: "setDecl" as const, members: [] });
            this.into(n, c, () => this.SUBRULE(this.setDecl, { ARGS: [c] }), (c) => {
              n!.declarations.push(c);
            });
          },
        },
      ]);
    });
  });

  public importDecl = this.RULE("importDecl", (n?: S.ImportSyntax) => {
    this.take(n, this.CONSUME(T.Import));
    const s = this.node({});
    this.into(n, s, () => this.SUBRULE(this.stringLit, { ARGS: [s] }), (c) => {
      n!.path = c;
    });
  });

  public contractDecl = this.RULE("contractDecl", (n?: S.ContractSyntax) => {
    this.take(n, this.CONSUME(T.Contract));
    const name = this.take(n, this.CONSUME(T.Identifier));
    if (n && name) n.name = name;
    this.take(n, this.CONSUME(T.LCurly));
    this.MANY(() => this.memberOf(n));
    this.take(n, this.CONSUME(T.RCurly));
  });

  public setDecl = this.RULE("setDecl", (n?: S.ContractSyntax) => {
    this.take(n, this.CONSUME(T.Constraints));
    const name = this.take(n, this.CONSUME(T.Identifier));
    if (n && name) n.name = name;
    this.take(n, this.CONSUME(T.LCurly));
    this.MANY(() => this.memberOf(n));
    this.take(n, this.CONSUME(T.RCurly));
  });

  private memberOf(n: S.ContractSyntax | undefined): void {
    const m = this.node({});
    this.into(n, m, () => this.SUBRULE(this.member, { ARGS: [m] }), (c) => {
      n!.members.push(c);
    });
  }

  /** Contracts and constraint sets share one member grammar; the checker says which members a set may hold. */
  public member = this.RULE("member", (n?: S.MemberSyntax) => {
    const body = (b: S.MemberBodySyntax | undefined, run: () => void): void => this.into(n, b, run, (c) => (n!.inner = c));
    this.OR([
      { ALT: () => { const b = this.node({ rule: "inputDecl" as const }); body(b, () => this.SUBRULE(this.inputDecl, { ARGS: [b] })); } },
      { ALT: () => { const b = this.node({ rule: "promptDecl" as const }); body(b, () => this.SUBRULE(this.promptDecl, { ARGS: [b] })); } },
      { ALT: () => { const b = this.node({ rule: "constraintDecl" as const }); body(b, () => this.SUBRULE(this.constraintDecl, { ARGS: [b] })); } },
      { ALT: () => { const b = this.node({ rule: "useDecl" as const, names: [] }); body(b, () => this.SUBRULE(this.useDecl, { ARGS: [b] })); } },
      { ALT: () => { const b = this.node({ rule: "requiresDecl" as const, targets: [] }); body(b, () => this.SUBRULE(this.requiresDecl, { ARGS: [b] })); } },
      { ALT: () => { const b = this.node({ rule: "coupleDecl" as const, members: [] }); body(b, () => this.SUBRULE(this.coupleDecl, { ARGS: [b] })); } },
      { ALT: () => { const b = this.node({ rule: "replayDecl" as const, settings: [] }); body(b, () => this.SUBRULE(this.replayDecl, { ARGS: [b] })); } },
    ]);
  });

  public inputDecl = this.RULE("inputDecl", (n?: S.InputSyntax) => {
    this.take(n, this.CONSUME(T.Input));
    const name = this.take(n, this.CONSUME(T.Identifier));
    if (n && name) n.name = name;
    this.take(n, this.CONSUME(T.Colon));
    const type = this.node({});
    this.into(n, type, () => this.SUBRULE(this.typeRef, { ARGS: [type] }), (c) => {
      n!.type = c;
    });
    this.OPTION(() => {
      this.take(n, this.CONSUME(T.Equals));
      const d = this.node({ rule: "expression" as const, operands: [] });
      this.into(n, d, () => this.SUBRULE(this.expression, { ARGS: [d] }), (c) => {
        n!.default = collapseLevel(c);
      });
    });
  });

  public typeRef = this.RULE("typeRef", (n?: S.TypeRefSyntax) => {
    const name = this.take(n, this.CONSUME(T.Identifier));
    if (n && name) n.name = name;
    this.OPTION(() => {
      const list = this.take(n, this.CONSUME(T.LBracket));
      if (n && list) n.list = list;
      this.take(n, this.CONSUME(T.RBracket));
    });
  });

  public promptDecl = this.RULE("promptDecl", (n?: S.PromptSyntax) => {
    this.take(n, this.CONSUME(T.Prompt));
    const s = this.node({});
    this.into(n, s, () => this.SUBRULE(this.stringLit, { ARGS: [s] }), (c) => {
      n!.text = c;
    });
  });

  public constraintDecl = this.RULE("constraintDecl", (n?: S.ConstraintSyntax) => {
    this.OPTION(() => {
      const t = this.take(n, this.CONSUME(T.Pinned));
      if (n && t) n.pinned = t;
    });
    const role = (t: IToken): void => {
      const r = this.take(n, t);
      if (n && r && !n.role) n.role = r;
    };
    this.OR([
      { ALT: () => role(this.CONSUME(T.Task)) },
      { ALT: () => role(this.CONSUME(T.Quality)) },
      { ALT: () => role(this.CONSUME(T.Safety)) },
    ]);
    const id = this.take(n, this.CONSUME(T.Identifier));
    if (n && id) n.id = id;
    this.OPTION2(() => {
      const s = this.node({});
      this.into(n, s, () => this.SUBRULE(this.stringLit, { ARGS: [s] }), (c) => {
        n!.clause = c;
      });
    });
    this.OR2([
      {
        ALT: () => {
          const t = this.take(n, this.CONSUME(T.Check));
          if (n && t) n.check = t;
          const e = this.node({ rule: "expression" as const, operands: [] });
          this.into(n, e, () => this.SUBRULE(this.expression, { ARGS: [e] }), (c) => {
            n!.expression = collapseLevel(c);
          });
        },
      },
      {
        ALT: () => {
          const t = this.take(n, this.CONSUME(T.Judge));
          if (n && t) n.judge = t;
          const s = this.node({});
          this.into(n, s, () => this.SUBRULE2(this.stringLit, { ARGS: [s] }), (c) => {
            n!.rubric = c;
          });
        },
      },
    ]);
  });

  public useDecl = this.RULE("useDecl", (n?: S.UseSyntax) => {
    this.take(n, this.CONSUME(T.Use));
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const q = this.node({ parts: [] });
        this.into(n, q, () => this.SUBRULE(this.qualifiedName, { ARGS: [q] }), (c) => {
          n!.names.push(c);
        });
      },
    });
  });

  public qualifiedName = this.RULE("qualifiedName", (n?: S.QualifiedNameSyntax) => {
    const first = this.take(n, this.CONSUME(T.Identifier));
    if (n && first) n.parts.push(first);
    this.OPTION(() => {
      this.take(n, this.CONSUME(T.Dot));
      const second = this.take(n, this.CONSUME2(T.Identifier));
      if (n && second) n.parts.push(second);
    });
  });

  public requiresDecl = this.RULE("requiresDecl", (n?: S.RequiresSyntax) => {
    const subject = this.take(n, this.CONSUME(T.Identifier));
    if (n && subject) n.subject = subject;
    this.take(n, this.CONSUME(T.Requires));
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const t = this.take(n, this.CONSUME2(T.Identifier));
        if (n && t) n.targets.push(t);
      },
    });
  });

  public coupleDecl = this.RULE("coupleDecl", (n?: S.CoupleSyntax) => {
    this.take(n, this.CONSUME(T.Couple));
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const t = this.take(n, this.CONSUME(T.Identifier));
        if (n && t) n.members.push(t);
      },
    });
  });

  public replayDecl = this.RULE("replayDecl", (n?: S.ReplaySyntax) => {
    this.take(n, this.CONSUME(T.Replay));
    this.take(n, this.CONSUME(T.LCurly));
    this.MANY(() => {
      const s = this.node({});
      this.into(n, s, () => this.SUBRULE(this.replaySetting, { ARGS: [s] }), (c) => {
        n!.settings.push(c);
      });
    });
    this.take(n, this.CONSUME(T.RCurly));
  });

  public replaySetting = this.RULE("replaySetting", (n?: S.ReplaySettingSyntax) => {
    const name = this.take(n, this.CONSUME(T.Identifier));
    if (n && name) n.name = name;
    this.OR([
      {
        ALT: () => {
          const t = this.take(n, this.CONSUME(T.NumberLiteral));
          if (n && t) n.number = t;
        },
      },
      {
        ALT: () => {
          const t = this.take(n, this.CONSUME2(T.Identifier));
          if (n && t) n.value = t;
        },
      },
    ]);
  });

  public stringLit = this.RULE("stringLit", (n?: S.StringSyntax) => {
    const str = (t: IToken): void => {
      const r = this.take(n, t);
      if (n && r && !n.token) n.token = r;
    };
    this.OR([{ ALT: () => str(this.CONSUME(T.StringLiteral)) }, { ALT: () => str(this.CONSUME(T.TripleString)) }]);
  });

  // Expressions, lowest precedence first.
  public expression = this.RULE("expression", (n?: S.OrSyntax) => {
    this.andOperand(n, 1);
    this.MANY(() => {
      this.take(n, this.CONSUME(T.Or));
      this.andOperand(n, 2);
    });
  });

  private andOperand(n: S.OrSyntax | undefined, occurrence: 1 | 2): void {
    const c = this.node({ rule: "andExpr" as const, operands: [] });
    this.into(n, c, () => (occurrence === 1 ? this.SUBRULE(this.andExpr, { ARGS: [c] }) : this.SUBRULE2(this.andExpr, { ARGS: [c] })), (c) => {
      n!.operands.push(collapsed<S.AndLevel>(c));
    });
  }

  public andExpr = this.RULE("andExpr", (n?: S.AndSyntax) => {
    this.notOperand(n, 1);
    this.MANY(() => {
      this.take(n, this.CONSUME(T.And));
      this.notOperand(n, 2);
    });
  });

  private notOperand(n: S.AndSyntax | undefined, occurrence: 1 | 2): void {
    const c = this.node({ rule: "notExpr" as const });
    this.into(n, c, () => (occurrence === 1 ? this.SUBRULE(this.notExpr, { ARGS: [c] }) : this.SUBRULE2(this.notExpr, { ARGS: [c] })), (c) => {
      n!.operands.push(collapsed<S.NotLevel>(c));
    });
  }

  public notExpr = this.RULE("notExpr", (n?: S.NotSyntax) => {
    this.OR([
      {
        ALT: () => {
          const t = this.take(n, this.CONSUME(T.Not));
          if (n && t) n.not = t;
          const c = this.node({ rule: "notExpr" as const });
          // Inlined rather than through `into`: this alternative recurses once per prefix
          // operator, so every stack frame it saves raises the chain length that still parses.
          try {
            this.SUBRULE(this.notExpr, { ARGS: [c] });
          } finally {
            if (n && c && !this.RECORDING_PHASE) {
              cover(n, c.start, c.end);
              n.operand = collapsed<S.NotLevel>(c);
            }
          }
        },
      },
      {
        ALT: () => {
          const c = this.node({ rule: "comparison" as const });
          this.into(n, c, () => this.SUBRULE(this.comparison, { ARGS: [c] }), (c) => {
            n!.comparison = collapsed<S.ComparisonLevel>(c);
          });
        },
      },
    ]);
  });

  public comparison = this.RULE("comparison", (n?: S.ComparisonSyntax) => {
    const left = this.node({ rule: "additive" as const, operands: [], ops: [] });
    this.into(n, left, () => this.SUBRULE(this.additive, { ARGS: [left] }), (c) => {
      n!.left = collapsed<S.AdditiveLevel>(c);
    });
    const op = (t: IToken): void => {
      const r = this.take(n, t);
      if (n && r && !n.op) n.op = r;
    };
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.OR2([
              { ALT: () => op(this.CONSUME(T.EqEq)) },
              { ALT: () => op(this.CONSUME(T.NotEq)) },
              { ALT: () => op(this.CONSUME(T.LtEq)) },
              { ALT: () => op(this.CONSUME(T.GtEq)) },
              { ALT: () => op(this.CONSUME(T.Lt)) },
              { ALT: () => op(this.CONSUME(T.Gt)) },
            ]);
            const right = this.node({ rule: "additive" as const, operands: [], ops: [] });
            this.into(n, right, () => this.SUBRULE2(this.additive, { ARGS: [right] }), (c) => {
              n!.right = collapsed<S.AdditiveLevel>(c);
            });
          },
        },
        {
          ALT: () => {
            const t = this.take(n, this.CONSUME(T.In));
            if (n && t) n.in = t;
            const low = this.node({ rule: "additive" as const, operands: [], ops: [] });
            this.into(n, low, () => this.SUBRULE3(this.additive, { ARGS: [low] }), (c) => {
              n!.low = collapsed<S.AdditiveLevel>(c);
            });
            this.take(n, this.CONSUME(T.DotDot));
            const high = this.node({ rule: "additive" as const, operands: [], ops: [] });
            this.into(n, high, () => this.SUBRULE4(this.additive, { ARGS: [high] }), (c) => {
              n!.high = collapsed<S.AdditiveLevel>(c);
            });
          },
        },
      ]);
    });
  });

  public additive = this.RULE("additive", (n?: S.AdditiveSyntax) => {
    this.multiplicativeOperand(n, 1);
    const op = (t: IToken): void => {
      const r = this.take(n, t);
      if (n && r) n.ops.push(r);
    };
    this.MANY(() => {
      this.OR([{ ALT: () => op(this.CONSUME(T.Plus)) }, { ALT: () => op(this.CONSUME(T.Minus)) }]);
      this.multiplicativeOperand(n, 2);
    });
  });

  private multiplicativeOperand(n: S.AdditiveSyntax | undefined, occurrence: 1 | 2): void {
    const c = this.node({ rule: "multiplicative" as const, operands: [] });
    this.into(n, c, () => (occurrence === 1 ? this.SUBRULE(this.multiplicative, { ARGS: [c] }) : this.SUBRULE2(this.multiplicative, { ARGS: [c] })), (c) => {
      n!.operands.push(collapsed<S.MultiplicativeLevel>(c));
    });
  }

  public multiplicative = this.RULE("multiplicative", (n?: S.MultiplicativeSyntax) => {
    this.unaryOperand(n, 1);
    this.MANY(() => {
      this.take(n, this.CONSUME(T.Star));
      this.unaryOperand(n, 2);
    });
  });

  private unaryOperand(n: S.MultiplicativeSyntax | undefined, occurrence: 1 | 2): void {
    const c = this.node({ rule: "unary" as const });
    this.into(n, c, () => (occurrence === 1 ? this.SUBRULE(this.unary, { ARGS: [c] }) : this.SUBRULE2(this.unary, { ARGS: [c] })), (c) => {
      n!.operands.push(collapsed<S.UnaryLevel>(c));
    });
  }

  public unary = this.RULE("unary", (n?: S.UnarySyntax) => {
    this.OR([
      {
        ALT: () => {
          const t = this.take(n, this.CONSUME(T.Minus));
          if (n && t) n.minus = t;
          const c = this.node({ rule: "unary" as const });
          // Inlined rather than through `into`: this alternative recurses once per prefix
          // operator, so every stack frame it saves raises the chain length that still parses.
          try {
            this.SUBRULE(this.unary, { ARGS: [c] });
          } finally {
            if (n && c && !this.RECORDING_PHASE) {
              cover(n, c.start, c.end);
              n.operand = collapsed<S.UnaryLevel>(c);
            }
          }
        },
      },
      {
        ALT: () => {
          const c = this.node({ rule: "postfix" as const, calls: [] });
          this.into(n, c, () => this.SUBRULE(this.postfix, { ARGS: [c] }), (c) => {
            n!.postfix = collapsed<S.PostfixLevel>(c);
          });
        },
      },
    ]);
  });

  /**
   * `first_line.words`, `paragraph(2).contains("x")` (method form) and
   * `last_paragraph starts_with "Recommendation:"` (infix form). The infix predicate
   * must start on the line where its subject ends: a new line starting with a name is
   * a new member (`a requires b`), not a predicate.
   */
  public postfix = this.RULE("postfix", (n?: S.PostfixSyntax) => {
    const p = this.node({ rule: "primary" as const });
    this.into(n, p, () => this.SUBRULE(this.primary, { ARGS: [p] }), (c) => {
      n!.primary = c;
    });
    this.MANY(() => {
      const m = this.node({});
      this.into(n, m, () => this.SUBRULE(this.methodCall, { ARGS: [m] }), (c) => {
        n!.calls.push(c);
      });
    });
    this.OPTION2({
      GATE: () => this.infixPredicateAhead(),
      DEF: () => {
        const t = this.take(n, this.CONSUME2(T.Identifier));
        if (n && t) n.infix = t;
        // `x starts_with("a", ignore_case: true)` takes an argument list; `x starts_with "a"` one operand.
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            {
              ALT: () => {
                const a = this.node({ args: [] });
                this.into(n, a, () => this.SUBRULE2(this.callArgs, { ARGS: [a] }), (c) => {
                  n!.infixArgs = c;
                });
              },
            },
            {
              ALT: () => {
                const o = this.node({ rule: "primary" as const });
                this.into(n, o, () => this.SUBRULE2(this.primary, { ARGS: [o] }), (c) => {
                  n!.infixOperand = c;
                });
              },
            },
          ],
        });
      },
    });
  });

  /**
   * `.name` or `.name(args)`: one node per method, so its argument list stays with it
   * whatever comments sit between the name and `(`.
   */
  public methodCall = this.RULE("methodCall", (n?: S.MethodCallSyntax) => {
    this.take(n, this.CONSUME(T.Dot));
    const m = this.take(n, this.CONSUME(T.Identifier));
    if (n && m) n.method = m;
    this.OPTION(() => {
      const a = this.node({ args: [] });
      this.into(n, a, () => this.SUBRULE(this.callArgs, { ARGS: [a] }), (c) => {
        n!.args = c;
      });
    });
  });

  public primary = this.RULE("primary", (n?: S.PrimarySyntax) => {
    this.OR([
      {
        ALT: () => {
          const t = this.take(n, this.CONSUME(T.NumberLiteral));
          if (n && t) n.number = t;
        },
      },
      {
        ALT: () => {
          const s = this.node({});
          this.into(n, s, () => this.SUBRULE(this.stringLit, { ARGS: [s] }), (c) => {
            n!.string = c;
          });
        },
      },
      {
        ALT: () => {
          const t = this.take(n, this.CONSUME(T.RegexLiteral));
          if (n && t) n.regex = t;
        },
      },
      {
        ALT: () => {
          const t = this.take(n, this.CONSUME(T.True));
          if (n && t) n.true = t;
        },
      },
      {
        ALT: () => {
          const t = this.take(n, this.CONSUME(T.False));
          if (n && t) n.false = t;
        },
      },
      {
        ALT: () => {
          const l = this.node({ items: [] });
          this.into(n, l, () => this.SUBRULE(this.listLit, { ARGS: [l] }), (c) => {
            n!.list = c;
          });
        },
      },
      {
        ALT: () => {
          const t = this.take(n, this.CONSUME(T.Identifier));
          if (n && t) n.name = t;
          this.OPTION(() => {
            const a = this.node({ args: [] });
            this.into(n, a, () => this.SUBRULE(this.callArgs, { ARGS: [a] }), (c) => {
              n!.args = c;
            });
          });
          // `ends_with "Thanks"`: a predicate applied to the whole response, operand on the same line.
          this.OPTION2({
            GATE: () => this.literalOperandAhead(),
            DEF: () => {
              const o = this.node({});
              this.into(n, o, () => this.SUBRULE(this.literal, { ARGS: [o] }), (c) => {
                n!.operand = c;
              });
            },
          });
        },
      },
      {
        ALT: () => {
          this.take(n, this.CONSUME(T.LParen));
          const e = this.node({ rule: "expression" as const, operands: [] });
          this.into(n, e, () => this.SUBRULE(this.expression, { ARGS: [e] }), (c) => {
            n!.inner = collapseLevel(c);
          });
          this.take(n, this.CONSUME(T.RParen));
        },
      },
    ]);
  });

  public literal = this.RULE("literal", (n?: S.LiteralSyntax) => {
    this.OR([
      {
        ALT: () => {
          const s = this.node({});
          this.into(n, s, () => this.SUBRULE(this.stringLit, { ARGS: [s] }), (c) => {
            n!.string = c;
          });
        },
      },
      {
        ALT: () => {
          const t = this.take(n, this.CONSUME(T.RegexLiteral));
          if (n && t) n.regex = t;
        },
      },
      {
        ALT: () => {
          const l = this.node({ items: [] });
          this.into(n, l, () => this.SUBRULE(this.listLit, { ARGS: [l] }), (c) => {
            n!.list = c;
          });
        },
      },
    ]);
  });

  public callArgs = this.RULE("callArgs", (n?: S.CallArgsSyntax) => {
    this.take(n, this.CONSUME(T.LParen));
    this.MANY_SEP({
      SEP: T.Comma,
      DEF: () => {
        const a = this.node({});
        this.into(n, a, () => this.SUBRULE(this.argument, { ARGS: [a] }), (c) => {
          n!.args.push(c);
        });
      },
    });
    this.take(n, this.CONSUME(T.RParen));
  });

  public argument = this.RULE("argument", (n?: S.ArgumentSyntax) => {
    this.OPTION({
      GATE: () => this.LA(2).tokenType === T.Colon,
      DEF: () => {
        const t = this.take(n, this.CONSUME(T.Identifier));
        if (n && t) n.name = t;
        this.take(n, this.CONSUME(T.Colon));
      },
    });
    const e = this.node({ rule: "expression" as const, operands: [] });
    this.into(n, e, () => this.SUBRULE(this.expression, { ARGS: [e] }), (c) => {
      n!.value = collapseLevel(c);
    });
  });

  /**
   * `[a, b]`, with an optional trailing comma (`[a, b,]`). Written out rather than as
   * MANY_SEP + an optional comma: MANY_SEP takes every comma as a separator and then
   * requires an item after it, so the trailing comma was rejected.
   */
  public listLit = this.RULE("listLit", (n?: S.ListSyntax) => {
    this.take(n, this.CONSUME(T.LBracket));
    this.OPTION(() => {
      this.listItem(n, 1);
      this.MANY(() => {
        this.take(n, this.CONSUME(T.Comma));
        this.listItem(n, 2);
      });
      this.OPTION2(() => this.take(n, this.CONSUME2(T.Comma)));
    });
    this.take(n, this.CONSUME(T.RBracket));
  });

  private listItem(n: S.ListSyntax | undefined, occurrence: 1 | 2): void {
    const e = this.node({ rule: "expression" as const, operands: [] });
    this.into(n, e, () => (occurrence === 1 ? this.SUBRULE(this.expression, { ARGS: [e] }) : this.SUBRULE2(this.expression, { ARGS: [e] })), (c) => {
      n!.items.push(collapseLevel(c));
    });
  }

  /** The text being parsed: the gates below look for line breaks in it (tokens carry offsets only). */
  public text = "";

  /** Whether a line break separates the end of `prev` from the start of `next` (comments between count). */
  private lineBreakBetween(prev: IToken, next: IToken): boolean {
    const end = next.startOffset;
    for (let i = prev.startOffset + prev.image.length; i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 10 || c === 13) return true;
    }
    return false;
  }

  private literalOperandAhead(): boolean {
    const next = this.LA(1).tokenType;
    if (next !== T.StringLiteral && next !== T.TripleString && next !== T.RegexLiteral && next !== T.LBracket) return false;
    const prev = this.LA(0);
    // Only directly after a bare name: `contains("a") "b"` stays an error.
    return prev.tokenType === T.Identifier && !this.lineBreakBetween(prev, this.LA(1));
  }

  private infixPredicateAhead(): boolean {
    const next = this.LA(1);
    if (next.tokenType !== T.Identifier) return false;
    // `a requires b` on the same line is never an infix predicate.
    if (this.LA(2).tokenType === T.Requires) return false;
    const prev = this.LA(0);
    // Not after the end of input (the parser's stand-in token there has no position).
    return Number.isFinite(prev.startOffset) && !this.lineBreakBetween(prev, next);
  }
}

/** One shared instance: chevrotain parsers are reusable and self-analysis is costly. */
let shared: ContractParser | undefined;
export function contractParser(): ContractParser {
  shared ??= new ContractParser();
  return shared;
}

export interface ParseOutput {
  readonly syntax: S.FileSyntax;
  readonly tokens: readonly IToken[];
  readonly comments: readonly IToken[];
  readonly lexErrors: readonly { offset: number; line: number | undefined; column: number | undefined; length: number; message: string }[];
  readonly parseErrors: readonly IRecognitionException[];
  /**
   * The first `(`, `[` or prefix operator nested deeper than `MAX_BRACKET_DEPTH`; the document
   * is then not parsed (recursive descent would overflow).
   */
  readonly tooDeep?: IToken;
}

/**
 * Deepest nesting the parser accepts (HIR1007): open `(`/`[` plus the prefix operators
 * (`not`, unary `-`) in a row at that point. Recursive descent needs stack per level,
 * and each prefix operator is a level (about 1,100 of them in a row overflowed).
 */
export const MAX_BRACKET_DEPTH = 100;

/** Tokens that end an operand: a `-` right after one is binary, not a prefix operator. */
const OPERAND_END: ReadonlySet<TokenType> = new Set([
  T.Identifier, T.NumberLiteral, T.StringLiteral, T.TripleString, T.RegexLiteral, T.True, T.False, T.RParen, T.RBracket,
]);

function firstTooDeep(tokens: readonly IToken[]): IToken | undefined {
  let depth = 0;
  let prefixRun = 0;
  let prev: TokenType | undefined;
  for (const t of tokens) {
    const type = t.tokenType;
    if (type === T.Not || (type === T.Minus && (prev === undefined || !OPERAND_END.has(prev)))) {
      if (depth + ++prefixRun > MAX_BRACKET_DEPTH) return t;
    } else {
      prefixRun = 0;
      if (type === T.LParen || type === T.LBracket) {
        if (++depth > MAX_BRACKET_DEPTH) return t;
      } else if ((type === T.RParen || type === T.RBracket) && depth > 0) depth--;
    }
    prev = type;
  }
  return undefined;
}

export interface ParseOptions {
  /** `false` forces chevrotain's lexer and parser (the differential tests compare both paths). */
  readonly fastPath?: boolean;
  /** The fast lexer's scan of this very text, when the caller already has it: not lexed again. */
  readonly scanned?: ScannedText;
}

/**
 * Lexes and parses one document. Never throws on any input string.
 *
 * Well-formed text takes the hand-written path (grammar/fast-lexer.ts, fast-parser.ts),
 * which builds exactly what chevrotain would; the first thing it is unsure of (a lexer
 * error, an unterminated literal, an unexpected token) hands the document to chevrotain,
 * so every error, recovery and message is chevrotain's. `fastPath: false` forces chevrotain
 * (the differential test compares both).
 */
export function parseContractText(text: string, options: ParseOptions = {}): ParseOutput {
  const fast = options.fastPath === false ? undefined : options.scanned !== undefined ? lexedFromScan(options.scanned, text) : fastLex(text);
  const lexed = fast ? { tokens: fast.tokens, comments: fast.comments, errors: [] } : chevrotainLex(text);
  const tooDeep = fast && fast.nestingTokens <= MAX_BRACKET_DEPTH ? undefined : firstTooDeep(lexed.tokens);
  if (tooDeep) {
    return { syntax: span({ declarations: [] }), tokens: lexed.tokens, comments: lexed.comments, lexErrors: lexed.errors, parseErrors: [], tooDeep };
  }
  const quick = fast && fastParse(lexed.tokens, text);
  if (quick) return { syntax: quick, tokens: lexed.tokens, comments: lexed.comments, lexErrors: [], parseErrors: [] };
  const parser = contractParser();
  parser.text = text;
  parser.input = lexed.tokens;
  const syntax: S.FileSyntax = span({ declarations: [] });
  parser.file(syntax);
  const parseErrors = parser.errors;
  // The shared parser would otherwise hold this document's tokens until the next parse.
  parser.input = [];
  return {
    syntax,
    tokens: lexed.tokens,
    comments: lexed.comments,
    lexErrors: lexed.errors,
    parseErrors,
  };
}

function lexedFromScan(scan: ScannedText, text: string): FastLexed {
  return { tokens: scannedTokens(scan, text), comments: scan.comments, nestingTokens: scan.nestingTokens };
}

function chevrotainLex(text: string): { tokens: IToken[]; comments: IToken[]; errors: ParseOutput["lexErrors"] } {
  const lexed = T.contractLexer().tokenize(text);
  return { tokens: lexed.tokens, comments: lexed.groups["comments"] ?? [], errors: lexed.errors };
}

export const EOF = chevrotain.EOF;
