/**
 * Where comments go, and how they print.
 *
 * Prettier finds, for each comment, the enclosing node and the nodes just before and
 * after it. This module decides which of those the comment belongs to, and prints it.
 * The rules make the result stable (formatting twice gives the same text) and never
 * let the formatter join a `//` comment with whatever follows it on a line:
 *
 * A block comment with code before or after it on its line (`a /* note *\/ + b`) is
 * inline: it stays between the same nodes (prettier's default choice between the node
 * before and after it), between spaces, and never causes a line break. One at the end of
 * a line, or followed there only by a `//` comment that stays at the end of the line
 * (rule 1 below), trails the node before it: `x /* a *\/ // b` keeps both on x's line.
 *
 * A `//` comment, or a block comment alone on its line:
 * 1. written after code: stays at the end of that line, trailing the node before it,
 *    when the layout always breaks the line after that node (after a member or
 *    declaration, a list item, a call argument, the left operand of `and`/`or`, a
 *    replay setting, a name in `use`/`couple`/`requires`, a constraint header, the
 *    expression inside `( )`);
 * 2. otherwise, leading the node after it when that node starts a line in the output
 *    (members, list items, ...): it prints on its own line above that node;
 * 3. otherwise, on its own line after the line of the node before it (for example
 *    between the operands of `and`);
 * 4. otherwise before the node after it, with a line break after a `//` comment (a
 *    block comment there becomes inline);
 * 5. with nothing after it in the enclosing node, after the nearest enclosing node
 *    that rule 1 allows (`input x: text // note` + `[]`: after the whole input).
 *
 * Contracts and constraint sets: comments between the name and the first member are
 * dangling on the block; the first prints on the line of `{` if it was on that line or
 * before `{`, the others on their own lines (an own-line comment followed by a member
 * leads that member). An empty block keeps its comments inside the braces, and an empty
 * argument list inside the parentheses.
 */
import { doc, util, type Doc } from "prettier";
import type * as A from "../ast.js";
import type { Range } from "../diagnostics/types.js";
import { childKeys, locEnd, locStart, type PrettierComment } from "./nodes.js";
import { isBareInfix } from "./precedence.js";

const { hardline, lineSuffix, breakParent, lineSuffixBoundary, literallineWithoutBreakParent, join } = doc.builders;

interface DecoratedComment extends PrettierComment {
  enclosingNode?: unknown;
  precedingNode?: unknown;
  followingNode?: unknown;
}

/** The end of the comment that starts at `i` (a line comment runs to the line break), or `i` when none starts there. */
function commentEnd(text: string, i: number): number {
  if (text.startsWith("//", i)) {
    const nl = text.indexOf("\n", i);
    return nl < 0 ? text.length : nl;
  }
  if (text.startsWith("/*", i)) {
    const close = text.indexOf("*/", i + 2);
    return close < 0 ? text.length : close + 2;
  }
  return i;
}

/** Offset of the first `(` at or after `from` outside comments, or -1 when code other than whitespace comes first. */
function openParenOffset(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const skipped = commentEnd(text, i);
    if (skipped !== i) i = skipped;
    else if (/\s/.test(text[i]!)) i++;
    else return text[i] === "(" ? i : -1;
  }
  return -1;
}

/** Offset of the `{` that opens a contract or constraint set (comments skipped). */
export function openBraceOffset(text: string, block: A.ContractDecl | A.ConstraintSetDecl): number {
  let i = locEnd(block.name);
  while (i < text.length) {
    const skipped = commentEnd(text, i);
    if (skipped !== i) i = skipped;
    else if (text[i] === "{") return i;
    else i++;
  }
  return text.length;
}

function kindOf(node: unknown): string | undefined {
  return typeof node === "object" && node !== null ? ((node as { kind?: unknown }).kind as string | undefined) : undefined;
}

function includes(list: unknown, item: unknown): boolean {
  return Array.isArray(list) && list.includes(item);
}

