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
  /** The type's kind (see {@link TOKEN_KINDS}). */
  readonly kind: number;
}

function fixed(image: string, type: TokenType): Fixed {
  return { image, type, kind: T.allTokens.indexOf(type) };
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
    (table[image.charCodeAt(0)] ??= []).push(fixed(image, type));
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
    table[image.charCodeAt(0)] = fixed(image, type);
  }
  return table;
})();

/** `WhiteSpace` of grammar/tokens.ts, character by character. */
function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isLineEnd = (c: number): boolean => c === 10 || c === 13;

/**
 * ASCII character classes as bits, for the scanning loop: a table lookup instead of calls,
 * which matters while the loop still runs unoptimised (every command runs it cold).
 */
const SPACE = 1;
const IDENT_START = 2;
const IDENT_PART = 4;
const ASCII_CLASS: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    if (isSpace(c)) table[c]! |= SPACE;
    if (isIdentStart(c)) table[c]! |= IDENT_START | IDENT_PART;
    if (isDigit(c)) table[c]! |= IDENT_PART;
  }
  return table;
})();

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
const DOT_DOT = fixed("..", T.DotDot);
const DOT = fixed(".", T.Dot);
const EQ_EQ = fixed("==", T.EqEq);
const EQUALS = fixed("=", T.Equals);
const NOT_EQ = fixed("!=", T.NotEq);
const LT_EQ = fixed("<=", T.LtEq);
const LT = fixed("<", T.Lt);
const GT_EQ = fixed(">=", T.GtEq);
const GT = fixed(">", T.Gt);

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

/**
 * Token kinds of a {@link ScannedText}: a token's kind is its type's index here. Small
 * integers, so a scan stores them in a byte array.
 */
export const TOKEN_KINDS: readonly TokenType[] = T.allTokens;

/** The kind of token type `type`. */
export function kindOf(type: TokenType): number {
  return TOKEN_KINDS.indexOf(type);
}

/**
 * The tokens of a text as parallel arrays (kind, start, end) instead of one object per
 * token: what a parser that builds the AST straight from the text needs, and nothing for
 * the garbage collector to trace or copy (a 777 KB spec has 120,000 tokens). Comments stay
 * chevrotain-shaped tokens: they are few, and the AST builder keeps them.
 */
export interface ScannedText {
  readonly count: number;
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  /** Exclusive end offsets. */
  readonly ends: Int32Array;
  readonly comments: IToken[];
  /** As {@link FastLexed.nestingTokens}. */
  readonly nestingTokens: number;
}

/** The image of a token of each kind whose text is always the same (keywords, punctuation). */
const FIXED_IMAGES: readonly (string | undefined)[] = (() => {
  const images: (string | undefined)[] = TOKEN_KINDS.map(() => undefined);
  for (const list of KEYWORDS_BY_FIRST) for (const k of list ?? []) images[k.kind] = k.image;
  for (const f of [...SINGLE, DOT_DOT, DOT, EQ_EQ, EQUALS, NOT_EQ, LT_EQ, LT, GT_EQ, GT]) if (f !== undefined) images[f.kind] = f.image;
  return images;
})();

/** The image of token `i` of a scan of `text`: a keyword's or operator's own string, else the text it covers. */
export function tokenImage(scan: ScannedText, text: string, i: number): string {
  return FIXED_IMAGES[scan.kinds[i]!] ?? text.slice(scan.starts[i], scan.ends[i]);
}

const K_IDENTIFIER = kindOf(T.Identifier);
const K_NUMBER = kindOf(T.NumberLiteral);
const K_TRIPLE = kindOf(T.TripleString);
const K_STRING = kindOf(T.StringLiteral);
const K_REGEX = kindOf(T.RegexLiteral);
const K_NOT = kindOf(T.Not);

/** Growable parallel token arrays. */
class TokenArrays {
  count = 0;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;

  constructor(capacity: number) {
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  push(kind: number, start: number, end: number): void {
    if (this.count === this.kinds.length) this.grow();
    const i = this.count++;
    this.kinds[i] = kind;
    this.starts[i] = start;
    this.ends[i] = end;
  }

  private grow(): void {
    const capacity = this.kinds.length * 2;
    const kinds = new Uint8Array(capacity);
    kinds.set(this.kinds);
    const starts = new Int32Array(capacity);
    starts.set(this.starts);
    const ends = new Int32Array(capacity);
    ends.set(this.ends);
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
  }
}

/** The tokens and comments of `text` as arrays, or undefined where chevrotain's lexer must decide. */
export function scanContract(text: string): ScannedText | undefined {
  const n = text.length;
  // About one token per six characters in real specs; the arrays grow when that is too few.
  const out = new TokenArrays(Math.max(64, n >> 2));
  const comments: IToken[] = [];
  let nestingTokens = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = c < 128 ? ASCII_CLASS[c]! : isSpace(c) ? SPACE : 0;
    if (cls & SPACE) {
      i++;
      continue;
    }
    if (cls & IDENT_START) {
      let j = i + 1;
      for (let d = text.charCodeAt(j); d < 128 && ASCII_CLASS[d]! & IDENT_PART; d = text.charCodeAt(++j));
      const keyword = keywordAt(text, i, j);
      if (keyword === undefined) out.push(K_IDENTIFIER, i, j);
      else {
        if (keyword.kind === K_NOT) nestingTokens++;
        out.push(keyword.kind, i, j);
      }
      i = j;
      continue;
    }
    const single = c < 128 ? SINGLE[c] : undefined;
    if (single !== undefined) {
      if (c === 40 || c === 91 || c === 45) nestingTokens++;
      out.push(single.kind, i, i + 1);
      i++;
      continue;
    }
    if (isDigit(c)) {
      const end = numberEnd(text, i);
      out.push(K_NUMBER, i, end);
      i = end;
      continue;
    }
    if (c === 34) {
      if (text.startsWith('"""', i)) {
        const close = text.indexOf('"""', i + 3);
        if (close < 0) return undefined;
        out.push(K_TRIPLE, i, close + 3);
        i = close + 3;
      } else {
        const end = stringEnd(text, i);
        if (end < 0) return undefined;
        out.push(K_STRING, i, end);
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
        out.push(K_REGEX, i, end);
      }
      i = end;
      continue;
    }
    const op = operator(c, text.charCodeAt(i + 1));
    if (op === undefined) return undefined;
    out.push(op.kind, i, i + op.image.length);
    i += op.image.length;
  }
  return { count: out.count, kinds: out.kinds, starts: out.starts, ends: out.ends, comments, nestingTokens };
}

/** The tokens of a scan as chevrotain-shaped objects, for chevrotain's parser and the parse-tree path. */
export function scannedTokens(scan: ScannedText, text: string): IToken[] {
  const tokens: IToken[] = [];
  for (let i = 0; i < scan.count; i++) tokens.push(make(tokenImage(scan, text, i), scan.starts[i]!, TOKEN_KINDS[scan.kinds[i]!]!));
  return tokens;
}

/** The tokens and comments of `text`, or undefined where chevrotain's lexer must decide. */
export function fastLex(text: string): FastLexed | undefined {
  const scan = scanContract(text);
  return scan && { tokens: scannedTokens(scan, text), comments: scan.comments, nestingTokens: scan.nestingTokens };
}
