/**
 * Generators for the fuzz suite: mutations of bundled specs and hostile responses.
 * Shared by the fuzz tests; seeded through fast-check, so a failure reproduces from
 * the printed seed and path.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { REPO_ROOT } from "../helpers/repo.js";

/** Every bundled spec, keyed by its path relative to the repository (so imports resolve in a memory host). */
export function bundledSpecs(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else if (name.endsWith(".contract")) out[relative(REPO_ROOT, abs).split("\\").join("/")] = readFileSync(abs, "utf8");
    }
  };
  walk(join(REPO_ROOT, "specs"));
  return out;
}

/** Fragments that stress the lexer, parser, checker and formatter. */
const FRAGMENTS = [
  "(", ")", "[", "]", "{", "}", "\"", "\"\"\"", "/", "/*", "*/", "//", "///", "\n", "\r\n", "\t", ",", ".", "..", ":", "=",
  " and ", " or ", " not ", " + ", " - ", " * ", " / ", " == ", " <= ", " >= ", " != ", " in ",
  "task ", "quality ", "safety ", "pinned ", "check ", "judge ", "requires ", "couple ", "use ", "input ", "prompt ", "contract ", "constraints ", "import ", "replay ",
  "__proto__", "constructor", "toString", "hasOwnProperty", "valueOf",
  "words", "first_line", ".first_line", "contains", "matches", "ifeval_keywords_existence", "ifeval_forbidden_words",
  "{{", "}}", "{{x}}", "\\u{0}", "\\u{D800}", "\\", "\u0000", "\u2028", "\ufeff", "\ud800", "\udfff", "😀", "é", "\u202e",
  "/(a+)+$/", "\"(a+)+$\"", "9007199254740993", "1e309", "-0", "0.5",
  "/* a */", "// c\n", "/// d\n",
];

const fragment = fc.oneof(
  fc.constantFrom(...FRAGMENTS),
  fc.string({ maxLength: 12 }),
  fc.nat({ max: 400 }).map((n) => "(".repeat(n)),
  fc.nat({ max: 400 }).map((n) => Array.from({ length: n }, () => "words >= 1").join(" and ")),
  fc.nat({ max: 5000 }).map((n) => `"${"z".repeat(n)}"`),
);

type Op = { kind: "delete" | "duplicate"; at: number; len: number } | { kind: "insert"; at: number; text: string } | { kind: "swap"; at: number; len: number; to: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x), len: fc.nat({ max: 40 }) }).map((o) => ({ ...o, at: o.at })) as fc.Arbitrary<Op>,
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat({ max: 200 }) }) as fc.Arbitrary<Op>,
  fc.record({ kind: fc.constant("insert" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fragment }) as fc.Arbitrary<Op>,
  fc.record({ kind: fc.constant("swap" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat({ max: 30 }), to: fc.double({ min: 0, max: 1, noNaN: true }) }) as fc.Arbitrary<Op>,
);

/** Applies mutation operations; positions are fractions of the current length, so any op fits any text. */
export function mutate(text: string, ops: readonly Op[]): string {
  let s = text;
  for (const o of ops) {
    const at = Math.min(s.length, Math.floor(o.at * (s.length + 1)));
    if (o.kind === "delete") s = s.slice(0, at) + s.slice(at + o.len);
    else if (o.kind === "duplicate") s = s.slice(0, at + o.len) + s.slice(at, at + o.len) + s.slice(at + o.len);
    else if (o.kind === "insert") s = s.slice(0, at) + o.text + s.slice(at);
    else {
      const piece = s.slice(at, at + o.len);
      const rest = s.slice(0, at) + s.slice(at + o.len);
      const to = Math.min(rest.length, Math.floor((o as { to: number }).to * (rest.length + 1)));
      s = rest.slice(0, to) + piece + rest.slice(to);
    }
  }
  return s;
}

export const mutations = fc.array(op, { minLength: 1, maxLength: 6 });

/** Responses an attacker or a broken model could send. */
export const hostileResponse: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 300 }), // lone surrogates included
  fc.nat({ max: 60_000 }).map((n) => "a".repeat(n) + "!"),
  fc.nat({ max: 20_000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
  fc.nat({ max: 20_000 }).map((n) => "{\"a\":".repeat(n) + "1" + "}".repeat(n)),
  fc.nat({ max: 5_000 }).map((n) => "- item\n".repeat(n)),
  fc.nat({ max: 5_000 }).map((n) => "\n".repeat(n) + "P.S. x"),
  fc.nat({ max: 3_000 }).map((n) => "SECTION 1 ".repeat(n)),
  fc.nat({ max: 2_000 }).map((n) => "<<".repeat(n) + "*" .repeat(n)),
  fc.constantFrom("", "\ufeff", "\ud800", "\u0000\u2028\u2029", "é\u0301".repeat(1000), "😀".repeat(5000), "\r\n".repeat(3000)),
  fc.nat({ max: 200_000 }).map((n) => "word ".repeat(Math.floor(n / 5))),
);
