/**
 * The few TypeScript statement shapes generated modules are made of, printed as text:
 * doc comments, `const` statements, type aliases and functions, in groups separated by
 * a blank line. The layout is fixed (and kept byte-identical to what the ts-morph
 * printer used before produced, so committed output did not change): a module larger
 * than prettier's limit (format.ts) is written exactly as printed here.
 *
 * Nothing here escapes or rescans text. Doc comment lines go through `commentText`;
 * every other piece (names, types, initializers, statements) must already be code built
 * by the emitters, with user strings only inside `tsString`/`tsValue` literals.
 */
import { commentText } from "./literals.js";

/** Body statements of a function are indented by this much (blank lines stay empty). */
const INDENT = "    ";

/**
 * A JSDoc block for `text` followed by a newline, or "" when there is no text. Each line
 * of `text` is made comment-safe; one line gives `/** line *\/`, several give one ` * line`
 * each (` *` for an empty line), a leading empty line dropped.
 */
export function docComment(text: string | undefined): string {
  if (text === undefined || text === "") return "";
  const lines = text.split("\n").map((line) => (line === "" ? "" : commentText(line)));
  if (lines.length === 1) return `/** ${lines[0] as string} */\n`;
  let out = "/**\n";
  for (let i = lines[0] === "" ? 1 : 0; i < lines.length; i++) {
    const line = lines[i] as string;
    out += line === "" ? " *\n" : ` * ${line}\n`;
  }
  return `${out} */\n`;
}

interface Declared {
  /** Doc comment text (see `docComment`). */
  readonly doc?: string | undefined;
  readonly exported?: boolean;
}

function prefix(d: Declared): string {
  return docComment(d.doc) + (d.exported ? "export " : "");
}

/** `const name: type = initializer;` */
export function constStatement(d: Declared & { readonly name: string; readonly type?: string; readonly initializer: string }): string {
  return `${prefix(d)}const ${d.name}${d.type !== undefined ? `: ${d.type}` : ""} = ${d.initializer};`;
}

/** `type name = type;` */
export function typeAlias(d: Declared & { readonly name: string; readonly type: string }): string {
  return `${prefix(d)}type ${d.name} = ${d.type};`;
}

/** `text` with each non-empty line indented (most statements are one line). */
function indented(text: string): string {
  if (!text.includes("\n")) return text === "" ? "" : INDENT + text;
  return text.split("\n").map(indented).join("\n");
}

/** `function name(parameters): returnType { statements }`, one statement (or line of one) per indented line. */
export function functionDeclaration(d: Declared & {
  readonly name: string;
  /** The parameter list as written between the parentheses. */
  readonly parameters: string;
  readonly returnType: string;
  readonly statements: readonly string[];
}): string {
  let out = `${prefix(d)}function ${d.name}(${d.parameters}): ${d.returnType} {\n`;
  for (const s of d.statements) out += `${indented(s)}\n`;
  return `${out}}`;
}

/** A whole file: statements one per line, non-empty groups separated by a blank line, a final newline. */
export function printGroups(groups: readonly (readonly string[])[]): string {
  const nonEmpty = groups.filter((g) => g.length > 0);
  return nonEmpty.length === 0 ? "" : `${nonEmpty.map((g) => g.join("\n")).join("\n\n")}\n`;
}
