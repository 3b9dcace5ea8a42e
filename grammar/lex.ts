/**
 * The one way to lex contract text: the hand-written lexer (grammar/fast-lexer.ts) where
 * it is sure, chevrotain's `contractLexer()` otherwise (lexer errors, unterminated
 * literals), with chevrotain's result shape either way.
 */
import type { ILexingResult } from "chevrotain";
import { fastLex } from "./fast-lexer.js";
import { contractLexer } from "./tokens.js";

export function lexContract(text: string): ILexingResult {
  const fast = fastLex(text);
  return fast ? { tokens: fast.tokens, groups: { comments: fast.comments }, errors: [] } : contractLexer().tokenize(text);
}
