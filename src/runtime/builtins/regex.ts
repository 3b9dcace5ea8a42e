/**
 * User regular expressions run on re2js (RE2 semantics: linear time, no
 * backreferences or lookaround), never on native RegExp, so no response can make a
 * verifier hang. Compiled patterns are cached.
 *
 * This is a local helper: when `src/language/regex/compile.ts` (the checker's
 * `compileUserRegex`) lands, the runtime should switch to it so the checker and the
 * runtime accept exactly the same patterns.
 */
import { RE2JS } from "re2js";

export type CompiledRegex = { readonly ok: true; readonly regex: RE2JS } | { readonly ok: false; readonly message: string };

const FLAG_BITS: Readonly<Record<string, number>> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  // `g` and `u` are accepted for familiarity and change nothing: matching is always global and Unicode-aware.
  g: 0,
  u: 0,
};

const CACHE_LIMIT = 512;
const cache = new Map<string, CompiledRegex>();

export function compileUserRegex(pattern: string, flags: string): CompiledRegex {
  const key = `${flags}\u0000${pattern}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const result = compileUncached(pattern, flags);
  cache.set(key, result);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return result;
}

function compileUncached(pattern: string, flags: string): CompiledRegex {
  let bits = 0;
  for (const f of flags) {
    const bit = FLAG_BITS[f];
    if (bit === undefined) return { ok: false, message: `unknown regex flag \`${f}\` (use i, m or s)` };
    bits |= bit;
  }
  try {
    return { ok: true, regex: RE2JS.compile(pattern, bits) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, message: message.replace(/^error parsing regexp: /, "") };
  }
}

/** A cached case-insensitive (or exact) matcher for a literal phrase. */
export function literalRegex(phrase: string, ignoreCase: boolean): RE2JS {
  const compiled = compileUserRegex(RE2JS.quote(phrase), ignoreCase ? "i" : "");
  if (!compiled.ok) throw new Error(`internal: cannot compile a quoted literal: ${compiled.message}`);
  return compiled.regex;
}
