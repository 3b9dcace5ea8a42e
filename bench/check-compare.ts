/**
 * Same-run comparison of binding + checking and of the pretty report against a baseline
 * build of another commit, on trees both sides get from the same parse (the baseline's
 * parser), so the figures measure the checker and the reporter only. Two inputs: the
 * bench corpus (bind+check of each contract) and issue 8's 12,000-long `requires` chain
 * (bind+check, then rendering its 11,796 warnings). Checks that both trees report the
 * same diagnostics and render the same text. Build the baseline first (see
 * bench/parse-compare.ts), then:
 *
 *   npm run build && node dist/bench/check-compare.js --baseline /tmp/base/dist [--cpu] [--rounds 9]
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type * as A from "../src/language/ast.js";
import { bindProgram } from "../src/language/binder.js";
import { checkProgramWithTyping } from "../src/language/checker.js";
import type { Diagnostic } from "../src/language/diagnostics/types.js";
import { renderPretty } from "../src/language/report/pretty.js";
import type { parseDocument } from "../src/language/ast-builder.js";
import { generateCorpus } from "./corpus.js";
import { clockName, compare, formatComparison, numberArg } from "./timing.js";

const at = process.argv.indexOf("--baseline");
const baseDir = at > 0 ? process.argv[at + 1] : undefined;
if (!baseDir) {
  console.error("usage: node dist/bench/check-compare.js --baseline <dist folder of another build> [--cpu] [--rounds N]");
  process.exit(2);
}
const load = async (rel: string): Promise<Record<string, unknown>> => (await import(pathToFileURL(resolve(baseDir, rel)).href)) as Record<string, unknown>;
const parse = (await load("src/language/ast-builder.js"))["parseDocument"] as typeof parseDocument;

interface Tree {
  readonly bind: typeof bindProgram;
  readonly check: typeof checkProgramWithTyping;
  readonly render: typeof renderPretty;
}
const base: Tree = {
  bind: (await load("src/language/binder.js"))["bindProgram"] as typeof bindProgram,
  check: (await load("src/language/checker.js"))["checkProgramWithTyping"] as typeof checkProgramWithTyping,
  render: (await load("src/language/report/pretty.js"))["renderPretty"] as typeof renderPretty,
};
const self: Tree = { bind: bindProgram, check: checkProgramWithTyping, render: renderPretty };

function checkFile(tree: Tree, path: string, file: A.SourceFile): Diagnostic[] {
  const files = new Map([[path, file]]);
  const imports = new Map<string, readonly string[]>([[path, []]]);
  const bound = tree.bind(files, imports);
  return [...bound.diagnostics, ...tree.check({ files, imports, contracts: bound.contracts, sets: bound.sets }).diagnostics];
}

const corpus = generateCorpus(numberArg("--contracts", 2_000)).map((c) => {
  const path = `${c.name}.contract`;
  return { path, file: parse(c.source, path).file };
});
const checkCorpus = (tree: Tree) => () => corpus.reduce((n, c) => n + checkFile(tree, c.path, c.file).length, 0);

/** t1 requires t0, t2 requires t1, ... (bench/hardening-lang.ts's chain). */
function chainSource(n: number): string {
  const tasks = Array.from({ length: n }, (_, i) => `  task t${i} "Step ${i}." check words >= 1`);
  const req = Array.from({ length: n - 1 }, (_, i) => `  t${i + 1} requires t${i}`);
  return `contract C {\n  prompt "Answer."\n${tasks.join("\n")}\n${req.join("\n")}\n}\n`;
}
const chainText = chainSource(numberArg("--chain", 12_000));
const chain = parse(chainText, "chain.contract").file;
const sources = new Map([["chain.contract", chainText]]);
const renderChain = (tree: Tree, diagnostics: readonly Diagnostic[]): string =>
  tree.render({ diagnostics, sources, filesChecked: 1, toolVersion: "bench" }, { color: false });

// Same findings and the same text, or the comparison means nothing.
const baseFindings = checkFile(base, "chain.contract", chain);
const selfFindings = checkFile(self, "chain.contract", chain);
const same = JSON.stringify(baseFindings) === JSON.stringify(selfFindings) && renderChain(base, baseFindings) === renderChain(self, selfFindings) && checkCorpus(base)() === checkCorpus(self)();
if (!same) {
  console.error("the two trees report different diagnostics or render them differently");
  process.exit(1);
}

const rounds = numberArg("--rounds", 9);
const corpusRun = compare(
  [
    { name: "baseline bind+check (corpus)", run: checkCorpus(base) },
    { name: "this bind+check (corpus)", run: checkCorpus(self) },
  ],
  { rounds, warmup: 1 },
);
const chainRun = compare(
  [
    { name: "baseline bind+check (chain)", run: () => checkFile(base, "chain.contract", chain).length },
    { name: "this bind+check (chain)", run: () => checkFile(self, "chain.contract", chain).length },
    { name: "baseline render (chain)", run: () => renderChain(base, baseFindings).length },
    { name: "this render (chain)", run: () => renderChain(self, selfFindings).length },
  ],
  { rounds, warmup: 1 },
);
console.log(`corpus: ${corpus.length} contracts; chain: ${selfFindings.length} findings, ${chainText.length} chars; baseline ${baseDir}; ${clockName}`);
console.log(formatComparison(corpusRun, "bind+check of the corpus, this tree vs a baseline build"));
console.log(formatComparison(chainRun, "the chain: bind+check and the pretty report, this tree vs a baseline build"));
