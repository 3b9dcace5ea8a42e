/**
 * The prettier printer for `.contract` files (astFormat "contract-ast").
 *
 * Canonical style (also described, with examples, in docs/formatting.md):
 *
 * - Indentation is 2 spaces; lines aim to fit in 100 columns.
 * - Top-level declarations are separated by exactly one blank line; consecutive
 *   imports stay together (a blank line between two imports is kept). Declarations
 *   are never reordered.
 * - Members of a contract or constraint set are one per line, in source order. A blank
 *   line between two members is kept (several collapse to one); none is added.
 * - A constraint prints its header `[pinned ]role id "clause"` on one line and its body
 *   (`check ...` or `judge "..."`) on the next line, indented 2 more.
 * - `use a, b`, `couple a, b`, `x requires a, b`; `input name: type[] = default`.
 * - `replay { min_kept 2 layout numbered }` stays on one line when it fits, else one
 *   setting per line.
 * - Expressions: one space around binary operators and `in`, none around `..` and `.`.
 *   Parentheses written in the source are kept (they are `Paren` nodes in the AST);
 *   otherwise parentheses are only added where precedence requires them. Calls keep
 *   the form they were written in (`f(x)`, `x.f`, `x.f(y)`, `x f "y"`, `x f(y, z)`).
 *   A chain of `and`/`or` that does not fit breaks before each operator, indented
 *   2 more; `and` chains nested in an `or` chain indent 2 more again. Argument lists
 *   and lists that do not fit put one item per line, without a trailing comma (a
 *   list's trailing comma in the source is dropped; argument lists take none). A sole list argument hugs the
 *   parentheses: `contains_any([` ... `])`.
 * - Strings are re-escaped from their decoded value (see ./strings.ts); `"` and
 *   `"""` strings keep their kind. A `"""` string puts its content on the lines after
 *   the opening quotes, indented 2 more than the line the string starts on (the member
 *   line, or the body line for `check`/`judge`), and the closing quotes on their own
 *   line at that line's indentation.
 * - Numbers print as written (`raw`); regexes as `/pattern/flags`.
 * - Comments: every comment is kept. A comment at the end of a line stays at the end of
 *   that node's last line; a comment on its own line stays on its own line before the
 *   node that follows it (a blank line after it is kept), or at the end of the
 *   enclosing block when nothing follows. Doc comments (`///`) that the parser attached
 *   to a declaration, constraint or input print directly above it as `/// text`.
 */
import { doc, util, type AstPath, type Doc, type ParserOptions, type Printer } from "prettier";
import type * as A from "../ast.js";
import { commentDoc, handleComments, openBraceOffset, ownLine, takesDoc, withComments } from "./comments.js";
import { childKeys, isComment, locEnd, locStart, type AnyNode, type PrettierComment, type WithComments } from "./nodes.js";
import { isBareInfix, operandPrec, PREC, precedence } from "./precedence.js";
import { printSingleString, printTripleStringLines } from "./strings.js";

const { group, indent, softline, line, hardline, join, lineSuffixBoundary, literallineWithoutBreakParent } =
  doc.builders;

type Path = AstPath<AnyNode>;
type Print = (selector?: string | number | (string | number)[] | AstPath) => Doc;
type Options = ParserOptions<AnyNode>;

// ---- helpers -------------------------------------------------------------------------------

function nodeOf<T>(path: Path): WithComments<T> {
  return path.node as unknown as WithComments<T>;
}

/**
 * `print(key)` (or `print([key, index])`) for a leaf child with no comments: an identifier, a
 * number, or a name. Its doc is the plain text prettier would get from `printNode`, built here
 * without the trip through prettier's path machinery, which on a file of tens of thousands of
 * constraints cost more than the printing itself. Any other child goes through `print`.
 */
function printLeaf(path: Path, print: Print, key: string, index?: number): Doc {
  const field = (path.node as unknown as Record<string, unknown>)[key];
  const node = (index === undefined ? field : (field as readonly unknown[])[index]) as WithComments<A.Expression | A.Identifier> | undefined;
  if (node !== undefined && !(node.comments && node.comments.length > 0)) {
    if (node.kind === "Identifier") return node.name;
    if (node.kind === "Number") return node.raw;
    const name = node.kind === "Name" ? (node.name as WithComments<A.Identifier>) : undefined;
    if (name !== undefined && !(name.comments && name.comments.length > 0)) return name.name;
  }
  return index === undefined ? print(key) : print([key, index]);
}

