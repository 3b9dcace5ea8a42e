/**
 * Parse-and-check throughput on a corpus the size of a real training set:
 * 17,000 contracts with 5 to 17 constraints each. Times, interleaved over the
 * same rounds after a warm-up (bench/timing.ts), JSON.parse of the same
 * contracts written as JSON (the baseline), parse only (lex, parse, AST) and
 * parse+bind+check, and reports min and median of each and of the per-round
 * ratio to the baseline. Then peak memory, and the cost per constraint of one
 * contract with 12 / 120 / 1,200 constraints.
 *
 *   npx tsx bench/parse.ts [--contracts 17000] [--rounds 5] [--quick]
 *   npm run bench:parse -- --quick
 */
import { runPipeline } from "../src/compiler/pipeline.js";
import { parseDocument } from "../src/language/ast-builder.js";
import { memoryHost } from "../src/language/node-host.js";
import { generateCorpus, generateLargeContract, type CorpusContract } from "./corpus.js";
import { compare, formatComparison, memoryFigures, numberArg, quick } from "./timing.js";

const count = numberArg("--contracts", quick ? 2_000 : 17_000);
const rounds = numberArg("--rounds", quick ? 3 : 5);
const corpus = generateCorpus(count);
const sourceBytes = corpus.reduce((n, c) => n + Buffer.byteLength(c.source), 0);
const jsonBytes = corpus.reduce((n, c) => n + Buffer.byteLength(c.json), 0);
const mb = (b: number) => b / 1e6;
const constraints = corpus.reduce((n, c) => n + (c.source.match(/^ {2}(?:pinned )?(?:task|quality|safety) /gm)?.length ?? 0), 0);

function errorsOf(c: CorpusContract): number {
  const path = `${c.name}.contract`;
  return runPipeline({ files: [path], host: memoryHost({ [path]: c.source }), until: "checked" }).errors.length;
}

let diagnostics = 0;
const corpusRun = compare(
  [
    { name: "JSON.parse", run: () => corpus.reduce((n, c) => n + (JSON.parse(c.json) as { constraints: unknown[] }).constraints.length, 0) },
    { name: "parse only", run: () => corpus.reduce((n, c) => n + parseDocument(c.source, `${c.name}.contract`).diagnostics.length, 0) },
    {
      name: "parse+bind+check",
      run: () => {
        let e = 0;
        for (const c of corpus) e += errorsOf(c);
        diagnostics = e;
        return e;
      },
    },
  ],
  { rounds, warmup: 1 },
);

console.log(`corpus: ${count} contracts, ${constraints} constraints, ${mb(sourceBytes).toFixed(2)} MB of contract source, ${mb(jsonBytes).toFixed(2)} MB as JSON`);
console.log(formatComparison(corpusRun, "front end vs JSON.parse of the same contracts"));
const med = (name: string) => corpusRun.times.get(name)!.median / 1000;
console.log(`  throughput (median): parse only ${(mb(sourceBytes) / med("parse only")).toFixed(2)} MB/s (${((med("parse only") / count) * 1e6).toFixed(0)} µs/contract), ` +
  `parse+bind+check ${(mb(sourceBytes) / med("parse+bind+check")).toFixed(2)} MB/s (${((med("parse+bind+check") / count) * 1e6).toFixed(0)} µs/contract), ` +
  `JSON.parse ${(mb(jsonBytes) / med("JSON.parse")).toFixed(2)} MB/s`);
if (diagnostics > 0) console.log(`note: ${diagnostics} error diagnostics in the generated corpus`);

const mem = memoryFigures();
console.log(`memory: peak RSS ${(mem.maxRss / 1048576).toFixed(0)} MB, RSS now ${(mem.rss / 1048576).toFixed(0)} MB, heap used now ${(mem.heapUsed / 1048576).toFixed(0)} MB`);

// Scaling: one contract of k constraints; the work per size is repeated so each timed unit covers ~1,200 constraints.
console.log(`\nper-constraint cost of one contract (parse+bind+check; each timed unit checks ~1,200 constraints)`);
const sizes = [12, 120, 1200];
const large = sizes.map((k) => ({ k, c: generateLargeContract(k), reps: Math.max(1, Math.round(1200 / k)) }));
const scaling = compare(
  large.map(({ k, c, reps }) => ({
    name: `${k} constraints`,
    run: () => {
      let e = 0;
      for (let i = 0; i < reps; i++) e += errorsOf(c);
      return e;
    },
  })),
  { rounds: quick ? 3 : 7, warmup: 1 },
);
console.log(`  ${"contract".padEnd(16)}  ${"min µs/constraint".padStart(18)}  ${"median µs/constraint".padStart(21)}  ${"median vs 12".padStart(12)}`);
for (const { k, reps } of large) {
  const name = `${k} constraints`;
  const t = scaling.times.get(name)!;
  const r = scaling.ratios.get(name)!;
  const per = (x: number) => ((x * 1000) / (k * reps)).toFixed(1);
  console.log(`  ${name.padEnd(16)}  ${per(t.min).padStart(18)}  ${per(t.median).padStart(21)}  ${`${r.median.toFixed(2)}x`.padStart(12)}`);
}
