/**
 * A hand-written lexer for well-formed contract text: the same tokens as `contractLexer`
 * (grammar/tokens.ts), several times faster and without its per-token bookkeeping.
 *
 * It only handles text the chevrotain lexer accepts without a complaint anywhere:
 * on an unknown character, an unterminated string, regex or block comment (which the
 * AST builder reports), it returns `undefined` and the caller lexes with chevrotain,
 * so every lexer error and recovery stays chevrotain's. Tokens are built with the
 * fields, in the order, chevrotain's offset-only tokens have (`image`, `startOffset`,
 * `tokenTypeIdx`, `tokenType`) and the very same token types.
 * test/grammar/fast-path.test.ts checks both lexers agree.
 */
import type { IToken, TokenType } from "chevrotain";
import * as T from "./tokens.js";

export interface FastLexed {
  readonly tokens: IToken[];
  readonly comments: IToken[];
}

const KEYWORD_TYPES: ReadonlyMap<string, TokenType> = new Map(
  [
    T.Import, T.Contract, T.Constraints, T.Input, T.Prompt, T.Task, T.Quality, T.Safety, T.Pinned, T.Check,
    T.Judge, T.Use, T.Requires, T.Couple, T.Replay, T.And, T.Or, T.Not, T.In, T.True, T.False,
  ].map((t) => [t.name.slice("Kw_".length), t]),
);

/** Single-character punctuation that no longer token starts with. */
const SINGLE: ReadonlyMap<number, TokenType> = new Map([
  [0x7b, T.LCurly], [0x7d, T.RCurly], [0x28, T.LParen], [0x29, T.RParen], [0x5b, T.LBracket], [0x5d, T.RBracket],
  [0x2c, T.Comma], [0x3a, T.Colon], [0x2b, T.Plus], [0x2d, T.Minus], [0x2a, T.Star],
]);

/** `WhiteSpace` of grammar/tokens.ts, character by character. */
function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);
const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isLineEnd = (c: number): boolean => c === 10 || c === 13;

function token(text: string, start: number, end: number, type: TokenType): IToken {
  return { image: text.slice(start, end), startOffset: start, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type } as IToken;
}

/** End of the comment's line (exclusive), as `[^\n\r]*` stops. */
function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isLineEnd(text.charCodeAt(i))) i++;
  return i;
}

/** End of the closed one-line string starting at `start`, or -1 (unterminated: chevrotain's case). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (isLineEnd(c)) return -1;
    if (c === 92) {
      if (i + 1 < text.length && !isLineEnd(text.charCodeAt(i + 1))) i += 2;
      else return -1;
    } else i++;
  }
  return -1;
}

/** End of the closed `/pattern/flags` starting at `start`, or -1 (unterminated). */
function regexEnd(text: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isLineEnd(c)) return -1;
    if (c === 92) {
      if (i + 1 < text.length && !isLineEnd(text.charCodeAt(i + 1))) i += 2;
      else return -1;
      continue;
    }
    if (inClass) {
      if (c === 93) inClass = false;
    } else if (c === 91) inClass = true;
    else if (c === 47) {
      i++;
      while (i < text.length && isLetter(text.charCodeAt(i))) i++;
      return i;
    }
    i++;
  }
  return -1;
}

/** End of `\d+(?:\.\d+)?(?:[eE][+-]?\d+)?` starting at `start` (a digit). */
function numberEnd(text: string, start: number): number {
  let i = start + 1;
  while (isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
    i += 2;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    const sign = text.charCodeAt(i + 1);
    const digitAt = sign === 43 || sign === 45 ? i + 2 : i + 1;
    if (isDigit(text.charCodeAt(digitAt))) {
      i = digitAt + 1;
      while (isDigit(text.charCodeAt(i))) i++;
    }
  }
  return i;
}

/** The two-character operator at `i` (`..`, `==`, `!=`, `<=`, `>=`) or its one-character prefix; undefined for a lone `!`. */
function operator(c: number, next: number): { type: TokenType; length: number } | undefined {
  switch (c) {
    case 46: return next === 46 ? { type: T.DotDot, length: 2 } : { type: T.Dot, length: 1 };
    case 61: return next === 61 ? { type: T.EqEq, length: 2 } : { type: T.Equals, length: 1 };
    case 33: return next === 61 ? { type: T.NotEq, length: 2 } : undefined;
    case 60: return next === 61 ? { type: T.LtEq, length: 2 } : { type: T.Lt, length: 1 };
    case 62: return next === 61 ? { type: T.GtEq, length: 2 } : { type: T.Gt, length: 1 };
    default: return undefined;
  }
}

/** The tokens and comments of `text`, or undefined where chevrotain's lexer must decide. */
export function fastLex(text: string): FastLexed | undefined {
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      const image = text.slice(i, j);
      const type = KEYWORD_TYPES.get(image) ?? T.Identifier;
      tokens.push({ image, startOffset: i, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type } as IToken);
      i = j;
      continue;
    }
    const single = SINGLE.get(c);
    if (single !== undefined) {
      tokens.push(token(text, i, i + 1, single));
      i++;
      continue;
    }
    if (isDigit(c)) {
      const end = numberEnd(text, i);
      tokens.push(token(text, i, end, T.NumberLiteral));
      i = end;
      continue;
    }
    if (c === 34) {
      if (text.startsWith('"""', i)) {
        const close = text.indexOf('"""', i + 3);
        if (close < 0) return undefined;
        tokens.push(token(text, i, close + 3, T.TripleString));
        i = close + 3;
      } else {
        const end = stringEnd(text, i);
        if (end < 0) return undefined;
        tokens.push(token(text, i, end, T.StringLiteral));
        i = end;
      }
      continue;
    }
    if (c === 47) {
      const next = text.charCodeAt(i + 1);
      let end: number;
      if (next === 47) {
        end = lineEnd(text, i + 2);
        comments.push(token(text, i, end, text.charCodeAt(i + 2) === 47 ? T.DocComment : T.LineComment));
      } else if (next === 42) {
        const close = text.indexOf("*/", i + 2);
        if (close < 0) return undefined;
        end = close + 2;
        comments.push(token(text, i, end, T.BlockComment));
      } else {
        end = regexEnd(text, i);
        if (end < 0) return undefined;
        tokens.push(token(text, i, end, T.RegexLiteral));
      }
      i = end;
      continue;
    }
    const op = operator(c, text.charCodeAt(i + 1));
    if (op === undefined) return undefined;
    tokens.push(token(text, i, i + op.length, op.type));
    i += op.length;
  }
  return { tokens, comments };
}