/**
 * `parts` as one string when every part is a string (the text prettier would print for the
 * array), else the array. A large file prints tens of thousands of members, and a doc of one
 * string per line is far less for prettier to walk than nested arrays of short pieces.
 */
function flat(parts: Doc[]): Doc {
  let text = "";
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (typeof p !== "string") return parts;
    text += p;
  }
  return text;
}

/**
 * `print(key)` for a child without comments, without prettier's per-node machinery (members
 * of a block skip it the same way): what
 * prettier's `print` would return here is what this printer prints for the node (the printer
 * places comments itself, and this language has no embedded code nor ignore markers), and
 * that trip cost more than the printing on a large file. Children with comments go through
 * `print`.
 */
function printChild(path: Path, options: Options, print: Print, key: string): Doc {
  const node = (path.node as unknown as Record<string, WithComments<object> | undefined>)[key];
  if (node === undefined || node === null || (node.comments && node.comments.length > 0)) return print(key);
  return path.call((p) => printNode(p, options, print), key as never);
}

const NO_COMMENTS: readonly PrettierComment[] = [];

/** `path.map(print, key)` with leaves printed by `printLeaf`. */
function printLeaves(path: Path, print: Print, key: string): Doc[] {
  const items = (path.node as unknown as Record<string, readonly unknown[]>)[key] as readonly unknown[];
  return items.map((_, i) => printLeaf(path, print, key, i));
}

/** Prints the child expression at `key`, parenthesised when it binds looser than `min`. */
function child(path: Path, print: Print, key: string, min: number): Doc {
  const value = (path.node as unknown as Record<string, A.Expression>)[key] as A.Expression;
  const printed = printLeaf(path, print, key);
  return precedence(value) < min ? ["(", printed, ")"] : printed;
}

function docLines(text: string | undefined): Doc {
  if (text === undefined) return "";
  return text.split("\n").map((l) => [l === "" ? "///" : `/// ${l}`, hardline]);
}

/**
 * Takes the comments attached to the current node that are neither leading nor trailing
 * (comments inside an empty block, list or argument list) and marks them printed.
 */
function takeDangling(path: Path): PrettierComment[] {
  const node = path.node as WithComments<object>;
  const out: PrettierComment[] = [];
  if (!node.comments) return out;
  path.each((p) => {
    const c = p.node;
    if (c.leading || c.trailing) return;
    c.printed = true;
    out.push(c);
  }, "comments");
  return out;
}

/** Consecutive comments stay on one line when they were, otherwise on separate lines. */
function joinComments(comments: readonly PrettierComment[], options: Options): Doc {
  const parts: Doc[] = [];
  comments.forEach((c, i) => {
    const prev = comments[i - 1];
    if (prev) {
      const between = options.originalText.slice(locEnd(prev), locStart(c));
      if (prev.kind !== "block" || between.includes("\n")) {
        parts.push(hardline);
        if (util.isNextLineEmpty(options.originalText, locEnd(prev))) parts.push(hardline);
      } else {
        parts.push(" ");
      }
    }
    parts.push(commentDoc(c));
  });
  return parts;
}

function printDangling(path: Path, options: Options): { docs: Doc; hasLineComment: boolean; count: number } {
  const comments = takeDangling(path);
  return { docs: joinComments(comments, options), hasLineComment: comments.some((c) => c.kind !== "block"), count: comments.length };
}

/** `a, b, c` on one line, or one per line (continuing 2 columns in) when it does not fit. */
function commaList(items: Doc[]): Doc {
  // One plain item has nothing to break: the group would print just the item.
  if (items.length === 1 && typeof items[0] === "string") return items[0];
  return group(indent(join([",", line], items)));
}

/** How many indentation levels the line a string starts on has: member and body nesting. */
function stringIndent(path: Path, options: Options): string {
  let levels = 0;
  for (const anc of path.stack) {
    if (anc === null || typeof anc !== "object" || Array.isArray(anc)) continue;
    const kind = (anc as { kind?: unknown }).kind;
    if (kind === "Contract" || kind === "ConstraintSet" || kind === "Check" || kind === "Judge") levels++;
  }
  const unit = options.useTabs ? "\t" : " ".repeat(options.tabWidth);
  return unit.repeat(levels);
}

