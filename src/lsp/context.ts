/**
 * Where the cursor is, syntactically, in text that may not parse yet: the enclosing block
 * (found with the language's own lexer, so braces in strings and comments do not count),
 * whether the cursor is inside a string, and the declaration around it.
 */
import type { IToken } from "chevrotain";
import { lexContract } from "../../grammar/lex.js";
import type { ContractModel, ConstraintSetModel } from "../language/model.js";
import type { Program } from "../language/program.js";

export type Block = "top" | "contract" | "constraints" | "replay" | "other";

export interface CursorContext {
  readonly block: Block;
  /** The text of the current line up to the cursor. */
  readonly linePrefix: string;
  /** The token the cursor is inside of or right after, if any. */
  readonly token?: IToken;
  readonly inString: boolean;
  readonly inComment: boolean;
  /** The tokens of the current line before the word being typed (`["task", "x", "\"...\""]`). */
  readonly before: readonly string[];
}

export function cursorContext(text: string, offset: number): CursorContext {
  const lexed = lexContract(text);
  const stack: Block[] = [];
  let prev: IToken | undefined;
  let prev2: IToken | undefined;
  let token: IToken | undefined;
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  for (const t of lexed.tokens) {
    const end = t.startOffset + t.image.length;
    if (t.startOffset >= offset) break;
    if (end >= offset) token = t;
    if (end > offset) break;
    if (t.image === "{") {
      const kw = prev2?.tokenType.name === "Kw_contract" ? "contract" : prev2?.tokenType.name === "Kw_constraints" ? "constraints" : prev?.tokenType.name === "Kw_replay" ? "replay" : "other";
      stack.push(kw);
    } else if (t.image === "}") {
      stack.pop();
    }
    prev2 = prev;
    prev = t;
  }
  const comment = (lexed.groups["comments"] ?? []).find((c) => c.startOffset < offset && offset <= c.startOffset + c.image.length);
  const kind = token?.tokenType.name;
  const image = token?.image ?? "";
  const closed = kind === "TripleString" ? image.length >= 6 && image.endsWith('"""') : image.length >= 2 && /[^\\]"$|^""$/.test(image);
  const inString = (kind === "StringLiteral" || kind === "TripleString") && (offset < (token?.startOffset ?? 0) + image.length || !closed);
  const linePrefix = text.slice(lineStart, offset);
  // The word being typed is not part of what comes before it.
  const before = lexContract(linePrefix.replace(/[A-Za-z_][A-Za-z0-9_]*$/, "")).tokens.map((t) => t.image);
  return {
    block: stack[stack.length - 1] ?? "top",
    linePrefix,
    ...(token ? { token } : {}),
    inString: Boolean(inString),
    inComment: comment !== undefined,
    before,
  };
}

/** The contract or constraint set whose braces hold the offset (or the last one before it). */
export function enclosingDeclaration(program: Program, file: string, offset: number): { contract?: ContractModel; set?: ConstraintSetModel } {
  const inside = <T extends { file: string; decl: { range: { start: { offset: number }; end: { offset: number } } } }>(list: readonly T[]): T | undefined => {
    let best: T | undefined;
    for (const x of list) {
      if (x.file !== file || x.decl.range.start.offset > offset) continue;
      if (!best || x.decl.range.start.offset > best.decl.range.start.offset) best = x;
    }
    return best;
  };
  const c = inside(program.contracts);
  const s = inside(program.sets);
  if (c && (!s || c.decl.range.start.offset > s.decl.range.start.offset)) return { contract: c };
  return s ? { set: s } : {};
}
