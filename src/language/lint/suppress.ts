/**
 * Inline suppressions:
 *
 *     input audience: text  // hir-ignore unused-input -- filled in by the caller's template
 *
 *     // hir-ignore HIR7002, always-true -- the clause is deliberately vague here
 *     task a "Be brief." check words >= 0
 *
 * Syntax: `// hir-ignore <rule-id-or-code>[, <rule>...] -- <reason>` (also inside `/* *\/`;
 * `///` doc comments are never suppressions). Rules are separated by commas or spaces; codes
 * are case-insensitive, rule ids are not.
 *
 * - A trailing comment (code before it on the line; other comments do not count) suppresses
 *   matching diagnostics that start on its own line, and those that start anywhere in a
 *   statement (a member of a contract or constraint set, or an import) that spans its line.
 * - A comment on its own line suppresses matching diagnostics that start on the next line
 *   that has code, skipping blank lines (when the source is given) and lines with nothing but
 *   comments (doc comments too), and those that start anywhere in a statement that starts on
 *   that line.
 *
 * So a suppression covers a whole member however the member is laid out: `hir fmt` puts a
 * constraint's body on the line after its header, and the suppression still covers it.
 * Statements are found by parsing the source (when given) or passed as `nodes`; without
 * either, suppressions apply by line only.
 *
 * Hygiene diagnostics about the comments themselves:
 * - HIR9006 suppression-without-reason: no `-- reason` (the suppression still applies);
 * - HIR9007 unused-suppression: a listed rule matched nothing, the rule cannot be
 *   suppressed (syntax and file errors, i.e. non-configurable rules), or no rule is named;
 * - HIR9010 unknown-rule-in-suppression: a listed name is not a rule id or code.
 */
import { makeDiagnostic } from "../diagnostics/builder.js";
import { CATALOG, CATALOG_ENTRIES, findCatalogEntry, type CatalogEntry } from "../diagnostics/catalog.js";
import { compareDiagnostics, type Diagnostic, type Range } from "../diagnostics/types.js";
import { lexContract } from "../../../grammar/lex.js";
import type { IToken } from "chevrotain";
import { parseDocument } from "../ast-builder.js";
import { LineIndex } from "../line-index.js";
import { advancePosition } from "./positions.js";
import { didYouMeanSuffix } from "../suggest.js";

/** A comment as the parser reports it (structurally compatible with the AST's `Comment`). */
export interface SourceComment {
  /** Full comment text including `//` (or `/*` and `*\/`). */
  readonly text: string;
  readonly range: Range;
  /** True when code precedes the comment on the same line. */
  readonly trailing: boolean;
}

export interface SuppressionRuleRef {
  /** The name as written. */
  readonly name: string;
  /** Where the name is in the comment text (UTF-16 index and length). */
  readonly index: number;
  readonly length: number;
}

export interface ParsedSuppression {
  readonly rules: readonly SuppressionRuleRef[];
  /** The text after `--`, trimmed; undefined when absent or empty. */
  readonly reason: string | undefined;
}

export interface SuppressedDiagnostic {
  readonly diagnostic: Diagnostic;
  /** The comment's reason, undefined when it gave none (which is itself reported as HIR9006). */
  readonly reason: string | undefined;
  readonly comment: SourceComment;
}

export interface SuppressionResult {
  /** Diagnostics that stay, sorted. */
  readonly kept: Diagnostic[];
  readonly suppressed: SuppressedDiagnostic[];
  /** New HIR9006 / HIR9007 / HIR9010 diagnostics about the comments, sorted. */
  readonly diagnostics: Diagnostic[];
}

export interface SuppressOptions {
  /** The file the comments are in (used for the hygiene diagnostics). */
  readonly file: string;
  /**
   * The file's text; lets own-line comments skip blank lines and lines holding only comments
   * (`comments` need not list doc comments then), and finds the statements a suppression
   * covers whole. Without it, blank lines count as code.
   */
  readonly source?: string;
  /**
   * The ranges of the file's statements (members of contracts and constraint sets, imports),
   * if the caller has them; otherwise they are found by parsing `source`.
   */
  readonly nodes?: readonly Range[];
}

const DIRECTIVE = "hir-ignore";

