/**
 * The hand-written lexer and parser (grammar/fast-lexer.ts, fast-parser.ts) against
 * chevrotain: on every contract in the repository and on seeded mutations of them, the
 * fast path either gives up or yields exactly chevrotain's tokens, comments and parse
 * tree (same values, same field order, same token type objects), so
 * `parseContractText` returns the same thing with or without it. And it does not give
 * up on the bundled specs, or it would never be used.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { IRecognitionException, IToken } from "chevrotain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fastLex } from "../../grammar/fast-lexer.js";
import { fastParse } from "../../grammar/fast-parser.js";
import { lexContract } from "../../grammar/lex.js";
import { parseContractText, type ParseOutput } from "../../grammar/parser.js";
import * as T from "../../grammar/tokens.js";
import { contractLexer } from "../../grammar/tokens.js";
import { contractFiles, editedText, generatedContract } from "../helpers/contract-corpus.js";
import { REPO_ROOT } from "../helpers/repo.js";

/** The ```contract blocks of the user docs. */
function docExamples(): string[] {
  const dir = join(REPO_ROOT, "docs");
  const out: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".md"))) {
    for (const m of readFileSync(join(dir, name), "utf8").matchAll(/```contract\n([\s\S]*?)```/g)) out.push(m[1]!);
  }
  return out;
}

const specs = contractFiles(join(REPO_ROOT, "specs")).map((p) => readFileSync(p, "utf8"));
const corpus = [
  ...specs,
  ...contractFiles(join(REPO_ROOT, "test")).map((p) => readFileSync(p, "utf8")),
  ...contractFiles(join(REPO_ROOT, "docs")).map((p) => readFileSync(p, "utf8")),
  ...docExamples(),
];

/**
 * A canonical text of a parse: JSON keeps field order, tokens become their fields with
 * the type's name (identity is checked separately), errors their message and tokens.
 */
function canonical(out: ParseOutput): string {
  const errors = out.parseErrors.map((e: IRecognitionException) => ({
    name: e.name,
    message: e.message,
    token: e.token,
    previous: (e as { previousToken?: IToken }).previousToken,
    resynced: e.resyncedTokens,
    rules: e.context.ruleStack,
  }));
  return JSON.stringify({ ...out, parseErrors: errors }, (key, value: unknown) =>
    key === "tokenType" ? (value as { name: string }).name : typeof value === "number" && Number.isNaN(value) ? "NaN" : value);
}

function expectSameParse(text: string): ParseOutput {
  const withFast = parseContractText(text);
  const chevrotainOnly = parseContractText(text, { fastPath: false });
  expect(canonical(withFast)).toBe(canonical(chevrotainOnly));
  // Same token type objects, not just the same names.
  withFast.tokens.forEach((t, i) => expect(t.tokenType).toBe(chevrotainOnly.tokens[i]!.tokenType));
  withFast.comments.forEach((t, i) => expect(t.tokenType).toBe(chevrotainOnly.comments[i]!.tokenType));
  return withFast;
}

/** Whether the whole fast path (lexer and parser) handles `text`. */
function fastHandles(text: string): boolean {
  const lexed = fastLex(text);
  return lexed !== undefined && fastParse(lexed.tokens, text) !== undefined;
}

