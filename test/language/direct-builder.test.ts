/**
 * The direct builder (src/language/direct-builder.ts) against the parse-tree path: wherever it
 * answers, `parseDocument` must give exactly what the tree gives (same nodes, same field
 * order, same diagnostics in the same order); and it must answer exactly where the fast
 * lexer and parser do, so the chevrotain hand-off stays the same.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fastLex, scanContract } from "../../grammar/fast-lexer.js";
import { fastParse } from "../../grammar/fast-parser.js";
import { MAX_BRACKET_DEPTH } from "../../grammar/parser.js";
import { parseDocument, parseDocumentViaTree } from "../../src/language/ast-builder.js";
import { buildDirect } from "../../src/language/direct-builder.js";
import { contractFiles, editedText, generatedContract } from "../helpers/contract-corpus.js";
import { REPO_ROOT } from "../helpers/repo.js";

const specs = contractFiles(join(REPO_ROOT, "specs")).map((p) => readFileSync(p, "utf8"));
const corpus = [...specs, ...contractFiles(join(REPO_ROOT, "test")).map((p) => readFileSync(p, "utf8"))];

/** JSON keeps field order; NaN and undefined would otherwise hide. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && Number.isNaN(v) ? "NaN" : v === undefined ? "undefined" : v));
}

/** Whether the direct builder answers for `text`. */
function direct(text: string): boolean {
  const scan = scanContract(text);
  return scan !== undefined && scan.nestingTokens <= MAX_BRACKET_DEPTH && buildDirect(text, "a.contract", scan) !== undefined;
}

/** Whether the fast lexer and parser handle `text` (the parse-tree path's fast path). */
function fastHandles(text: string): boolean {
  const lexed = fastLex(text);
  return lexed !== undefined && lexed.nestingTokens <= MAX_BRACKET_DEPTH && fastParse(lexed.tokens, text) !== undefined;
}

function expectSame(text: string): boolean {
  const viaDirect = parseDocument(text, "a.contract");
  const viaTree = parseDocumentViaTree(text, "a.contract");
  expect(canonical(viaDirect)).toBe(canonical(viaTree));
  expect(viaDirect).toEqual(viaTree);
  const handled = direct(text);
  expect(handled).toBe(fastHandles(text));
  return handled;
}

describe("direct AST builder", () => {
  it("builds every bundled spec directly (or it would never be used)", () => {
    for (const text of specs) expect(direct(text)).toBe(true);
  });

  it("gives the parse tree's AST and diagnostics on every contract of the repository", () => {
    expect(corpus.length).toBeGreaterThan(30);
    for (const text of corpus) expectSame(text);
  });

  it("gives up where the fast parser does, so chevrotain reports the errors", () => {
    for (const text of ['contract A { prompt "x', "contract A { task a check 1 ! 2 }", "contract A { task a check }", 'contract A { prompt "x" } }', "/* open",
      "contract A { task a check f(x y) }", "contract A { replay { a } }", `contract A { task a check ${"(".repeat(150)}x${")".repeat(150)} }`]) {
      expect(expectSame(text)).toBe(false);
    }
  });

  it("reports literal problems (escapes, large numbers, regexes) as the tree does, in the same order", () => {
    const text = [
      "/// The contract.",
      "contract A {",
      '  prompt "Hi {{name}} \\q"',
      "  /// An input.",
      '  input name: text = "x\\z"',
      "  input n: number[] = [1, 99999999999999999999, 1e999]",
      '  /// First.\n  task a "c\\w" check words >= 123456789012345678901234 and matches /a[/]b/i // trailing',
      '  quality b judge """ rubric \\y """',
      "  replay { budget 99999999999999999999 mode strict }",
      "}",
    ].join("\n");
    const out = parseDocument(text, "a.contract");
    expect(out.diagnostics.length).toBeGreaterThan(3);
    expect(expectSame(text)).toBe(true);
  });

  it("limits expression depth as the tree does (the direct builder skips the walk only where no expression can be that deep)", () => {
    for (const [terms, tooDeep] of [[101, true], [100, false], [51, false]] as const) {
      const text = `contract A {\n  task a check ${Array.from({ length: terms }, () => "x").join(" and ")}\n  input n: number = ${Array.from({ length: terms }, () => "1").join(" + ")}\n}\n`;
      expect(expectSame(text)).toBe(true);
      expect(parseDocument(text, "a.contract").diagnostics.some((d) => d.code === "HIR1007")).toBe(tooDeep);
    }
  });

  it("agrees with the tree on generated contracts (every member kind, gaps, comments, docs)", () => {
    const contract = generatedContract({
      literals: ["3", "1.5", "2e3", "99999999999999999999", '"s"', '"a\\qb"', '"{{x}} y"', '""" t """', "/a[/]b/i", "/x/", "true", "false"],
      gaps: [" ", " ", "\n  ", " /* c */ ", " /* \n */ ", " // c\n  ", "\n  /// d\n  "],
      clauses: ["", ' "clause"', ' "bad \\e"'],
      judgeDocs: ["/// doc\n  ", "/// a\n  /// b\n  ", ""],
      inputDocs: ["", "/// in\n  "],
      heads: ["", 'import "x.contract"\n', "/// top\n"],
      moreCalls: true,
    });
    let handled = 0;
    fc.assert(
      fc.property(contract, (text) => {
        if (expectSame(text)) handled++;
      }),
      { seed: 9001, numRuns: 600 },
    );
    expect(handled).toBeGreaterThan(200);
  });

  it("agrees with the tree on seeded mutations of the repository's contracts", () => {
    const pieces = ["}", "{", "(", ")", "[", "]", ",", ".", "..", "-", "not", "and", "or", "in", "task", "check", "judge", "requires", "x", "3", '"s"', '"\\q"', "/r/", "\n", " ", "//c\n", "///d\n", "==", ":", "1e999"];
    let handled = 0;
    let runs = 0;
    fc.assert(
      fc.property(editedText(corpus, pieces), (text) => {
        runs++;
        if (expectSame(text)) handled++;
      }),
      { seed: 4711, numRuns: 500 },
    );
    expect(handled).toBeGreaterThan(runs / 10);
  });
});
