/**
 * Decoding of string literals: escapes, triple-quote dedent and `{{name}}`
 * interpolation, keeping a source offset for every decoded character so that
 * diagnostics about an interpolation point at the exact characters.
 */
import type { StringPart } from "./ast.js";
import type { Range } from "./diagnostics/types.js";

export interface DecodedChar {
  readonly ch: string;
  /** Offset in the document of the source text this character came from. */
  readonly offset: number;
  /** True for a character produced by an escape (`\{` never starts an interpolation). */
  readonly escaped: boolean;
}

export interface StringProblem {
  readonly kind: "unterminated" | "invalid-escape";
  readonly start: number;
  readonly end: number;
  readonly detail: string;
}

export interface DecodedString {
  readonly chars: DecodedChar[];
  readonly problems: StringProblem[];
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { "\\": "\\", '"': '"', n: "\n", t: "\t", r: "\r", "{": "{", "}": "}" };

/**
 * The value of a closed one-line `"..."` literal with no escape and no `{{`: its
 * source text between the quotes, which is what `decodeString` would give (and a
 * single text part what `splitInterpolations` would). Undefined for any other
 * literal. A fast path: most literals in real contracts are like this.
 */
export function plainStringValue(image: string): string | undefined {
  if (image.length < 2 || image.startsWith('"""') || image[0] !== '"' || image[image.length - 1] !== '"') return undefined;
  const body = image.slice(1, -1);
  return body.includes("\\") || body.includes("{{") || body.includes("\n") || body.includes("\r") ? undefined : body;
}

/** Decodes the body of a literal (`image` is the full token text starting at `base`). */
export function decodeString(image: string, base: number): DecodedString {
  const triple = image.startsWith('"""');
  const quote = triple ? '"""' : '"';
  const closed = image.length >= quote.length * 2 && image.endsWith(quote);
  const problems: StringProblem[] = [];
  if (!closed) problems.push({ kind: "unterminated", start: base, end: base + image.length, detail: "" });
  const bodyStart = quote.length;
  const bodyEnd = closed ? image.length - quote.length : image.length;
  const chars: DecodedChar[] = [];
  let i = bodyStart;
  while (i < bodyEnd) {
    const c = image[i] as string;
    if (c !== "\\") {
      chars.push({ ch: c, offset: base + i, escaped: false });
      i++;
      continue;
    }
    const next = image[i + 1];
    if (next === undefined || i + 1 >= bodyEnd) {
      problems.push({ kind: "invalid-escape", start: base + i, end: base + i + 1, detail: "\\" });
      i++;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      chars.push({ ch: simple, offset: base + i, escaped: true });
      i += 2;
      continue;
    }
    if (next === "u") {
      const m = /^\\u\{([0-9a-fA-F]{1,6})\}/.exec(image.slice(i, bodyEnd));
      const cp = m ? parseInt(m[1] as string, 16) : NaN;
      if (m && cp <= 0x10ffff) {
        chars.push({ ch: String.fromCodePoint(cp), offset: base + i, escaped: true });
        i += m[0].length;
        continue;
      }
    }
    if (triple && (next === "\n" || next === "\r")) {
      // A backslash at the end of a line in a triple string joins the lines.
      i += next === "\r" && image[i + 2] === "\n" ? 3 : 2;
      continue;
    }
    problems.push({ kind: "invalid-escape", start: base + i, end: base + i + 2, detail: `\\${next}` });
    chars.push({ ch: next, offset: base + i + 1, escaped: true });
    i += 2;
  }
  return { chars: triple ? dedent(chars) : chars, problems };
}

/**
 * Triple-quoted strings drop the line break after the opening quotes, the
 * whitespace-only last line before the closing quotes, and the indentation common
 * to all non-blank lines, so prompts can be indented with the code around them.
 */
function dedent(chars: DecodedChar[]): DecodedChar[] {
  const lines: DecodedChar[][] = [[]];
  for (const c of chars) {
    if (c.ch === "\n" && !c.escaped) lines.push([]);
    else if (c.ch === "\r" && !c.escaped) continue;
    else (lines[lines.length - 1] as DecodedChar[]).push(c);
  }
  const isBlank = (l: DecodedChar[]) => l.every((c) => (c.ch === " " || c.ch === "\t") && !c.escaped);
  if (lines.length > 1 && isBlank(lines[0] as DecodedChar[])) lines.shift();
  if (lines.length > 1 && isBlank(lines[lines.length - 1] as DecodedChar[])) lines.pop();
  let common = Infinity;
  for (const l of lines) {
    if (isBlank(l)) continue;
    let n = 0;
    while (n < l.length && (l[n]?.ch === " " || l[n]?.ch === "\t") && !l[n]?.escaped) n++;
    common = Math.min(common, n);
  }
  if (!Number.isFinite(common)) common = 0;
  const out: DecodedChar[] = [];
  lines.forEach((l, idx) => {
    if (idx > 0) out.push({ ch: "\n", offset: l[0]?.offset ?? out[out.length - 1]?.offset ?? 0, escaped: false });
    // A loop, not push(...spread): a 130,000-character line would exceed the argument limit.
    if (!isBlank(l)) for (let k = common; k < l.length; k++) out.push(l[k]!);
  });
  return out;
}

/** Splits decoded characters into text and `{{ name }}` parts. */
export function splitInterpolations(
  chars: readonly DecodedChar[],
  sourceEnd: number,
  toRange: (start: number, end: number) => Range,
): StringPart[] {
  const parts: StringPart[] = [];
  let text = "";
  let i = 0;
  while (i < chars.length) {
    const c = chars[i] as DecodedChar;
    if (c.ch === "{" && !c.escaped && chars[i + 1]?.ch === "{" && !chars[i + 1]?.escaped) {
      let j = i + 2;
      let inner = "";
      while (j < chars.length && !(chars[j]?.ch === "}" && chars[j + 1]?.ch === "}" && !chars[j]?.escaped)) {
        inner += chars[j]?.ch;
        j++;
        if (inner.length > 200) break;
      }
      const name = inner.trim();
      if (j < chars.length && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        if (text) parts.push({ kind: "text", value: text });
        text = "";
        const end = (chars[j + 1]?.offset ?? sourceEnd - 1) + 1;
        parts.push({ kind: "interpolation", name, range: toRange(c.offset, end) });
        i = j + 2;
        continue;
      }
    }
    text += c.ch;
    i++;
  }
  if (text || parts.length === 0) parts.push({ kind: "text", value: text });
  return parts;
}
