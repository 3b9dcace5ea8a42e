/**
 * What both ways of building the AST share: the parse-tree builder (ast-builder.ts, for
 * every input) and the direct builder (direct-builder.ts, for well-formed input, straight
 * from the token arrays). Identifiers, literals and their diagnostics, `///` doc comments,
 * and the file's finishing steps are made here once, from offsets and token images, so
 * both paths give the same nodes, in the same field order, with the same diagnostics.
 */
import type { IToken } from "chevrotain";
import * as A from "./ast.js";
import { CATALOG } from "./diagnostics/catalog.js";
import { DiagnosticSink } from "./diagnostics/builder.js";
import type { Diagnostic, Range } from "./diagnostics/types.js";
import { LineIndex, SharedRanges } from "./line-index.js";
import { MAX_EXPRESSION_DEPTH, limitExpressionDepth } from "./nesting.js";
import { decodeString, plainStringValue, splitInterpolations } from "./strings.js";

export interface ParseResult {
  readonly file: A.SourceFile;
  readonly diagnostics: readonly Diagnostic[];
}

export class NodeFactory {
  protected readonly idx: SharedRanges;
  protected readonly sink: DiagnosticSink;
  private docComments: IToken[] = [];
  /** The `///` comments with nothing but whitespace before them on their line. */
  private ownLineDocs = new Set<IToken>();
  private readonly consumedDocs = new Set<IToken>();

  constructor(
    protected readonly text: string,
    protected readonly path: string,
  ) {
    this.idx = new SharedRanges(LineIndex.of(text));
    this.sink = new DiagnosticSink(path);
  }

  /**
   * Notes the file's comments before any node is built: doc comments attach to the node below.
   * `codeBefore` tells whether a (non-comment) token ends on a comment's line before it.
   */
  protected useComments(comments: readonly IToken[], codeBefore: (c: IToken) => boolean): void {
    this.docComments = comments.filter((c) => c.image.startsWith("///") && !c.image.startsWith("////"));
    // Only a `///` comment on its own line can document the node below it; one after code
    // (`task a "x" check words < 5 /// note`) is an ordinary trailing comment.
    this.ownLineDocs = new Set(this.docComments.filter((c) => !codeBefore(c)));
  }

  /**
   * The file node and the diagnostics once every declaration is built: the expression depth
   * limit (unless the caller knows no expression can pass it), the comments not consumed as
   * docs, and the syntax errors a broken literal explains.
   */
  protected finish(declarations: A.Declaration[], allComments: readonly IToken[], codeBefore: (c: IToken) => boolean, mayNestTooDeep = true): ParseResult {
    if (mayNestTooDeep) limitExpressionDepth(declarations, (range) => {
      this.sink.report(CATALOG.nestingTooDeep, range, `this expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep (operators, calls, \`.\` accesses and parentheses each add one)`, {
        hint: "Split the check into several constraints, or use a built-in that takes a list (`contains_all`, `contains_any`).",
      });
    });
    const comments: A.Comment[] = [];
    const docs = new Set(this.docComments);
    for (const c of allComments) {
      if (this.consumedDocs.has(c)) continue;
      const kind: A.Comment["kind"] = c.image.startsWith("/*") ? "block" : docs.has(c) ? "doc" : "line";
      if (kind === "block" && !c.image.endsWith("*/") || (kind === "block" && c.image.length < 4)) {
        this.sink.report(CATALOG.syntaxError, this.tokRange(c), "this block comment is never closed", { hint: "Close it with `*/`." });
      }
      // Trailing means code before it on its line; other comments there do not count
      // (in `/* a */ // b` alone on a line, neither comment is trailing).
      comments.push({ text: c.image.replace(/\r$/, ""), range: this.tokRange(c), kind, trailing: codeBefore(c) });
    }
    // A broken literal (string, regex, number) explains the parser errors that follow it on its line.
    const literalLines = new Set(this.sink.items.filter((d) => d.code !== CATALOG.syntaxError.code && d.code < "HIR2").map((d) => d.range.start.line));
    const diagnostics = this.sink.items.filter((d) => d.code !== CATALOG.syntaxError.code || !literalLines.has(d.range.start.line));
    return { file: this.emptyFile(declarations, comments), diagnostics };
  }