function printString(path: Path, options: Options): Doc {
  const node = nodeOf<A.StringLiteral>(path);
  if (!node.triple) return printSingleString(node.value, node.parts);
  const base = stringIndent(path, options);
  const pad = base + (options.useTabs ? "\t" : " ".repeat(options.tabWidth));
  const lines = printTripleStringLines(node.value, node.parts);
  // Literal lines: the content is placed exactly, and a pending end-of-line comment is
  // flushed before the opening quotes rather than inside the string.
  return [
    lineSuffixBoundary,
    '"""',
    ...lines.map((l) => [literallineWithoutBreakParent, l === "" ? "" : pad + l]),
    literallineWithoutBreakParent,
    base,
    '"""',
  ];
}

// ---- printing --------------------------------------------------------------------------------

function printFile(path: Path, options: Options, print: Print): Doc {
  const node = nodeOf<A.SourceFile>(path);
  const decls = node.declarations;
  if (decls.length === 0) {
    const { docs, count } = printDangling(path, options);
    return count > 0 ? [docs, hardline] : "";
  }
  const parts: Doc[] = [];
  path.each((p, i) => {
    const d = p.node as unknown as A.Declaration;
    if (i > 0) {
      const prev = decls[i - 1] as A.Declaration;
      parts.push(hardline);
      const bothImports = prev.kind === "Import" && d.kind === "Import";
      if (!bothImports || util.isNextLineEmpty(options.originalText, locEnd(prev))) parts.push(hardline);
    }
    parts.push(print());
  }, "declarations");
  parts.push(hardline);
  return parts;
}

function printBlock(path: Path, options: Options, print: Print): Doc {
  const node = nodeOf<A.ContractDecl | A.ConstraintSetDecl>(path);
  const head: Doc[] = [docLines(node.doc), node.kind === "Contract" ? "contract " : "constraints ", print("name"), " {"];
  const dangling = takeDangling(path);
  if (node.members.length === 0 && dangling.length === 0) return [head, "}"];
  const body: Doc[] = [];
  let rest = dangling;
  const first = dangling[0];
  const firstOnBraceLine = first !== undefined && !options.originalText.slice(openBraceOffset(options.originalText, node), locStart(first)).includes("\n");
  if (first && firstOnBraceLine) {
    // A comment on the line of the opening brace stays there.
    head.push(" ", commentDoc(first));
    rest = dangling.slice(1);
    if (rest.length === 0 && node.members.length === 0 && first.kind === "block") return [head, " }"];
  }
  if (rest.length > 0) body.push(hardline, joinComments(rest, options));
  path.each((p, i) => {
    const member = p.node as unknown as WithComments<A.Member>;
    const prev: WithComments<A.Member> | undefined = node.members[i - 1];
    // What prints right above this member: the previous member's trailing comments, or the
    // comments at the top of the block.
    const above = prev ? (prev.comments ? prev.comments.filter((c) => c.trailing) : NO_COMMENTS) : dangling;
    // Whether the last comment above prints on a line of its own (not after code or `{`).
    const lastAbove = above[above.length - 1];
    const aboveOwnLine = lastAbove !== undefined && (prev ? ownLine(options.originalText, lastAbove) : !(lastAbove === first && firstOnBraceLine));
    body.push(hardline);
    if ((prev && util.isNextLineEmpty(options.originalText, locEnd(prev))) || (aboveOwnLine && straysIntoDoc(above, member))) body.push(hardline);
    body.push(member.comments && member.comments.length > 0 ? print() : printNode(p, options, print));
  }, "members");
  return [head, indent(body), hardline, "}"];
}

/**
 * Whether the last of `above` is a `///` comment that would become the doc comment of
 * `node` if printed on the line right above it (callers check that it prints on its own
 * line: after code, a `///` comment documents nothing). Such a stray `///` comment
 * documented nothing in the source; a blank line keeps it that way.
 */
