/**
 * A safety net for `hir fmt`: before a formatted text replaces a file, check that it
 * means exactly what the original meant. Formatting may only change layout, comments'
 * positions, string escapes and list trailing commas; anything else is a formatter bug
 * and the file is left alone.
 *
 * Two independent checks:
 * 1. the ASTs are equal (ranges ignored), and every comment is still there;
 * 2. the token streams are equal (strings compared by decoded value, trailing commas
 *    in lists ignored). This also catches source the AST builder does not represent
 *    (for example method arguments it fails to attach), which check 1 cannot see.
 */
import { scanContract, tokenImage, TOKEN_KINDS } from "../../../grammar/fast-lexer.js";
import { lexContract } from "../../../grammar/lex.js";
import type * as A from "../ast.js";
import { parseDocument } from "../ast-builder.js";
import { decodeString, plainStringValue, splitInterpolations } from "../strings.js";
import type { Range } from "../diagnostics/types.js";

const NO_RANGE: Range = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };

const IGNORED_KEYS: ReadonlySet<string> = new Set(["range", "roleRange"]);
/**
 * Also ignored below a file's declarations: prettier attaches the comments it places to the
 * nodes of the tree it printed (`comments`), and the original tree may be that one. No
 * declaration or expression node has a `comments` field of its own.
 */
const DECLARATION_IGNORED_KEYS: ReadonlySet<string> = new Set([...IGNORED_KEYS, "comments"]);

/** The first path at which two AST values differ (ranges, and any of `ignored`, ignored), or undefined. */
export function astDifference(a: unknown, b: unknown, at = "$", ignored: ReadonlySet<string> = IGNORED_KEYS): string | undefined {
  // The path is only built when there is a difference: naming every node of a large file cost more than comparing it.
  return sameAst(a, b, ignored) ? undefined : differenceAt(a, b, at, ignored);
}

/** Whether `differenceAt` finds nothing (the same walk, without paths). */
function sameAst(a: unknown, b: unknown, ignored: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameAst(a[i], b[i], ignored)) return false;
    return true;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k in ra) {
    if (!Object.hasOwn(ra, k) || ignored.has(k) || (ra[k] === undefined && rb[k] === undefined)) continue;
    if (!sameAst(ra[k], rb[k], ignored)) return false;
  }
  for (const k in rb) {
    if (!Object.hasOwn(rb, k) || Object.hasOwn(ra, k) || ignored.has(k) || rb[k] === undefined) continue;
    if (!sameAst(ra[k], rb[k], ignored)) return false;
  }
  return true;
}

function differenceAt(a: unknown, b: unknown, at: string, ignored: ReadonlySet<string>): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return Number.isNaN(a) && Number.isNaN(b) ? undefined : `${at}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${at}: array vs object`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${at}: length ${a.length} != ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = differenceAt(a[i], b[i], `${at}[${i}]`, ignored);
      if (d) return d;
    }
    return undefined;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  // `a`'s keys, then those only `b` has (no key set per node: the trees of a large file
  // hold hundreds of thousands of nodes).
  for (const k in ra) {
    if (!Object.hasOwn(ra, k) || ignored.has(k) || (ra[k] === undefined && rb[k] === undefined)) continue;
    const d = differenceAt(ra[k], rb[k], `${at}.${k}`, ignored);
    if (d) return d;
  }
  for (const k in rb) {
    if (!Object.hasOwn(rb, k) || Object.hasOwn(ra, k) || ignored.has(k) || rb[k] === undefined) continue;
    const d = differenceAt(ra[k], rb[k], `${at}.${k}`, ignored);
    if (d) return d;
  }
  return undefined;
}

function commentTexts(file: A.SourceFile): string[] {
  return file.comments.map((c) => c.text.trimEnd()).sort();
}

/**
 * A token stream read in place: the fast lexer's arrays where it is sure of the text (no
 * token objects: a large file has hundreds of thousands of tokens), chevrotain's tokens
 * where it must decide.
 */
