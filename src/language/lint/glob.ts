/**
 * Glob patterns for the config's `ignore` list, with .gitignore-like semantics:
 *
 * - Paths are matched relative to the directory holding the config file, with `/` separators.
 * - `*` matches within one path segment, `?` one character (never `/`), `**` any number of
 *   segments, `[abc]` / `[!abc]` a character class, `{a,b}` alternatives, `\x` a literal x.
 * - A pattern without a `/` (other than a trailing one) matches a file or directory name at
 *   any depth (`*.draft.contract`); otherwise it is anchored at the config directory
 *   (`generated/**`, `/legacy`). A leading `./` or `/` only anchors.
 * - A pattern that matches a directory ignores everything below it (`vendor` or `vendor/`).
 * - A pattern starting with `!` re-includes what earlier patterns ignored; the last matching
 *   pattern wins.
 */
import { RE2JS } from "re2js";

export interface CompiledGlob {
  readonly pattern: string;
  readonly negated: boolean;
  /** Whether a `/`-separated relative path matches (RE2: linear in the path whatever the glob). */
  readonly regex: { test(path: string): boolean };
}

/** Why a pattern cannot be used, or undefined when it is fine. */
export function globProblem(pattern: string): string | undefined {
  const body = pattern.startsWith("!") ? pattern.slice(1) : pattern;
  if (body.trim().length === 0) return "An ignore pattern must not be empty.";
  if (/(^|[^\\])(\\\\)*\\$/.test(body)) return "An ignore pattern must not end with a backslash.";
  try {
    compileGlob(pattern);
  } catch {
    return "The pattern is not a valid glob (check its `[...]` character classes).";
  }
  return undefined;
}

function escapeRegex(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}

/** Index of the `}` that closes the `{` at `open`, or -1. */
function matchingBrace(p: string, open: number): number {
  let depth = 0;
  for (let i = open; i < p.length; i++) {
    const c = p[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return -1;
}

/** Splits the inside of a `{...}` at its top-level commas. */
function splitAlternatives(inner: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i] as string;
    if (c === "\\") {
      cur += c + (inner[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === "{") depth++;
    if (c === "}") depth--;
    if (c === "," && depth === 0) {
      parts.push(cur);
      cur = "";
    } else {
      cur += c;
    }
  }
  parts.push(cur);
  return parts;
}

function toRegexSource(p: string): string {
  let out = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i] as string;
    if (c === "\\") {
      out += escapeRegex(p[i + 1] ?? "\\");
      i++;
    } else if (c === "*") {
      if (p[i + 1] === "*") {
        const atSegmentStart = i === 0 || p[i - 1] === "/";
        if (atSegmentStart && p[i + 2] === "/") {
          out += "(?:[^/]*/)*"; // "**/": zero or more whole segments
          i += 2;
          continue;
        }
        if (atSegmentStart && i + 2 === p.length) {
          out += ".*";
          i += 1;
          continue;
        }
        out += "[^/]*"; // "a**b" is just a star
        i += 1;
        continue;
      }
      out += "[^/]*";
    } else if (c === "?") {
      out += "[^/]";
    } else if (c === "[") {
      const close = p.indexOf("]", i + 2);
      if (close === -1) {
        out += "\\[";
        continue;
      }
      let body = p.slice(i + 1, close);
      const negate = body.startsWith("!") || body.startsWith("^");
      if (negate) body = body.slice(1);
      const cls = body.replace(/[\\\]^[]/g, (ch) => `\\${ch}`);
      out += negate ? `[^/${cls}]` : `[${cls}]`;
      i = close;
    } else if (c === "{") {
      const close = matchingBrace(p, i);
      if (close === -1) {
        out += "\\{";
        continue;
      }
      out += `(?:${splitAlternatives(p.slice(i + 1, close)).map(toRegexSource).join("|")})`;
      i = close;
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

export function compileGlob(pattern: string): CompiledGlob {
  const negated = pattern.startsWith("!");
  let body = negated ? pattern.slice(1) : pattern;
  body = body.trim();
  const anchored = body.replace(/\/+$/, "").includes("/");
  body = body.replace(/^(\.\/)+/, "").replace(/^\/+/, "").replace(/\/+$/, "");
  const source = toRegexSource(body);
  const full = `^${anchored ? "" : "(?:[^/]*/)*"}${source}$`;
  let regex: CompiledGlob["regex"];
  try {
    const re2 = RE2JS.compile(full);
    regex = { test: (path) => re2.matcher(path).find() };
  } catch {
    // A class RE2 rejects (such as `[z-a]`): the glob matches only its own text.
    regex = { test: (path) => path === body };
  }
  return { pattern, negated, regex };
}

/** Whether `relPath` (relative, `/`-separated) or one of its parent directories matches. */
function matches(g: CompiledGlob, relPath: string): boolean {
  const segments = relPath.split("/");
  for (let n = segments.length; n >= 1; n--) {
    if (g.regex.test(segments.slice(0, n).join("/"))) return true;
  }
  return false;
}

/** Applies an ignore list to a relative path: the last matching pattern decides. */
export function isPathIgnored(relPath: string, globs: readonly CompiledGlob[]): boolean {
  const p = relPath.replace(/\\/g, "/").replace(/^(\.\/)+/, "");
  if (p === "" || p === ".." || p.startsWith("../")) return false;
  let ignored = false;
  for (const g of globs) {
    if (matches(g, p)) ignored = !g.negated;
  }
  return ignored;
}