function straysIntoDoc(above: readonly PrettierComment[], node: WithComments<{ kind: string }>): boolean {
  // The node's own leading comments, if any, print in between.
  if ((node.comments ?? []).some((c) => c.leading)) return false;
  return above[above.length - 1]?.kind === "doc" && takesDoc(node);
}

function printConstraint(path: Path, options: Options, print: Print): Doc {
  const node = nodeOf<A.ConstraintDecl>(path);
  // The body always goes on its own line. A suppression comment above the constraint or after
  // any of its lines covers the whole constraint (src/language/lint/suppress.ts), so moving
  // the body does not move it out of the comment's reach.
  return [
    docLines(node.doc),
    flat([node.pinned ? "pinned " : "", node.role, " ", printLeaf(path, print, "id"), node.clause ? " " : "", node.clause ? printChild(path, options, print, "clause") : ""]),
    node.body ? indent([hardline, printChild(path, options, print, "body")]) : "",
  ];
}

/** Empty `()` or `[]`, holding only the comments written inside; a line comment breaks the closer onto its own line. */
function printEmptyBrackets(path: Path, options: Options, open: string, close: string): Doc {
  const dangling = printDangling(path, options);
  if (dangling.count === 0) return `${open}${close}`;
  if (!dangling.hasLineComment) return [open, dangling.docs, close];
  return group([open, indent([softline, dangling.docs]), softline, close], { shouldBreak: true });
}

function printArgs(path: Path, options: Options, print: Print): Doc {
  const node = nodeOf<A.CallExpression>(path);
  if (node.args.length === 0) return printEmptyBrackets(path, options, "(", ")");
  const only = node.args[0] as WithComments<A.Argument>;
  if (node.args.length === 1 && !only.name && only.value.kind === "List" && !(only.comments && only.comments.length > 0)) {
    return ["(", print(["args", 0]), ")"];
  }
  return group(["(", indent([softline, join([",", line], path.map(print, "args"))]), softline, ")"]);
}

function printCall(path: Path, options: Options, print: Print): Doc {
  const node = nodeOf<A.CallExpression>(path);
  // Prefix form `ends_with "x"`: the operand must start on the predicate's line.
  if (!node.subject && isBareInfix(node)) return [print("callee"), " ", print(["args", 0])];
  if (!node.subject || node.style === "call") {
    return [print("callee"), printArgs(path, options, print)];
  }
  if (node.style === "method") {
    const withArgs = node.parenthesized || node.args.length > 0;
    return [child(path, print, "subject", PREC.method), ".", print("callee"), withArgs ? printArgs(path, options, print) : ""];
  }
  // Infix: `subject callee operand` or `subject callee(args)`. The callee must stay on
  // the subject's line (grammar/parser.ts, infixPredicateAhead), so no line break here.
  const bare = isBareInfix(node);
  return [
    child(path, print, "subject", PREC.method),
    " ",
    print("callee"),
    bare ? [" ", print(["args", 0])] : printArgs(path, options, print),
  ];
}

function printLogical(path: Path, print: Print): Doc {
  const node = nodeOf<A.BinaryExpression>(path);
  const parent = path.parent as { kind?: string; op?: string } | null;
  const [leftMin, rightMin] = operandPrec(node.op);
  // Inner links of a left-associative chain print flat; the chain's top is one group.
  const inner = parent !== null && parent.kind === "Binary" && parent.op === node.op && path.key === "left";
  let left = child(path, print, "left", leftMin);
  if (node.op === "or" && node.left.kind === "Binary" && node.left.op === "and") left = indent(left);
  const parts: Doc[] = [left, indent([line, node.op, " ", child(path, print, "right", rightMin)])];
  return inner ? parts : group(parts);
}

function printList(path: Path, options: Options, print: Print): Doc {
  const node = nodeOf<A.ListLiteral>(path);
  if (node.items.length === 0) return printEmptyBrackets(path, options, "[", "]");
  const printed = path.map(print, "items");
  // No trailing comma even when broken: one written in the source (`[a, b,]`, which the
  // grammar accepts) is dropped, see docs/formatting.md.
  return group(["[", indent([softline, join([",", line], printed)]), softline, "]"]);
}