/** Parses a comment; undefined when it is not a suppression comment. */
export function parseSuppression(text: string): ParsedSuppression | undefined {
  let start: number;
  let end = text.length;
  if (text.startsWith("//")) {
    if (text.startsWith("///")) return undefined; // doc comment
    start = 2;
  } else if (text.startsWith("/*")) {
    start = 2;
    if (text.endsWith("*/") && text.length >= 4) end = text.length - 2;
  } else {
    return undefined;
  }
  while (start < end && /\s/.test(text[start] ?? "")) start++;
  if (!text.startsWith(DIRECTIVE, start)) return undefined;
  const after = start + DIRECTIVE.length;
  if (after < end && !/\s/.test(text[after] ?? "")) return undefined; // e.g. "hir-ignored"

  const sep = text.indexOf("--", after);
  const listEnd = sep !== -1 && sep < end ? sep : end;
  const rules: SuppressionRuleRef[] = [];
  const token = /[^\s,]+/g;
  token.lastIndex = after;
  for (let m = token.exec(text); m && m.index < listEnd; m = token.exec(text)) {
    const name = m[0].slice(0, Math.max(0, listEnd - m.index));
    if (name.length > 0) rules.push({ name, index: m.index, length: name.length });
  }
  const reasonText = listEnd < end ? text.slice(listEnd + 2, end).trim() : "";
  return { rules, reason: reasonText.length > 0 ? reasonText : undefined };
}

/** Rule id or code (codes case-insensitive) to its catalog entry. */
function resolveRule(name: string): CatalogEntry | undefined {
  return findCatalogEntry(name) ?? (/^hir\d+$/i.test(name) ? findCatalogEntry(name.toUpperCase()) : undefined);
}

const RULE_NAMES: readonly string[] = CATALOG_ENTRIES.flatMap((e) => [e.rule, e.code]);

function subRange(comment: SourceComment, index: number, length: number): Range {
  return {
    start: advancePosition(comment.range.start, comment.text, index),
    end: advancePosition(comment.range.start, comment.text, index + length),
  };
}

/** Lines that hold nothing but comments (and whitespace). */
function commentOnlyLines(comments: readonly SourceComment[]): Set<number> {
  const lines = new Set<number>();
  for (const c of comments) {
    if (c.trailing) continue;
    for (let l = c.range.start.line; l <= c.range.end.line; l++) lines.add(l);
  }
  // A trailing comment's line has code; a block comment that ends on a line with code after it
  // is not detectable without the source, so lines of trailing comments are always code.
  for (const c of comments) if (c.trailing) lines.delete(c.range.start.line);
  return lines;
}

function blankLines(source: string | undefined): (line: number) => boolean {
  if (source === undefined) return () => false;
  // Split on first use: only a suppression comment asks.
  let lines: readonly string[] | undefined;
  return (line) => ((lines ??= source.split(/\r\n|\r|\n/))[line - 1] ?? "").trim().length === 0;
}

/** Where code is in a file, from its tokens (comments are not code). */
interface CodeLayout {
  /** Whether any code is on `line`. */
  hasCode(line: number): boolean;
  /** Whether code precedes the comment on the comment's first line. */
  trailing(comment: SourceComment): boolean;
}

function codeLayout(source: string): CodeLayout {
  const lexed = lexContract(source);
  const code = new Set<number>();
  const index = LineIndex.of(source);
  // Tokens carry offsets only; a token ends on the line of its last character.
  const endLine = (t: IToken): number => index.position(t.startOffset + t.image.length - 1).line;
  for (const t of lexed.tokens) {
    for (let l = index.position(t.startOffset).line, last = endLine(t); l <= last; l++) code.add(l);
  }
  for (const e of lexed.errors) code.add(index.position(e.offset).line);
  const ends = lexed.tokens.map((t) => ({ offset: t.startOffset, line: endLine(t) }));
  return {
    hasCode: (line) => code.has(line),
    trailing: (comment) => {
      // The last token that starts before the comment, and whether it ends on the comment's line.
      let lo = 0;
      let hi = ends.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((ends[mid] as { offset: number }).offset < comment.range.start.offset) lo = mid + 1;
        else hi = mid;
      }
      return ends[lo - 1]?.line === comment.range.start.line;
    },
  };
}

/** The statements of `source` a suppression can cover whole: members and imports. */
function statementRanges(source: string, file: string): Range[] {
  const out: Range[] = [];
  for (const d of parseDocument(source, file).file.declarations) {
    if (d.kind === "Import") out.push(d.range);
    else for (const m of d.members) out.push(m.range);
  }
  return out;
}

/** The line a suppression comment applies to, or undefined (nothing follows it). */
function targetLine(
  comment: SourceComment,
  trailing: boolean,
  isCode: (line: number) => boolean,
  lastLine: number,
): number | undefined {
  if (trailing) return comment.range.start.line;
  for (let l = comment.range.end.line + 1; l <= lastLine; l++) {
    if (isCode(l)) return l;
  }
  return undefined;
}

/** The statements a suppression on or above `line` covers whole. */
function coveredStatements(nodes: readonly Range[], line: number, trailing: boolean): Range[] {
  return nodes.filter((n) => (trailing ? n.start.line <= line && line <= n.end.line : n.start.line === line));
}

