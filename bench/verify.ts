/**
 * IFEval verifier benchmark: strict + loose evaluation of the fixture
 * responses, repeated until at least 100,000 instruction checks have run.
 *
 *   npx tsx bench/verify.ts [--min-checks N] [--quick] [--sample-ms 80] [--cpu]
 *   npm run build && node dist/bench/verify.js [--min-checks N]
 *
 * Times strict and loose SEPARATELY against a floor measured in the same run
 * (one pass of IFEval word tokenization over the same responses, i.e. the
 * cheapest possible "look at every character" verifier), interleaved over the
 * same rounds after a warm-up (bench/timing.ts): min and median per pass and of
 * the per-round ratio. Then where the time goes per instruction id.
 *
 * A second figure measures the contract path that `hir eval ifeval` uses: the
 * fixture imported to contract source, loaded, lowered to IR, and every response
 * verified strict + loose through the runtime's verify (src/interop/ifeval-eval.ts),
 * over the same responses and repetitions, with its ratio to the same floor and
 * to the direct path.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { compileIfevalInputs, evaluateCompiledRow, type CompiledIfevalRow } from "../src/interop/ifeval-eval.js";
import { runIfbenchCheck } from "../src/runtime/ifbench/index.js";
import { evaluateRow, parseIfevalInputs, parseIfevalResponses, runCheck } from "../src/runtime/ifeval/index.js";
import type { IfevalInput } from "../src/runtime/ifeval/index.js";
import { looseVariants } from "../src/runtime/ifeval/variants.js";
import { countIfevalWords } from "../src/runtime/text/ifeval-words.js";
import { pyStrip } from "../src/runtime/text/python-chars.js";
import { repoRoot } from "./root.js";
import { clockName, compare, formatComparison, numberArg, quick } from "./timing.js";

const dataDir = path.resolve(repoRoot, "../shared/data/ifeval");
const minArg = process.argv.indexOf("--min-checks");
const MIN_CHECKS = minArg > 0 ? Number(process.argv[minArg + 1]) : quick ? 15_000 : 100_000;

if (!existsSync(path.join(dataDir, "input_data.jsonl"))) {
  console.error(`bench/verify: fixture data not found at ${dataDir}`);
  process.exit(1);
}

const inputs = parseIfevalInputs(readFileSync(path.join(dataDir, "input_data.jsonl"))).items;
const responses = parseIfevalResponses(readFileSync(path.join(dataDir, "input_response_data_gpt4.jsonl"))).responses;
const rows: Array<{ input: IfevalInput; response: string }> = inputs
  .filter((i) => responses.has(i.prompt))
  .map((input) => ({ input, response: responses.get(input.prompt)! }));
const instructionsPerPass = rows.reduce((n, r) => n + r.input.instruction_id_list.length, 0);
const checksPerRep = 2 * instructionsPerPass; // strict + loose
const reps = Math.ceil(MIN_CHECKS / checksPerRep);
// The floor pass is a few ms: timed alone once per round, one GC pause or scheduler hiccup
// decides that round's ratio. Samples of SAMPLE_MS and more, over ROUNDS interleaved rounds.
const SAMPLE_MS = numberArg("--sample-ms", quick ? 40 : 80);
const ROUNDS = numberArg("--rounds", quick ? 9 : 15);
const bytesPerRep = rows.reduce((n, r) => n + Buffer.byteLength(r.response), 0);

console.log(`IFEval verifier benchmark`);
console.log(`  fixture: ${rows.length} responses, ${instructionsPerPass} instructions, ${(bytesPerRep / 1024).toFixed(0)} KiB of responses`);
console.log(`  timing: ${ROUNDS} interleaved rounds, each subject repeated per sample until the floor's sample lasts ${SAMPLE_MS} ms (--rounds, --sample-ms), ${clockName} (--cpu for CPU time)`);

// Warm-up (JIT, language profiles, Punkt tables).
for (const r of rows) {
  evaluateRow(r.input, r.response, "strict");
  evaluateRow(r.input, r.response, "loose");
}

// 1 + 2. Strict, loose and the floor (one pass of IFEval word tokenization over the same
// responses), each timed as one pass over all rows, interleaved over the same rounds.
let followedStrict = 0;
let followedLoose = 0;
let words = 0;
const passOf = (mode: "strict" | "loose"): number => {
  let n = 0;
  for (const r of rows) n += evaluateRow(r.input, r.response, mode).record.follow_instruction_list.filter(Boolean).length;
  return n;
};
const comparison = compare(
  [
    { name: "floor (word tokenization)", run: () => (words = rows.reduce((n, r) => n + countIfevalWords(r.response), 0)) },
    { name: "strict", run: () => (followedStrict = passOf("strict")) },
    { name: "loose", run: () => (followedLoose = passOf("loose")) },
  ],
  // Each sample repeats its subject until the floor's would last SAMPLE_MS (the same count for all three).
  { rounds: ROUNDS, warmup: 1, minSampleMs: SAMPLE_MS },
);
const followed = followedStrict + followedLoose;
const medianMs = (name: string) => comparison.times.get(name)!.median;
const verifyMs = medianMs("strict") + medianMs("loose"); // one strict + loose pass
const floorMs = medianMs("floor (word tokenization)");
const totalChecks = checksPerRep;
console.log(`\n${formatComparison(comparison, "Results, per pass over the fixture")}`);
console.log(`  strict + loose (medians): ${verifyMs.toFixed(1)} ms per pass -> ${Math.round(totalChecks / (verifyMs / 1000)).toLocaleString("en-US")} instruction checks/s (${((verifyMs * 1000) / totalChecks).toFixed(1)} us/check), ${(verifyMs / floorMs).toFixed(1)}x the floor`);
console.log(`  floor: ${words.toLocaleString("en-US")} words in ${(bytesPerRep / 1024).toFixed(0)} KiB per pass`);
console.log(`  (followed per pass: strict ${followedStrict.toLocaleString("en-US")}, loose ${followedLoose.toLocaleString("en-US")} of ${instructionsPerPass.toLocaleString("en-US")})`);

// 3. Where time goes: instrumented pass per instruction id (one repetition set, capped).
const instrumentedReps = Math.max(1, Math.min(reps, Math.ceil(20_000 / checksPerRep)));
const perId = new Map<string, { ms: number; calls: number; variantCalls: number }>();
const time = (id: string, fn: () => number): void => {
  const s = performance.now();
  const calls = fn();
  const e = performance.now() - s;
  const cur = perId.get(id) ?? { ms: 0, calls: 0, variantCalls: 0 };
  cur.ms += e;
  cur.calls++;
  cur.variantCalls += calls;
  perId.set(id, cur);
};
let variantsMs = 0;
for (let rep = 0; rep < instrumentedReps; rep++) {
  for (const r of rows) {
    const { instruction_id_list: ids, kwargs, prompt } = r.input;
    const vs = performance.now();
    const variants = looseVariants(r.response).filter((v) => pyStrip(v.text) !== "");
    variantsMs += performance.now() - vs;
    ids.forEach((id, i) => {
      const kw = kwargs[i] ?? {};
      time(id, () => {
        if (pyStrip(r.response) !== "") runCheck(id, r.response, kw, prompt);
        let n = 1;
        for (const v of variants) {
          n++;
          if (runCheck(id, v.text, kw, prompt).pass) break;
        }
        return n;
      });
    });
  }
}
const totalMs = [...perId.values()].reduce((a, b) => a + b.ms, 0) + variantsMs;
console.log(`\nTime share per instruction id (strict + loose, ${instrumentedReps} repetition(s), ${totalMs.toFixed(0)} ms instrumented)`);
console.log(`  ${"instruction id".padEnd(48)} ${"share".padStart(6)} ${"us/instr".padStart(9)} ${"checks/instr".padStart(12)}`);
for (const [id, s] of [...perId.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
  console.log(
    `  ${id.padEnd(48)} ${((100 * s.ms) / totalMs).toFixed(1).padStart(5)}% ${((s.ms * 1000) / s.calls).toFixed(1).padStart(9)} ${(s.variantCalls / s.calls).toFixed(2).padStart(12)}`,
  );
}
console.log(`  ${"(building loose variants)".padEnd(48)} ${((100 * variantsMs) / totalMs).toFixed(1).padStart(5)}%`);

// 4. The contract path: import -> contract source -> pipeline (check, lower) -> runtime verify.
const inputBytes = readFileSync(path.join(dataDir, "input_data.jsonl"));
const t0 = performance.now();
const compiled = compileIfevalInputs(inputBytes);
const compileMs = performance.now() - t0;
const contractRows: Array<{ row: CompiledIfevalRow; response: string }> = compiled.rows
  .filter((r) => responses.has(r.converted.row.prompt))
  .map((row) => ({ row, response: responses.get(row.converted.row.prompt)! }));
const contractInstructions = contractRows.reduce((n, r) => n + r.row.converted.constraintIds.length, 0);
for (const r of contractRows) {
  evaluateCompiledRow(r.row, r.response, "strict");
  evaluateCompiledRow(r.row, r.response, "loose");
}
let contractFollowed = 0;
const contractRun = compare(
  [
    { name: "floor (word tokenization)", run: () => contractRows.reduce((n, r) => n + countIfevalWords(r.response), 0) },
    {
      name: "contract strict + loose",
      run: () => {
        let n = 0;
        for (const r of contractRows) {
          n += evaluateCompiledRow(r.row, r.response, "strict").record.follow_instruction_list.filter(Boolean).length;
          n += evaluateCompiledRow(r.row, r.response, "loose").record.follow_instruction_list.filter(Boolean).length;
        }
        return (contractFollowed = n);
      },
    },
  ],
  { rounds: ROUNDS, warmup: 0, minSampleMs: SAMPLE_MS },
);
const contractMs = contractRun.times.get("contract strict + loose")!.median;
const contractChecks = 2 * contractInstructions;
console.log(`\nContract path (hir eval ifeval: imported contracts, lowered IR, runtime verify)`);
console.log(`  compile: ${compileMs.toFixed(0)} ms  (${compiled.rows.length} contracts: import, check, lower; once per run)`);
console.log(
  `  verify:  ${contractMs.toFixed(0)} ms  ->  ${Math.round(contractChecks / (contractMs / 1000)).toLocaleString("en-US")} instruction checks/s (${((contractMs * 1000) / contractChecks).toFixed(1)} us/check)`,
);
console.log(`  ratio:   ${contractRun.ratios.get("contract strict + loose")!.median.toFixed(1)}x the floor (median of same-round ratios), ${(contractMs / verifyMs).toFixed(2)}x the direct path (medians)`);
console.log(`  (followed ${contractFollowed.toLocaleString("en-US")} of ${contractChecks.toLocaleString("en-US")}${contractFollowed === followed ? ", same as the direct path" : `; direct path: ${followed.toLocaleString("en-US")}`})`);

// 5. IFBench checks (src/runtime/ifbench, published revision), strict + loose over IFBench's sample
//    responses, against the same kind of floor measured here on those responses.
const ifbenchDir = path.resolve(repoRoot, "../shared/data/ifbench");
if (!existsSync(path.join(ifbenchDir, "input_data.jsonl"))) {
  console.log(`\nIFBench checks: skipped (fixture data not found at ${ifbenchDir})`);
} else {
  const bInputs = parseIfevalInputs(readFileSync(path.join(ifbenchDir, "input_data.jsonl"))).items;
  const bResponses = parseIfevalResponses(readFileSync(path.join(ifbenchDir, "sample_output.jsonl"))).responses;
  const bRows = bInputs.filter((i) => bResponses.has(i.prompt)).map((input) => ({ input, response: bResponses.get(input.prompt)! }));
  const bInstr = bRows.reduce((n, r) => n + r.input.instruction_id_list.length, 0);
  const evalB = (r: (typeof bRows)[number], loose: boolean): number => {
    let ok = 0;
    const variants = loose ? looseVariants(r.response).filter((v) => pyStrip(v.text) !== "") : [{ text: r.response }];
    r.input.instruction_id_list.forEach((id, i) => {
      const kw = Object.fromEntries(Object.entries(r.input.kwargs[i] ?? {}).filter(([, v]) => v !== null));
      const perId = performance.now();
      if (pyStrip(r.response) !== "" && variants.some((v) => runIfbenchCheck(id, v.text, kw, r.input.prompt).pass)) ok++;
      const c = bPerId.get(id) ?? { ms: 0, calls: 0 };
      c.ms += performance.now() - perId;
      c.calls++;
      bPerId.set(id, c);
    });
    return ok;
  };
  const bPerId = new Map<string, { ms: number; calls: number }>();
  for (const r of bRows) evalB(r, false); // warm-up (tagger weights, syllable table)
  bPerId.clear();
  let bStrict = 0;
  let bLoose = 0;
  let bWords = 0;
  const bRun = compare(
    [
      { name: "floor (word tokenization)", run: () => (bWords = bRows.reduce((n, r) => n + countIfevalWords(r.response), 0)) },
      { name: "strict", run: () => (bStrict = bRows.reduce((n, r) => n + evalB(r, false), 0)) },
      { name: "loose", run: () => (bLoose = bRows.reduce((n, r) => n + evalB(r, true), 0)) },
    ],
    { rounds: ROUNDS, warmup: 0, minSampleMs: SAMPLE_MS },
  );
  console.log(`\nIFBench checks (published revision, direct path: ${bRows.length} responses, ${bInstr} instructions)`);
  console.log(formatComparison(bRun, "  per pass over the sample"));
  console.log(`  floor: ${bWords.toLocaleString("en-US")} words per pass; followed per pass: strict ${bStrict}, loose ${bLoose} of ${bInstr}`);
  const bTotal = [...bPerId.values()].reduce((a, b) => a + b.ms, 0);
  console.log(`  slowest ids: ${[...bPerId.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 6).map(([id, s]) => `${id} ${((100 * s.ms) / bTotal).toFixed(0)}%`).join(", ")}`);
}
