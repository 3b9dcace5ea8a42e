/**
 * src/runtime/compiled.ts mirrors parts of the interpreter (verify.ts gating and
 * judging, hindsight.ts planning, evaluate.ts evidence wording) that those files do
 * not export. This test fails, naming the function, as soon as a mirrored function
 * differs from the original, so the copies cannot drift silently. (The agreement
 * property test checks behaviour; this one checks the rarely exercised paths too.)
 * When the runtime exports these functions, compiled.ts should import them instead.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../helpers/repo.js";

const read = (f: string) => readFileSync(join(REPO_ROOT, f), "utf8");

/** The text of a top-level `function name(` or `const name` declaration, whitespace-normalised. */
function declaration(src: string, name: string): string | undefined {
  const lines = src.split("\n");
  const start = lines.findIndex((l) => new RegExp(`^(?:export )?(?:async )?(?:function ${name}[(<]|const ${name}\\b)`).test(l));
  if (start < 0) return undefined;
  let end = start;
  if (!/[;]$/.test((lines[start] as string).trimEnd()) || /\{$/.test((lines[start] as string).trimEnd())) {
    while (end < lines.length && lines[end] !== "}" && lines[end] !== "};") end++;
  }
  return lines.slice(start, end + 1).join("\n").replace(/\s+/g, " ").trim();
}

const MIRRORS: readonly { file: string; name: string; ours?: string; rename?: readonly [string, string][] }[] = [
  { file: "src/runtime/evaluate.ts", name: "bool" },
  { file: "src/runtime/evaluate.ts", name: "num" },
  { file: "src/runtime/evaluate.ts", name: "expectation" },
  { file: "src/runtime/evaluate.ts", name: "describeCompare" },
  { file: "src/runtime/evaluate.ts", name: "NEGATE" },
  { file: "src/runtime/evaluate.ts", name: "FLIP" },
  { file: "src/runtime/evaluate.ts", name: "compare", ours: "compareValues", rename: [["compareValues", "compare"]] },
  { file: "src/runtime/verify.ts", name: "combine" },
  { file: "src/runtime/verify.ts", name: "finish" },
  { file: "src/runtime/verify.ts", name: "settle" },
  { file: "src/runtime/verify.ts", name: "invalidInputs" },
  { file: "src/runtime/verify.ts", name: "safeJson" },
  { file: "src/runtime/verify.ts", name: "ticks" },
  { file: "src/runtime/hindsight.ts", name: "plan", rename: [["hticks(", "ticks("]] },
  { file: "src/runtime/hindsight.ts", name: "ownFailures" },
  { file: "src/runtime/hindsight.ts", name: "causesOf" },
  { file: "src/runtime/hindsight.ts", name: "conclude" },
  { file: "src/runtime/hindsight.ts", name: "refused" },
];

describe("compiled.ts mirrors the interpreter", () => {
  const compiled = read("src/runtime/compiled.ts");
  for (const m of MIRRORS) {
    it(`${m.name} (${m.file})`, () => {
      const original = declaration(read(m.file), m.name);
      if (original === undefined) {
        // The interpreter no longer has it: compiled.ts must be revisited (or the entry removed).
        throw new Error(`${m.file} has no \`${m.name}\` any more; update src/runtime/compiled.ts and this list`);
      }
      let ours = declaration(compiled, m.ours ?? m.name);
      expect(ours, `compiled.ts has no \`${m.ours ?? m.name}\``).toBeDefined();
      for (const [a, b] of m.rename ?? []) ours = (ours as string).split(a).join(b);
      expect(ours, `compiled.ts \`${m.ours ?? m.name}\` differs from ${m.file} \`${m.name}\``).toBe(original);
    });
  }

  it("never reads a check expression at run time (checks are generated code)", () => {
    expect(compiled).not.toMatch(/evaluateCheck|evalNode|\.check\b/);
  });
});
