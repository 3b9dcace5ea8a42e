/**
 * Issue #8's chain (12,000 constraints, each requiring the one before: 777 KB) through the
 * front end's first stage, this tree against a baseline build, interleaved
 * (bench/timing.ts): parseDocument (lex, parse, AST) of both, this tree's parseDocument
 * through the parse tree (what the direct builder, src/language/direct-builder.ts, skips), and this tree's
 * parseContractText with and without the hand-written fast path (grammar/fast-*.ts).
 *
 *   git worktree add --detach /tmp/base <commit> && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   (cd /tmp/base && npx tsc -p tsconfig.build.json)
 *   npm run build && node dist/bench/parse-chain.js --baseline /tmp/base/dist [--rounds 7] [--length 12000] [--cpu]
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseContractText } from "../grammar/parser.js";
import { parseDocument, parseDocumentViaTree } from "../src/language/ast-builder.js";
import { compare, formatComparison, clockName, numberArg } from "./timing.js";

/** The chain of issue #8: `n` tasks, then `t(i+1) requires t(i)` for each. */
export function requiresChain(n: number): string {
  const tasks: string[] = [];
  for (let i = 0; i < n; i++) tasks.push(`  task t${i} "Step ${i}." check words >= 1`);
  const requires: string[] = [];
  for (let i = 0; i < n - 1; i++) requires.push(`  t${i + 1} requires t${i}`);
  return `contract C {\n  prompt "Answer."\n${tasks.join("\n")}\n${requires.join("\n")}\n}\n`;
}

const at = process.argv.indexOf("--baseline");
const baseDir = at > 0 ? process.argv[at + 1] : undefined;
if (!baseDir) {
  console.error("usage: node dist/bench/parse-chain.js --baseline <dist folder of another build> [--rounds 7] [--length 12000] [--cpu]");
  process.exit(2);
}
const baseline = (await import(pathToFileURL(resolve(baseDir, "src/language/ast-builder.js")).href)) as { parseDocument: typeof parseDocument };

const text = requiresChain(numberArg("--length", 12_000));
const run = compare(
  [
    { name: "baseline parseDocument", run: () => baseline.parseDocument(text, "chain.contract").diagnostics.length },
    { name: "this parseDocument", run: () => parseDocument(text, "chain.contract").diagnostics.length },
    { name: "this parseDocument via the parse tree", run: () => parseDocumentViaTree(text, "chain.contract").diagnostics.length },
    { name: "this lex+parse, chevrotain", run: () => parseContractText(text, { fastPath: false }).tokens.length },
    { name: "this lex+parse, fast path", run: () => parseContractText(text).tokens.length },
  ],
  { rounds: numberArg("--rounds", 7), warmup: 1 },
);
console.log(`chain: ${text.length} characters; baseline ${baseDir}; ${clockName}`);
console.log(formatComparison(run, "issue #8 chain, first stage"));
