/**
 * A/B of strict and loose IFEval verification between this tree and another
 * checkout (`--base DIR`, e.g. `git archive <commit> | tar -x -C /tmp/base` with
 * node_modules linked), in one process: the floor (IFEval word tokenization), each
 * tree's strict pass and loose pass over the fixture, interleaved (bench/timing.ts),
 * with each tree's follow counts checked equal. `--cpu` times CPU instead of wall clock.
 *
 *   npx tsx bench/verify-ab.ts --base /tmp/base [--rounds 15] [--sample-ms 80] [--cpu]
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import * as current from "../src/runtime/ifeval/index.js";
import { countIfevalWords } from "../src/runtime/text/ifeval-words.js";
import { repoRoot } from "./root.js";
import { clockName, compare, formatComparison, numberArg } from "./timing.js";

const i = process.argv.indexOf("--base");
const base = i > 0 ? process.argv[i + 1] : undefined;
if (!base) throw new Error("usage: npx tsx bench/verify-ab.ts --base DIR");
const dataDir = path.resolve(repoRoot, "../shared/data/ifeval");
if (!existsSync(path.join(dataDir, "input_data.jsonl"))) throw new Error(`fixture data not found at ${dataDir}`);
const old = (await import(path.resolve(base, "src/runtime/ifeval/index.ts"))) as typeof current;

const inputs = current.parseIfevalInputs(readFileSync(path.join(dataDir, "input_data.jsonl"))).items;
const responses = current.parseIfevalResponses(readFileSync(path.join(dataDir, "input_response_data_gpt4.jsonl"))).responses;
const rows = inputs.filter((r) => responses.has(r.prompt)).map((input) => ({ input, response: responses.get(input.prompt)! }));
const pass = (tree: typeof current, mode: "strict" | "loose") => () => {
  let n = 0;
  for (const r of rows) n += tree.evaluateRow(r.input, r.response, mode).record.follow_instruction_list.filter(Boolean).length;
  return n;
};
for (const mode of ["strict", "loose"] as const) {
  const [a, b] = [pass(old, mode)(), pass(current, mode)()];
  if (a !== b) throw new Error(`${mode}: base follows ${a}, this tree ${b}`);
}
const c = compare(
  [
    { name: "floor (word tokenization)", run: () => rows.reduce((n, r) => n + countIfevalWords(r.response), 0) },
    { name: "strict, base", run: pass(old, "strict") },
    { name: "strict, this tree", run: pass(current, "strict") },
    { name: "loose, base", run: pass(old, "loose") },
    { name: "loose, this tree", run: pass(current, "loose") },
  ],
  { rounds: numberArg("--rounds", 15), warmup: 1, minSampleMs: numberArg("--sample-ms", 80) },
);
console.log(formatComparison(c, `IFEval fixture (${rows.length} responses), ${clockName}`));
const med = (n: string) => c.times.get(n)!.median;
console.log(`  this tree / base (medians): strict ${(med("strict, this tree") / med("strict, base")).toFixed(3)}, loose ${(med("loose, this tree") / med("loose, base")).toFixed(3)}`);