  protected emptyFile(declarations: A.Declaration[], comments: A.Comment[] = []): A.SourceFile {
    return { kind: "File", path: this.path, text: this.text, declarations, comments, range: this.idx.range(0, this.text.length) };
  }

  /** Whether the end offset `prevEnd` of the token before comment `c` lies on `c`'s line. */
  protected sameLine(prevEnd: number, c: IToken): boolean {
    return this.idx.position(prevEnd).line === this.idx.position(c.startOffset).line;
  }

  protected tokRange(t: IToken): Range {
    return this.idx.range(t.startOffset, t.startOffset + t.image.length);
  }

  protected identAt(image: string, start: number): A.Identifier {
    return { kind: "Identifier", name: image, range: this.idx.range(start, start + image.length) };
  }

  /** The `///` lines right above `start`, each on its own line, as one doc text (they are consumed). */
  protected docFor(start: number): string | undefined {
    const lines: IToken[] = [];
    let cursor = start;
    for (let i = this.docComments.length - 1; i >= 0; i--) {
      const c = this.docComments[i] as IToken;
      if (c.startOffset >= cursor) continue;
      if (!this.ownLineDocs.has(c)) break;
      const between = this.text.slice(c.startOffset + c.image.length, cursor);
      if (between.trim() !== "" || (between.match(/\n/g)?.length ?? 0) > 1) break;
      lines.unshift(c);
      cursor = c.startOffset;
    }
    if (lines.length === 0) return undefined;
    for (const l of lines) this.consumedDocs.add(l);
    return lines.map((l) => l.image.slice(3).replace(/^ /, "").replace(/\s+$/, "")).join("\n");
  }

  // ---- literals ------------------------------------------------------------------------------

  /** The string literal whose token `image` starts at `start`, reporting its broken escapes and ends. */
  protected stringAt(image: string, start: number): A.StringLiteral {
    const plain = plainStringValue(image);
    if (plain !== undefined) {
      // Most literals: the per-character decoding below would give exactly this.
      return { kind: "String", value: plain, triple: false, range: this.idx.range(start, start + image.length), parts: [{ kind: "text", value: plain }] };
    }
    const decoded = decodeString(image, start);
    for (const p of decoded.problems) {
      if (p.kind === "unterminated") {
        this.sink.report(CATALOG.unterminatedString, this.idx.range(p.start, p.end),
          image.startsWith('"""') ? "this triple-quoted string is never closed" : "this string is not closed before the end of the line",
          { hint: image.startsWith('"""') ? "Close it with `\"\"\"`." : "Close it with `\"` on the same line, or use `\"\"\"` for text that spans lines." });
      } else {
        this.sink.report(CATALOG.invalidEscape, this.idx.range(p.start, p.end), `unknown escape sequence \`${p.detail}\``,
          { hint: "Write `\\\\` for a backslash; other escapes are \\\", \\n, \\t, \\r, \\{, \\} and \\u{XXXX}." });
      }
    }
    const end = start + image.length;
    const value = decoded.chars.map((c) => c.ch).join("");
    return {
      kind: "String", value, triple: image.startsWith('"""'), range: this.idx.range(start, end),
      parts: splitInterpolations(decoded.chars, end, (s, e) => this.idx.range(s, e)),
    };
  }

  protected numberAt(image: string, start: number): A.NumberLiteral {
    const value = Number(image);
    const range = this.idx.range(start, start + image.length);
    if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value) && !/[.eE]/.test(image))) {
      this.sink.report(CATALOG.invalidNumber, range, `the number ${image} is too large`);
    }
    return { kind: "Number", value: Number.isFinite(value) ? value : 0, raw: image, range };
  }

  protected regexAt(image: string, start: number): A.RegexLiteral {
    const range = this.idx.range(start, start + image.length);
    const m = /^\/((?:[^/\\[\n\r]|\\.|\[(?:[^\]\\\n\r]|\\.)*\])*)\/([A-Za-z]*)$/.exec(image);
    if (!m) {
      this.sink.report(CATALOG.unterminatedRegex, range, "this regular expression is not closed", { hint: "End the pattern with `/` on the same line." });
      return { kind: "Regex", pattern: image.slice(1), flags: "", range };
    }
    return { kind: "Regex", pattern: m[1] as string, flags: m[2] as string, range };
  }
}