function printReplay(path: Path, options: Options, print: Print): Doc {
  const node = nodeOf<A.ReplayDecl>(path);
  const dangling = printDangling(path, options);
  if (node.settings.length === 0) {
    if (dangling.count === 0) return "replay {}";
    return group(["replay {", indent([line, dangling.docs]), line, "}"], { shouldBreak: dangling.hasLineComment });
  }
  const settings = path.map(print, "settings");
  return group([
    "replay {",
    indent([line, dangling.count > 0 ? [dangling.docs, hardline] : "", join(line, settings)]),
    line,
    "}",
  ]);
}

function printNode(path: Path, options: Options, print: Print): Doc {
  const node = path.node;
  if (!("kind" in node)) {
    // Kindless nodes: call arguments, replay settings, `use` names.
    if ("value" in node) {
      if (path.key === "settings") return [print("name"), " ", print("value")];
      const arg = node as A.Argument;
      return [arg.name ? [print("name"), ": "] : "", print("value")];
    }
    const q = node;
    return q.qualifier ? [print("qualifier"), ".", print("name")] : print("name");
  }
  switch (node.kind) {
    case "File":
      return printFile(path, options, print);
    case "Import":
      return ["import ", print("path")];
    case "Contract":
    case "ConstraintSet":
      return printBlock(path, options, print);
    case "Input": {
      const n = node;
      return [
        docLines(n.doc),
        "input ",
        print("name"),
        ": ",
        print("type"),
        n.isList ? "[]" : "",
        n.default ? [" = ", print("default")] : "",
      ];
    }
    case "Prompt":
      return ["prompt ", print("text")];
    case "Constraint":
      return printConstraint(path, options, print);
    case "Check":
      return flat(["check ", printChild(path, options, print, "expression")]);
    case "Judge":
      return ["judge ", print("rubric")];
    case "Use":
      return ["use ", commaList(path.map(print, "names"))];
    case "Requires":
      return flat([printLeaf(path, print, "subject"), " requires ", commaList(printLeaves(path, print, "targets"))]);
    case "Couple":
      return ["couple ", commaList(printLeaves(path, print, "members"))];
    case "Replay":
      return printReplay(path, options, print);
    case "Identifier":
      return node.name;
    case "Number":
      return node.raw;
    case "String":
      return printString(path, options);
    case "Boolean":
      return node.value ? "true" : "false";
    case "Regex":
      return `/${node.pattern}/${node.flags}`;
    case "List":
      return printList(path, options, print);
    case "Name":
      return print("name");
    case "Call":
      return printCall(path, options, print);
    case "Unary":
      if (node.op === "not") return ["not ", child(path, print, "operand", PREC.not)];
      // `- -x`, not `--x`.
      return ["-", node.operand.kind === "Unary" && node.operand.op === "-" ? " " : "", child(path, print, "operand", PREC.neg)];
    case "Binary": {
      if (node.op === "and" || node.op === "or") return printLogical(path, print);
      const [l, r] = operandPrec(node.op);
      return flat([child(path, print, "left", l), " ", node.op, " ", child(path, print, "right", r)]);
    }
    case "InRange":
      return [
        child(path, print, "subject", PREC.add),
        " in ",
        child(path, print, "low", PREC.add),
        "..",
        child(path, print, "high", PREC.add),
      ];
    case "Paren":
      return group(["(", indent([softline, print("inner")]), softline, ")"]);
    case "Error":
      throw new Error("cannot format a file with syntax errors");
    default:
      return "";
  }
}

export const contractPrinter: Printer<AnyNode> = {
  print(path, options, print) {
    const printed = printNode(path, options, print as Print);
    const node = path.node as WithComments<{ kind?: string }>;
    return withComments(printed, node.comments, options.originalText, takesDoc(node));
  },
  // Comments are printed by `print` above (see ./comments.ts for the rules).
  willPrintOwnComments: () => true,
  printComment(path) {
    return commentDoc(path.node as unknown as PrettierComment);
  },
  isBlockComment(node) {
    return isComment(node) && node.kind === "block";
  },
  canAttachComment(node) {
    return !isComment(node) && typeof node === "object" && node !== null && "range" in node && (node as { kind?: unknown }).kind !== "File";
  },
  getVisitorKeys(node) {
    return childKeys(node) as string[];
  },
  handleComments,
};
