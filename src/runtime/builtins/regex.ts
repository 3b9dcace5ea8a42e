/**
 * User regular expressions run on re2js (RE2 semantics: linear time, no
 * backreferences or lookaround), never on native RegExp, so no response can make a
 * verifier hang. Compilation goes through the checker's `compileUserRegex`
 * (src/common/regex.ts), so the checker and the runtime accept exactly
 * the same patterns and flags; compiled patterns are cached there. Syntax errors keep
 * RE2's own wording ("missing closing )") in verdict evidence, as before the switch.
 */
import { RE2JS } from "re2js";
import { compileUserRegex as compileChecked } from "../../common/regex.js";

export type CompiledRegex = { readonly ok: true; readonly regex: RE2JS } | { readonly ok: false; readonly message: string };

export function compileUserRegex(pattern: string, flags: string): CompiledRegex {
  const r = compileChecked(pattern, flags);
  if (r.ok) return { ok: true, regex: r.regex };
  return { ok: false, message: r.cause === "flag" ? r.message : re2Message(pattern, flags) ?? r.message };
}

/** RE2's message for a pattern that does not compile (flags already validated). */
function re2Message(pattern: string, flags: string): string | undefined {
  const bits = (flags.includes("i") ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes("m") ? RE2JS.MULTILINE : 0) | (flags.includes("s") ? RE2JS.DOTALL : 0);
  try {
    RE2JS.compile(pattern, bits);
    return undefined;
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).replace(/^error parsing regexp: /, "");
  }
}