describe("fast lexer and parser", () => {
  it("handle every bundled spec (or they would never be used)", () => {
    expect(specs.length).toBeGreaterThan(10);
    for (const text of specs) expect(fastHandles(text)).toBe(true);
  });

  it("give chevrotain's result on every contract of the repository", () => {
    expect(corpus.length).toBeGreaterThan(40);
    for (const text of corpus) expectSameParse(text);
  });

  it("give up on errors, so chevrotain reports them", () => {
    for (const text of ['contract A { prompt "x', "contract A { task a check 1 ! 2 }", "contract A { task a check }", 'contract A { prompt "x" } }', "/* open"]) {
      expect(fastHandles(text)).toBe(false);
      expectSameParse(text);
    }
  });

  it("lex like chevrotain wherever they lex at all", () => {
    const soup = fc.array(fc.constantFrom("a", "task", "tasks", "in", "input", "1", "1.5", "1e3", "2E-", "1..2", "...", "=", "==", "!=", "<=", ">", "/", "//", "///x", "/*", "*/",
      '"', '"""', "\\", "[", "]", "(", "-", "not", "nota", "/a[/]b/gi", "\n", "\r", " ", "\t", "\u00a0", "\u2028", "é", "_x9"), { maxLength: 30 }).map((p) => p.join(""));
    fc.assert(
      fc.property(fc.oneof(soup, fc.string({ maxLength: 60 })), (text) => {
        const fast = fastLex(text);
        const slow = contractLexer().tokenize(text);
        if (fast === undefined) {
          expect(lexContract(text)).toEqual(slow);
          return;
        }
        expect(slow.errors).toEqual([]);
        expect(JSON.stringify(fast.tokens)).toBe(JSON.stringify(slow.tokens));
        expect(JSON.stringify(fast.comments)).toBe(JSON.stringify(slow.groups["comments"] ?? []));
        fast.tokens.forEach((t, i) => expect(t.tokenType).toBe(slow.tokens[i]!.tokenType));
        const nesting = [T.LParen, T.LBracket, T.Not, T.Minus];
        expect(fast.nestingTokens).toBe(fast.tokens.filter((t) => nesting.includes(t.tokenType)).length);
      }),
      { seed: 1507, numRuns: 1500 },
    );
  });

  it("give chevrotain's result on seeded mutations of the repository's contracts", () => {
    const pieces = ["}", "{", "(", ")", "[", "]", ",", ".", "..", "-", "not", "and", "or", "in", "task", "check", "judge", "requires", "x", "3", '"s"', "/r/", "\n", " ", "//c\n", "==", ":"];
    let fastRuns = 0;
    let runs = 0;
    fc.assert(
      fc.property(editedText(corpus, pieces), (text) => {
        runs++;
        if (fastHandles(text)) fastRuns++;
        expectSameParse(text);
      }),
      { seed: 815, numRuns: 700 },
    );
    // The mutations must reach the fast path often, or this test would prove little.
    expect(fastRuns).toBeGreaterThan(runs / 10);
  });

  it("give chevrotain's result on token-level mutations (swap, drop, repeat, replace)", () => {
    const vocabulary = ["and", "or", "not", "-", "+", "*", "(", ")", "[", "]", ",", ".", "x", "f", "3", '"s"', "/r/", "in", "..", "<", "==", "requires", "task", "\n"];
    const mutation = fc.record({
      file: fc.nat({ max: specs.length - 1 }),
      at: fc.nat(),
      kind: fc.constantFrom("swap", "drop", "repeat", "replace"),
      word: fc.constantFrom(...vocabulary),
    });
    let fastRuns = 0;
    fc.assert(
      fc.property(mutation, ({ file, at, kind, word }) => {
        const source = specs[file]!;
        const tokens = contractLexer().tokenize(source).tokens;
        const i = at % tokens.length;
        const t = tokens[i]!;
        const next = tokens[i + 1];
        const startOf = t.startOffset;
        const endOf = t.startOffset + t.image.length;
        let text: string;
        if (kind === "swap" && next) text = source.slice(0, startOf) + next.image + source.slice(endOf, next.startOffset) + t.image + source.slice(next.startOffset + next.image.length);
        else if (kind === "drop") text = source.slice(0, startOf) + source.slice(endOf);
        else if (kind === "repeat") text = source.slice(0, endOf) + " " + t.image + source.slice(endOf);
        else text = source.slice(0, startOf) + word + source.slice(endOf);
        if (fastHandles(text)) fastRuns++;
        expectSameParse(text);
      }),
      { seed: 2718, numRuns: 700 },
    );
    expect(fastRuns).toBeGreaterThan(20);
  });

  it("give chevrotain's result on generated contracts (every member kind, nested expressions)", () => {
    const contract = generatedContract({
      literals: ["3", "1.5", "2e3", '"s"', '""" t """', "/a[/]b/i", "true", "false"],
      gaps: [" ", " ", " ", "\n  ", " /* c */ ", " /* \n */ ", " // c\n  "],
      clauses: ["", ' "clause"'],
      judgeDocs: ["/// doc\n  ", ""],
      heads: ["", 'import "x.contract"\n'],
    });
    let fastRuns = 0;
    fc.assert(
      fc.property(contract, (text) => {
        const handled = fastHandles(text);
        if (handled) fastRuns++;
        const out = expectSameParse(text);
        // Where chevrotain's parser accepts the fast lexer's tokens, the fast parser must too (comments
        // can still leave an unterminated regex: `// a /* \n */`, which only chevrotain lexes).
        const lexed = fastLex(text);
        if (lexed && out.parseErrors.length === 0 && !out.tooDeep) expect(handled).toBe(true);
      }),
      { seed: 4242, numRuns: 800 },
    );
    expect(fastRuns).toBeGreaterThan(400);
  });

  it("give up past the nesting limit exactly as chevrotain's path reports it", () => {
    const cases: [string, boolean][] = [
      [`contract A { task a check ${"(".repeat(150)}x${")".repeat(150)} }`, true],
      [`contract A { task a check ${"not ".repeat(150)}x }`, true],
      [`contract A { task a check ${"(".repeat(99)}x${")".repeat(99)} }`, false],
      [`contract A { task a check ${"- ".repeat(99)}1 > 0 }`, false],
    ];
    for (const [text, tooDeep] of cases) {
      const out = expectSameParse(text);
      expect(out.tooDeep !== undefined).toBe(tooDeep);
      if (!tooDeep) expect(fastHandles(text)).toBe(true);
    }
  });
  it("keep a precedence level only where it holds more than one operand, on both paths", () => {
    const text = 'contract C {\n  task a "x" check words >= 1 and not -n + 2 * 3 in 1..9 or f(x).y z\n}\n';
    for (const fastPath of [true, false]) {
      const decl = parseContractText(text, { fastPath }).syntax.declarations[0] as { members: { inner: { expression: unknown } }[] };
      // The levels of each node down the leftmost operand: single-operand levels are skipped.
      const rules: string[] = [];
      for (let n = decl.members[0]!.inner.expression as { rule: string; operands?: unknown[]; left?: unknown } | undefined; n; ) {
        rules.push(n.rule);
        n = (n.operands?.[0] ?? n.left) as typeof n;
      }
      expect(rules).toEqual(["expression", "andExpr", "comparison", "primary"]);
    }
    expectSameParse(text);
  });
});