const STRUCTURAL = new Set(["Import", "Contract", "ConstraintSet", "Input", "Prompt", "Constraint", "Use", "Requires", "Couple", "Replay"]);

/** Whether the layout always breaks the line right after `node` (modulo a comma) inside `enclosing`. */
function breaksAfter(node: unknown, enclosing: unknown, following: unknown): boolean {
  if (STRUCTURAL.has(kindOf(node) ?? "")) return true;
  const e = (enclosing ?? {}) as Record<string, unknown>;
  switch (kindOf(enclosing)) {
    case "List":
    case "Replay":
    case "Use":
    case "Couple":
    case "Paren":
      return true;
    case "Call":
      return includes(e["args"], node) && !isBareInfix(enclosing as A.CallExpression);
    case "Requires":
      return includes(e["targets"], node);
    case "Binary":
      return (e["op"] === "and" || e["op"] === "or") && e["left"] === node;
    case "Constraint":
      return following === e["body"] || (following === undefined && node !== e["id"]);
    default:
      return false;
  }
}

/** Whether `node` always starts a line in the output once a comment precedes it. */
function startsLine(node: unknown, enclosing: unknown): boolean {
  if (STRUCTURAL.has(kindOf(node) ?? "")) return true;
  const e = (enclosing ?? {}) as Record<string, unknown>;
  switch (kindOf(enclosing)) {
    case "List":
    case "Replay":
    case "Paren":
      return true;
    case "Call":
      return includes(e["args"], node) && !isBareInfix(enclosing as A.CallExpression);
    case "Constraint":
      return node === e["body"];
    case "Use":
      return includes(e["names"], node) && (e["names"] as unknown[])[0] !== node;
    case "Couple":
      return includes(e["members"], node) && (e["members"] as unknown[])[0] !== node;
    case "Requires":
      return includes(e["targets"], node) && (e["targets"] as unknown[])[0] !== node;
    default:
      return false;
  }
}

