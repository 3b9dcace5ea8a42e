/**
 * Compiles user regular expressions with re2js, a port of RE2: matching runs in
 * time linear in the input, so no response can hang a verifier. The checker uses
 * this to validate patterns (HIR8001) and the runtime to evaluate `matches` and
 * `count_matches`. Never throws: every failure comes back as a readable message.
 */
import { RE2JS } from "re2js";

/** Why a pattern was rejected; `backreference` and `lookaround` are RE2 design limits, not typos. */
export type RegexFailureCause = "flag" | "backreference" | "lookaround" | "syntax";

export type CompileUserRegexResult =
  | { readonly ok: true; readonly regex: RE2JS }
  | { readonly ok: false; readonly message: string; readonly cause: RegexFailureCause };

/** The flags a contract regex may carry, with what each does (for messages and docs). */
export const SUPPORTED_REGEX_FLAGS: Readonly<Record<string, string>> = {
  i: "ignore case",
  m: "`^` and `$` match at line breaks",
  s: "`.` also matches line breaks",
};

const FLAG_BITS: Readonly<Record<string, number>> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL };

const UNSUPPORTED_FLAGS: Readonly<Record<string, string>> = {
  g: "the flag `g` is not needed: `matches` looks for any match and `count_matches` counts every match",
  u: "the flag `u` is not needed: patterns are always Unicode-aware",
  y: "the flag `y` (sticky) is not supported",
  d: "the flag `d` (match indices) is not supported",
  v: "the flag `v` (Unicode sets) is not supported",
  x: "the flag `x` (extended mode) is not supported",
};

const CACHE_LIMIT = 512;
const cache = new Map<string, RE2JS>();

/**
 * Compiles `pattern` (RE2 syntax) with JavaScript-style `flags` (`i`, `m`, `s`).
 * Returns the compiled RE2JS object, or a message fit to show a user. Compiled
 * patterns are cached, so calling this per response is cheap.
 */
export function compileUserRegex(pattern: string, flags = ""): CompileUserRegexResult {
  try {
    if (typeof pattern !== "string") return { ok: false, message: "the pattern is not a text", cause: "syntax" };
    const f = typeof flags === "string" ? flags : "";
    const parsed = parseFlags(f);
    if (typeof parsed === "string") return { ok: false, message: parsed, cause: "flag" };
    const key = `${parsed}/${pattern}`;
    const hit = cache.get(key);
    if (hit) return { ok: true, regex: hit };
    const regex = RE2JS.compile(pattern, parsed);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, regex);
    return { ok: true, regex };
  } catch (e) {
    return explainRegexError(e);
  }
}

/** The RE2JS flag bits for a flag string, or a message naming the bad flag. */
function parseFlags(flags: string): number | string {
  let bits = 0;
  const seen = new Set<string>();
  for (const ch of flags) {
    if (seen.has(ch)) return `the flag \`${ch}\` is given twice`;
    seen.add(ch);
    const bit = FLAG_BITS[ch];
    if (bit !== undefined) {
      bits |= bit;
      continue;
    }
    return `${UNSUPPORTED_FLAGS[ch] ?? `\`${ch}\` is not a regular-expression flag`} (flags: ${Object.keys(SUPPORTED_REGEX_FLAGS).join(", ")})`;
  }
  return bits;
}

export function supportedFlagsPhrase(): string {
  return Object.entries(SUPPORTED_REGEX_FLAGS).map(([f, what]) => `\`${f}\` (${what})`).join(", ");
}

interface SyntaxErrorLike {
  readonly error?: unknown;
  readonly input?: unknown;
  readonly message?: unknown;
}

/** Turns an re2js exception into a sentence a contract author can act on. */
export function explainRegexError(e: unknown): { ok: false; message: string; cause: RegexFailureCause } {
  const err = (typeof e === "object" && e !== null ? e : {}) as SyntaxErrorLike;
  const code = typeof err.error === "string" ? err.error : undefined;
  const input = typeof err.input === "string" ? err.input : undefined;
  const raw = typeof err.message === "string" ? err.message : String(e);
  const shown = input !== undefined ? ` \`${shorten(input)}\`` : "";
  const fail = (message: string, cause: RegexFailureCause = "syntax") => ({ ok: false as const, message, cause });

  if (input !== undefined && /^\(\?<[=!]/.test(input)) return fail(`\`${input.slice(0, 4)}\` is a lookbehind, which RE2 does not support`, "lookaround");
  switch (code) {
    case "missing closing )": return fail("a `(` is never closed");
    case "unexpected )": return fail("a `)` has no matching `(`");
    case "missing closing ]": return fail(`a character class is never closed:${shown}`);
    case "trailing backslash at end of expression": return fail("the pattern ends with a lone backslash");
    case "missing argument to repetition operator": return fail(`${shown.trim() || "a repetition"} has nothing before it to repeat`);
    case "invalid nested repetition operator":
      return fail(`${shown.trim() || "the operator"} repeats a repetition; possessive (\`a++\`) and doubled quantifiers are not RE2 syntax`);
    case "invalid repeat count": return fail(`the repeat count${shown} is invalid: counts go up to 1000 and the minimum must not exceed the maximum`);
    case "invalid character class range":
      return input !== undefined && /^\\[pP]/.test(input)
        ? fail(`\`${shorten(input)}\` is not a Unicode class RE2 knows`)
        : fail(`the character range${shown} is invalid (it must go from low to high)`);
    case "invalid escape sequence": {
      if (input !== undefined && /^\\[1-9]/.test(input)) return fail(`\`${input}\` is a backreference, which RE2 does not support`, "backreference");
      if (input === "\\k") return fail("`\\k<name>` is a named backreference, which RE2 does not support", "backreference");
      if (input === "\\u") return fail("`\\u` escapes are not RE2 syntax: write `\\x{20AC}` (or `\\x41`) instead");
      if (input === "\\c") return fail("control-character escapes (`\\cX`) are not RE2 syntax: write `\\x01` instead");
      return fail(`${shown.trim() || "an escape"} is not a valid escape in RE2 syntax`);
    }
    case "invalid or unsupported Perl syntax":
      if (input === "(?=" || input === "(?!") return fail(`\`${input}\` is a lookahead, which RE2 does not support`, "lookaround");
      if (input === "(?#") return fail("`(?#...)` comments are not RE2 syntax");
      return fail(`${shown.trim() || "a group"} is not RE2 syntax`);
    case "invalid named capture": return fail(`the named group${shown} is invalid: write \`(?P<name>...)\` or \`(?<name>...)\``);
    case "duplicate capture group name": return fail(`a group name is used twice:${shown}`);
    case "expression too large":
    case "expression nests too deeply":
      return fail(`the pattern is too large for the engine (${code})`);
    default:
      break;
  }
  const cleaned = raw.replace(/^error parsing regexp:\s*/, "");
  return fail(cleaned || "the pattern does not compile");
}

function shorten(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
