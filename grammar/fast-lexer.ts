/**
 * A hand-written lexer for well-formed contract text: the same tokens as `contractLexer()`
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
  /**
   * How many tokens can deepen nesting (`(`, `[`, `not`, `-`): no nesting is deeper than
   * this, so where it is small the parser's depth pre-pass has nothing to find.
   */
  readonly nestingTokens: number;
}

interface Fixed {
  readonly image: string;
  readonly type: TokenType;
}

/**
 * Keywords by their first letter's code. A keyword's token takes the keyword's own string
 * as its image, so the commonest tokens allocate no string (the chain of issue #8 has 150,000).
 */
const KEYWORDS_BY_FIRST: readonly (readonly Fixed[] | undefined)[] = (() => {
  const table: Fixed[][] = [];
  for (const type of [
    T.Import, T.Contract, T.Constraints, T.Input, T.Prompt, T.Task, T.Quality, T.Safety, T.Pinned, T.Check,
    T.Judge, T.Use, T.Requires, T.Couple, T.Replay, T.And, T.Or, T.Not, T.In, T.True, T.False,
  ]) {
    const image = type.name.slice("Kw_".length);
    (table[image.charCodeAt(0)] ??= []).push({ image, type });
  }
  return table;
})();

/** The keyword spelled by all of `text[start..end)`, if any. */
function keywordAt(text: string, start: number, end: number): Fixed | undefined {
  const candidates = KEYWORDS_BY_FIRST[text.charCodeAt(start)];
  if (candidates === undefined) return undefined;
  for (const k of candidates) if (k.image.length === end - start && text.startsWith(k.image, start)) return k;
  return undefined;
}

/** Single-character punctuation that no longer token starts with, by character code. */
const SINGLE: readonly (Fixed | undefined)[] = (() => {
  const table: Fixed[] = [];
  for (const [image, type] of [["{", T.LCurly], ["}", T.RCurly], ["(", T.LParen], [")", T.RParen], ["[", T.LBracket], ["]", T.RBracket],
    [",", T.Comma], [":", T.Colon], ["+", T.Plus], ["-", T.Minus], ["*", T.Star]] as const) {
    table[image.charCodeAt(0)] = { image, type };
  }
  return table;
})();

/** `WhiteSpace` of grammar/tokens.ts, character by character. */
function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);
const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isLineEnd = (c: number): boolean => c === 10 || c === 13;

/** A token with chevrotain's offset-only fields, in chevrotain's order. */
function make(image: string, start: number, type: TokenType): IToken {
  return { image, startOffset: start, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type } as IToken;
}

function token(text: string, start: number, end: number, type: TokenType): IToken {
  return make(text.slice(start, end), start, type);
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

/** The two-character operators (`..`, `==`, `!=`, `<=`, `>=`) and their one-character prefixes; a lone `!` is no token. */
const DOT_DOT: Fixed = { image: "..", type: T.DotDot };
const DOT: Fixed = { image: ".", type: T.Dot };
const EQ_EQ: Fixed = { image: "==", type: T.EqEq };
const EQUALS: Fixed = { image: "=", type: T.Equals };
const NOT_EQ: Fixed = { image: "!=", type: T.NotEq };
const LT_EQ: Fixed = { image: "<=", type: T.LtEq };
const LT: Fixed = { image: "<", type: T.Lt };
const GT_EQ: Fixed = { image: ">=", type: T.GtEq };
const GT: Fixed = { image: ">", type: T.Gt };

function operator(c: number, next: number): Fixed | undefined {
  switch (c) {
    case 46: return next === 46 ? DOT_DOT : DOT;
    case 61: return next === 61 ? EQ_EQ : EQUALS;
    case 33: return next === 61 ? NOT_EQ : undefined;
    case 60: return next === 61 ? LT_EQ : LT;
    case 62: return next === 61 ? GT_EQ : GT;
    default: return undefined;
  }
}

/** The tokens and comments of `text`, or undefined where chevrotain's lexer must decide. */
export function fastLex(text: string): FastLexed | undefined {
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  const n = text.length;
  let nestingTokens = 0;
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
      const keyword = keywordAt(text, i, j);
      if (keyword === undefined) tokens.push(token(text, i, j, T.Identifier));
      else {
        if (keyword.type === T.Not) nestingTokens++;
        tokens.push(make(keyword.image, i, keyword.type));
      }
      i = j;
      continue;
    }
    const single = c < 128 ? SINGLE[c] : undefined;
    if (single !== undefined) {
      if (c === 40 || c === 91 || c === 45) nestingTokens++;
      tokens.push(make(single.image, i, single.type));
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
    tokens.push(make(op.image, i, op.type));
    i += op.image.length;
  }
  return { tokens, comments, nestingTokens };
}