/** Nothing but whitespace and other comments between the start of the line (or file) and the comment. */
export function ownLine(text: string, c: PrettierComment): boolean {
  const start = locStart(c);
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  return text.slice(lineStart, start).replace(/\/\*.*?\*\//g, "").trim() === "";
}

/** Nothing but whitespace between the comment and the end of the line (or file). */
function restOfLineEmpty(text: string, c: PrettierComment): boolean {
  const end = locEnd(c);
  const nl = text.indexOf("\n", end);
  return text.slice(end, nl < 0 ? text.length : nl).trim() === "";
}

/**
 * Nothing but whitespace and comments between the comment and the end of the line: in
 * `a /* b *\/ // c`, `/* b *\/` is at the end of its line as much as `// c` is.
 */
function restOfLineOnlyComments(text: string, c: PrettierComment): boolean {
  const end = locEnd(c);
  const nl = text.indexOf("\n", end);
  const rest = text.slice(end, nl < 0 ? text.length : nl);
  return rest.replace(/\/\*.*?\*\//g, "").replace(/\/\/.*$/, "").trim() === "";
}

/**
 * A comment that must keep a line break after it: a `//` comment, or a block comment
 * alone on its line. Other block comments are inline: they print where they are,
 * between spaces, and never force a line break (so a layout change can never change
 * how they are placed the next time).
 */
function breaksLine(text: string, c: PrettierComment): boolean {
  return c.kind !== "block" || (ownLine(text, c) && restOfLineEmpty(text, c));
}

/** The nodes containing `comment`, outermost first (the file, ..., the enclosing node). */
function containers(root: object, comment: PrettierComment): object[] {
  const chain: object[] = [];
  let node: object | undefined = root;
  while (node) {
    chain.push(node);
    let next: object | undefined;
    for (const key of childKeys(node)) {
      const value = (node as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (typeof child === "object" && child !== null && "range" in child && locStart(child as { range: Range }) <= locStart(comment) && locEnd(comment) <= locEnd(child as { range: Range })) {
          next = child as object;
        }
      }
    }
    node = next;
  }
  return chain;
}

/** Code between two offsets, comments removed. */
function codeBetween(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/[^\n]*/g, " ");
}

/**
 * An inline block comment goes with the node after it when only whitespace or `(`
 * separate them (and it is not at the end of its line), else with the node before it,
 * and prints between spaces.
 */
function attachInline(comment: DecoratedComment, text: string): boolean {
  const { enclosingNode: enclosing, precedingNode: preceding, followingNode: following } = comment;
  comment.inline = true;
  // At the end of a line, a block comment stays with what precedes it. So does one followed
  // by a `//` comment (`a /* b *\/ // c`) when that comment stays at the end of the line too
  // (rule 1); otherwise both go before the next node.
  const endOfLine = !ownLine(text, comment) && (restOfLineEmpty(text, comment)
    || (restOfLineOnlyComments(text, comment) && preceding !== undefined && breaksAfter(preceding, enclosing, following)));
  if (following && (!preceding || (!endOfLine && /^[\s(]*$/.test(codeBetween(text, locEnd(comment), locStart(following as { range: Range })))))) {
    return util.addLeadingComment(following, comment);
  }
  if (preceding) return util.addTrailingComment(preceding, comment);
  comment.inline = false;
  return false;
}

function attach(comment: DecoratedComment, text: string, root: object): boolean {
  const { enclosingNode: enclosing, precedingNode: preceding, followingNode: following } = comment;
  const own = ownLine(text, comment);
  const kind = kindOf(enclosing);

  if (kind === "Contract" || kind === "ConstraintSet") {
    const block = enclosing as A.ContractDecl | A.ConstraintSetDecl;
    // Between the name and `{`: always the block's (printed after `{`), wherever the
    // comment sits on its line, so a second format sees the same attachment.
    if (locStart(comment) >= locEnd(block.name) && locEnd(comment) <= openBraceOffset(text, block)) {
      util.addDanglingComment(block, comment, undefined);
      return true;
    }
    if (locStart(comment) >= locEnd(block.name) && (preceding === block.name || !preceding)) {
      if (!(own && following)) {
        util.addDanglingComment(block, comment, undefined);
        return true;
      }
    }
  }
  if (kind === "Call") {
    // Between a built-in's name and `(`: print inside the parentheses, where a second
    // format finds them again (after the name they moved on every run).
    const call = enclosing as A.CallExpression;
    const open = locStart(comment) >= locEnd(call.callee) ? openParenOffset(text, locEnd(call.callee)) : -1;
    const firstArg = call.args[0] as object | undefined;
    if (open >= 0 && locEnd(comment) <= open) {
      if (!firstArg) {
        util.addDanglingComment(call, comment, undefined);
        return true;
      }
      if (comment.kind === "block") comment.inline = true;
      util.addLeadingComment(firstArg, comment);
      return true;
    }
    // After `(` and before the first argument: that argument's, like the comments moved in
    // from before `(` above. Left to the defaults, a comment that ends its line here went
    // back to the name (`name /* c */(`), and the next format moved it again.
    if (open >= 0 && firstArg && locStart(comment) > open && locEnd(comment) <= locStart(firstArg as { range: Range })) {
      util.addLeadingComment(firstArg, comment);
      return true;
    }
  }
  if (kind === "Call" && !following) {
    const call = enclosing as A.CallExpression;
    if (call.args.length === 0 && preceding === call.callee && (call.parenthesized || call.style === "call")) {
      util.addDanglingComment(call, comment, undefined);
      return true;
    }
  }

  if (!breaksLine(text, comment)) return attachInline(comment, text);
  if (!own && preceding && breaksAfter(preceding, enclosing, following)) return util.addTrailingComment(preceding, comment);
  if (following && startsLine(following, enclosing)) return util.addLeadingComment(following, comment);
  if (preceding && breaksAfter(preceding, enclosing, following)) return util.addTrailingComment(preceding, comment);
  // Before a node in the middle of a line: a block comment becomes inline there.
  if (following && comment.kind === "block") return attachInline(comment, text);
  if (following) return util.addLeadingComment(following, comment);
  if (preceding) {
    // Nothing follows inside the enclosing node, and the line may go on after it (`text // c` in
    // `input x: text // c` + `[]`): trail the nearest container after which the line breaks.
    const chain = containers(root, comment);
    for (let i = chain.length - 1; i > 0; i--) {
      if (breaksAfter(chain[i], chain[i - 1], undefined)) return util.addTrailingComment(chain[i], comment);
    }
  }
  return false;
}

type Handler = (comment: DecoratedComment, text: string, options: unknown, ast: object) => boolean;
const handler: Handler = (comment, text, _options, ast) => attach(comment, text, ast);

export const handleComments = { ownLine: handler, endOfLine: handler, remaining: handler };

// ---- printing ------------------------------------------------------------------------------

/** The text of a comment. Multi-line block comments print verbatim. */
export function commentDoc(c: PrettierComment): Doc {
  if (c.kind !== "block") return c.text.trimEnd();
  if (!c.text.includes("\n")) return c.text;
  // A pending end-of-line comment is flushed before this one, not at its first line
  // break (which would put it inside this comment).
  return [lineSuffixBoundary, join(literallineWithoutBreakParent, c.text.split("\n"))];
}

/** Nodes a `///` comment right above documents (src/language/ast-builder.ts, docFor). */
export function takesDoc(node: { kind?: string }): boolean {
  return node.kind === "Input" || node.kind === "Constraint" || node.kind === "Contract" || node.kind === "ConstraintSet";
}

/**
 * `node`'s printed doc with its leading and trailing comments. `takesDoc`: the node is
 * one a `///` comment right above would document.
 */
export function withComments(printed: Doc, comments: readonly PrettierComment[] | undefined, text: string, takesDoc = false): Doc {
  if (!comments || comments.length === 0) return printed;
  const leading: Doc[] = [];
  const trailing: Doc[] = [];
  let previousSuffixEndsLine = false;
  const lastLeading = comments.filter((c) => c.leading).pop();
  let previousLeading: PrettierComment | undefined;
  for (const c of comments) {
    if (c.leading) {
      c.printed = true;
      if (!c.inline && breaksLine(text, c)) {
        // After an inline comment, start a line first where the source did: a comment that
        // was alone on its line stays alone there, so the next format reads it the same way.
        if (leading[leading.length - 1] === " " && previousLeading && text.slice(locEnd(previousLeading), locStart(c)).includes("\n")) {
          leading[leading.length - 1] = hardline;
        }
        leading.push([lineSuffixBoundary, commentDoc(c)], hardline);
        // A stray `///` right above a node it did not document stays separated by a blank line.
        if (util.isNextLineEmpty(text, locEnd(c)) || (takesDoc && c === lastLeading && c.kind === "doc")) leading.push(hardline);
      } else {
        leading.push(commentDoc(c), " ");
      }
      previousLeading = c;
    } else if (c.trailing) {
      c.printed = true;
      const own = ownLine(text, c) && !c.inline;
      if ((own && breaksLine(text, c)) || previousSuffixEndsLine) {
        const blank = own && util.isPreviousLineEmpty(text, locStart(c));
        trailing.push(lineSuffix([hardline, blank ? hardline : "", commentDoc(c)]), breakParent);
        previousSuffixEndsLine = true;
      } else if (!c.inline && breaksLine(text, c)) {
        trailing.push(lineSuffix([" ", commentDoc(c)]), breakParent);
        previousSuffixEndsLine = true;
      } else {
        trailing.push(" ", commentDoc(c));
      }
    }
  }
  return [leading, printed, trailing];
}
