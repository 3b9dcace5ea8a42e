/**
 * Same-run comparison of the front end against a baseline build of another commit:
 * JSON.parse, then parse and parse+bind+check of this tree and of the baseline,
 * interleaved (bench/timing.ts) on the bench corpus. Build the baseline first:
 *
 *   git archive <commit> | tar -x -C /tmp/base && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   (cd /tmp/base && npx tsc -p tsconfig.build.json)
 *   npx tsx bench/parse-compare.ts --baseline /tmp/base/dist [--contracts 2000] [--rounds 5]
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseDocument } from "../src/language/ast-builder.js";
import { memoryHost } from "../src/language/node-host.js";
import { loadProgram } from "../src/language/program.js";
import { generateCorpus } from "./corpus.js";
import { compare, formatComparison, numberArg } from "./timing.js";

const at = process.argv.indexOf("--baseline");
const baseDir = at > 0 ? process.argv[at + 1] : undefined;
if (!baseDir) {
  console.error("usage: npx tsx bench/parse-compare.ts --baseline <dist folder of another build>");
  process.exit(2);
}
const load = async (rel: string): Promise<Record<string, unknown>> => (await import(pathToFileURL(resolve(baseDir, rel)).href)) as Record<string, unknown>;
const old = {
  parse: (await load("src/language/ast-builder.js"))["parseDocument"] as typeof parseDocument,
  loadProgram: (await load("src/language/program.js"))["loadProgram"] as typeof loadProgram,
};

const corpus = generateCorpus(numberArg("--contracts", 2_000));
const all = (load: typeof loadProgram) => () => {
  let e = 0;
  for (const c of corpus) {
    const path = `${c.name}.contract`;
    e += load([path], memoryHost({ [path]: c.source })).diagnostics.length;
  }
  return e;
};
const run = compare(
  [
    { name: "JSON.parse", run: () => corpus.reduce((n, c) => n + (JSON.parse(c.json) as { constraints: unknown[] }).constraints.length, 0) },
    { name: "baseline parse", run: () => corpus.reduce((n, c) => n + old.parse(c.source, `${c.name}.contract`).diagnostics.length, 0) },
    { name: "this parse", run: () => corpus.reduce((n, c) => n + parseDocument(c.source, `${c.name}.contract`).diagnostics.length, 0) },
    { name: "baseline parse+bind+check", run: all(old.loadProgram) },
    { name: "this parse+bind+check", run: all(loadProgram) },
  ],
  { rounds: numberArg("--rounds", 5), warmup: 1 },
);
console.log(`corpus: ${corpus.length} contracts; baseline ${baseDir}`);
console.log(formatComparison(run, "front end, this tree vs a baseline build"));