function within(d: Diagnostic, node: Range): boolean {
  return node.start.offset <= d.range.start.offset && d.range.start.offset <= node.end.offset;
}

/**
 * Applies the suppression comments of one file to that file's diagnostics.
 * Non-configurable diagnostics (syntax and file errors) are never suppressed.
 */
export function applySuppressions(
  diagnostics: readonly Diagnostic[],
  comments: readonly SourceComment[],
  options: SuppressOptions,
): SuppressionResult {
  const { file } = options;
  const hygiene: Diagnostic[] = [];
  const suppressedBy = new Map<Diagnostic, SuppressedDiagnostic>();
  const commentLines = commentOnlyLines(comments);
  const isBlank = blankLines(options.source);
  // Computed on first use: most files have no suppression comment.
  let layout: CodeLayout | undefined;
  let nodes: readonly Range[] | undefined = options.nodes;
  const codeLayoutOf = (source: string): CodeLayout => (layout ??= codeLayout(source));
  const statements = (): readonly Range[] => (nodes ??= options.source === undefined ? [] : statementRanges(options.source, file));
  const isCode = (line: number): boolean =>
    options.source === undefined ? !commentLines.has(line) && !isBlank(line) : codeLayoutOf(options.source).hasCode(line);
  // The shared line index counts lines as a split on \r\n, \r and \n would, without the strings.
  const sourceLines = options.source === undefined ? 0 : LineIndex.of(options.source).lineCount;
  let lastLine = sourceLines;
  for (const d of diagnostics) lastLine = Math.max(lastLine, d.range.start.line);
  for (const c of comments) lastLine = Math.max(lastLine, c.range.end.line);

  for (const comment of comments) {
    const parsed = parseSuppression(comment.text);
    if (!parsed) continue;

    if (parsed.reason === undefined) {
      hygiene.push(
        makeDiagnostic(CATALOG.suppressionWithoutReason, file, comment.range, "This suppression comment gives no reason.", {
          hint: "Add `-- <why this is fine>` after the rule list so reviewers see the reason.",
        }),
      );
    }
    if (parsed.rules.length === 0) {
      hygiene.push(
        makeDiagnostic(CATALOG.unusedSuppression, file, comment.range, "This suppression comment names no rule, so it suppresses nothing.", {
          hint: "Write `// hir-ignore <rule-id> -- <reason>`.",
        }),
      );
      continue;
    }

    const trailing = options.source === undefined ? comment.trailing : codeLayoutOf(options.source).trailing(comment);
    const line = targetLine(comment, trailing, isCode, lastLine);
    const covered = line === undefined ? [] : coveredStatements(statements(), line, trailing);
    for (const ref of parsed.rules) {
      const range = subRange(comment, ref.index, ref.length);
      const entry = resolveRule(ref.name);
      if (!entry) {
        hygiene.push(
          makeDiagnostic(
            CATALOG.unknownSuppressedRule,
            file,
            range,
            `Unknown rule \`${ref.name}\` in a suppression comment.${didYouMeanSuffix(ref.name, RULE_NAMES)}`,
          ),
        );
        continue;
      }
      if (!entry.configurable) {
        hygiene.push(
          makeDiagnostic(
            CATALOG.unusedSuppression,
            file,
            range,
            `\`${entry.rule}\` (${entry.code}) cannot be suppressed.`,
            { hint: "Fix the problem instead: syntax and file errors cannot be suppressed or configured." },
          ),
        );
        continue;
      }
      let used = false;
      if (line !== undefined) {
        for (const d of diagnostics) {
          if (d.code !== entry.code) continue;
          if (d.range.start.line !== line && !covered.some((n) => within(d, n))) continue;
          used = true;
          if (!suppressedBy.has(d)) suppressedBy.set(d, { diagnostic: d, reason: parsed.reason, comment });
        }
      }
      if (!used) {
        const where = line === undefined ? "no code follows this comment" : `no \`${entry.rule}\` (${entry.code}) diagnostic starts on line ${line}`;
        hygiene.push(
          makeDiagnostic(CATALOG.unusedSuppression, file, range, `Unused suppression of \`${entry.rule}\`: ${where}.`, {
            hint: "Remove it, or fix the rule id.",
          }),
        );
      }
    }
  }

  const kept = diagnostics.filter((d) => !suppressedBy.has(d)).sort(compareDiagnostics);
  const suppressed = [...suppressedBy.values()].sort((a, b) => compareDiagnostics(a.diagnostic, b.diagnostic));
  return { kept, suppressed, diagnostics: hygiene.sort(compareDiagnostics) };
}
