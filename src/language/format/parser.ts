/**
 * The prettier parser for `.contract` files: the language's own AST builder, with
 * the file's comments in the shape prettier attaches (see ./nodes.ts).
 */
import type { Parser } from "prettier";
import { parseDocument, type ParseResult } from "../ast-builder.js";
import type { Diagnostic } from "../diagnostics/types.js";
import { locEnd, locStart, type AnyNode, type PrettierComment, type PrettierRoot } from "./nodes.js";

export const AST_FORMAT = "contract-ast";

/**
 * Thrown when the file does not parse. Follows prettier's convention for parser
 * errors: the message ends with `(line:column)` and `loc` points at the problem.
 */
export class ContractSyntaxError extends SyntaxError {
  readonly loc: { start: { line: number; column: number } };
  readonly diagnostic: Diagnostic;
  constructor(d: Diagnostic) {
    super(`${d.message} (${d.range.start.line}:${d.range.start.column})`);
    this.name = "SyntaxError";
    this.loc = { start: { line: d.range.start.line, column: d.range.start.column } };
    this.diagnostic = d;
  }
}

/**
 * A parse the caller already made of the text it hands to prettier (formatContract parses
 * first to report syntax errors): used instead of parsing the same text again, which on a
 * large file costs as much as the formatting. Matched by text and path, so a stale entry is
 * never used for other input.
 */
let primed: { readonly text: string; readonly path: string; readonly result: ParseResult } | undefined;

/** Runs `format` with `result` (the parse of `text` at `path`) offered to the prettier parser. */
export async function withPrimedParse<T>(text: string, path: string, result: ParseResult, format: () => Promise<T>): Promise<T> {
  primed = { text, path, result };
  try {
    return await format();
  } finally {
    primed = undefined;
  }
}

/** Parses for prettier; throws ContractSyntaxError on the first syntax error. */
export function parseForPrettier(text: string, path = "<input>"): PrettierRoot {
  const { file, diagnostics } = primed !== undefined && primed.text === text && primed.path === path ? primed.result : parseDocument(text, path);
  const error = diagnostics.find((d) => d.severity === "error");
  if (error) throw new ContractSyntaxError(error);
  const comments: PrettierComment[] = file.comments.map((c) => ({
    type: "ContractComment",
    kind: c.kind,
    text: c.text,
    value: c.text,
    range: c.range,
  }));
  return { ...file, comments };
}

export const contractParser: Parser<AnyNode> = {
  astFormat: AST_FORMAT,
  parse: (text, options) => parseForPrettier(text, options.filepath || "<input>"),
  locStart: (node) => locStart(node),
  locEnd: (node) => locEnd(node),
};