interface TokenStream {
  readonly length: number;
  name(i: number): string;
  image(i: number): string;
}

function tokenStream(text: string): TokenStream {
  const scan = scanContract(text);
  if (scan !== undefined) {
    return { length: scan.count, name: (i) => (TOKEN_KINDS[scan.kinds[i]!] as { name: string }).name, image: (i) => tokenImage(scan, text, i) };
  }
  const tokens = lexContract(text).tokens;
  return { length: tokens.length, name: (i) => tokens[i]!.tokenType.name, image: (i) => tokens[i]!.image };
}

/**
 * The index of the next token that carries meaning at or after `i`: every token but a comma
 * closing a list (`[a, b,]` means `[a, b]`).
 */
function significantFrom(tokens: TokenStream, i: number): number {
  let k = i;
  while (k < tokens.length && tokens.name(k) === "Comma" && k + 1 < tokens.length && tokens.name(k + 1) === "RBracket") k++;
  return k;
}

const isString = (name: string): boolean => name === "StringLiteral" || name === "TripleString";

/** A string token by meaning: its decoded value and where its interpolations are. */
function stringMeaning(image: string): string {
  const plain = plainStringValue(image);
  return plain !== undefined
    ? `[${JSON.stringify(plain)}]`
    : JSON.stringify(splitInterpolations(decodeString(image, 0).chars, image.length, () => NO_RANGE).map((p) => (p.kind === "text" ? p.value : { name: p.name })));
}

/** How token `i` is compared and shown: strings by meaning, everything else by its text. */
const tokenMeaning = (tokens: TokenStream, i: number): string => (isString(tokens.name(i)) ? stringMeaning(tokens.image(i)) : tokens.image(i));

/**
 * Whether token `i` of `a` and token `j` of `b` mean the same. Equal images always do; only
 * strings with different images are decoded (most strings keep their spelling, and decoding
 * every string of a large file cost more than the rest of the comparison).
 */
function sameToken(a: TokenStream, i: number, b: TokenStream, j: number): boolean {
  const name = a.name(i);
  if (name !== b.name(j)) return false;
  const x = a.image(i);
  const y = b.image(j);
  if (x === y) return true;
  return isString(name) && stringMeaning(x) === stringMeaning(y);
}

/**
 * Why `formatted` is not a faithful reformatting of `original`, or undefined when it is.
 * `original` must parse without errors; pass its AST as `originalFile` if you have it.
 */
export function formattingProblem(original: string, formatted: string, path: string, originalFile?: A.SourceFile): string | undefined {
  const before = originalFile ? { file: originalFile } : parseDocument(original, path);
  const after = parseDocument(formatted, path);
  const err = after.diagnostics.find((d) => d.severity === "error");
  if (err) return `the formatted text does not parse: ${err.message} (${err.range.start.line}:${err.range.start.column})`;
  const diff = astDifference(before.file.declarations, after.file.declarations, "declarations", DECLARATION_IGNORED_KEYS);
  if (diff) return `the formatted text parses differently at ${diff}`;
  const ca = commentTexts(before.file);
  const cb = commentTexts(after.file);
  if (astDifference(ca, cb)) return "the formatted text does not keep every comment";
  const ta = tokenStream(original);
  const tb = tokenStream(formatted);
  for (let i = significantFrom(ta, 0), j = significantFrom(tb, 0); i < ta.length || j < tb.length; i = significantFrom(ta, i + 1), j = significantFrom(tb, j + 1)) {
    if (i >= ta.length || j >= tb.length || !sameToken(ta, i, tb, j)) {
      const show = (t: TokenStream, k: number): string => (k < t.length ? `${t.name(k)} ${JSON.stringify(tokenMeaning(t, k))}` : "end");
      return `the formatted text has different tokens (${show(ta, i)} became ${show(tb, j)})`;
    }
  }
  return undefined;
}
