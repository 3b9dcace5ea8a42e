/**
 * Strict IFEval verification cost per KB of response, from 1 KB to 1 MB: one check of
 * every IFEval instruction id (each with the kwargs of its first fixture row) on one
 * response of each size, built from the fixture responses. Timed against the same
 * floor as bench/verify.ts (one pass of IFEval word tokenization over the response),
 * interleaved, with samples long enough to measure (bench/timing.ts).
 *
 *   npx tsx bench/verify-scaling.ts [--rounds N] [--sample-ms MS]
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseIfevalInputs, parseIfevalResponses, runCheck } from "../src/runtime/ifeval/index.js";
import { countIfevalWords } from "../src/runtime/text/ifeval-words.js";
import { compare, numberArg } from "./timing.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = [path.resolve(here, ".."), path.resolve(here, "../..")].find((d) => existsSync(path.join(d, "package.json"))) ?? path.resolve(here, "..");
const dataDir = path.resolve(repoRoot, "../shared/data/ifeval");
if (!existsSync(path.join(dataDir, "input_data.jsonl"))) {
  console.error(`bench/verify-scaling: fixture data not found at ${dataDir}`);
  process.exit(1);
}
const ROUNDS = numberArg("--rounds", 5);
const SAMPLE_MS = numberArg("--sample-ms", 80);

const inputs = parseIfevalInputs(readFileSync(path.join(dataDir, "input_data.jsonl"))).items;
const responses = parseIfevalResponses(readFileSync(path.join(dataDir, "input_response_data_gpt4.jsonl"))).responses;

// One check per id: the kwargs and prompt of the first row that uses it.
const checks = new Map<string, { kwargs: Record<string, unknown>; prompt: string }>();
for (const row of inputs) row.instruction_id_list.forEach((id, i) => checks.has(id) || checks.set(id, { kwargs: row.kwargs[i] ?? {}, prompt: row.prompt }));

const corpus = inputs.map((i) => responses.get(i.prompt) ?? "").join("\n\n");
/** The first `bytes` UTF-8 bytes' worth of the fixture responses, repeated as needed, cut at a code point. */
function responseOf(bytes: number): string {
  let s = corpus;
  while (Buffer.byteLength(s) < bytes) s += "\n\n" + corpus;
  return Buffer.from(s).subarray(0, bytes).toString("utf8").replace(/\uFFFD$/, "");
}

const SIZES: ReadonlyArray<[string, number]> = [["1 KB", 1024], ["100 KB", 100 * 1024], ["1 MB", 1024 * 1024]];
console.log(`Strict IFEval verification per KB: ${checks.size} checks (one per instruction id) on one response of each size`);
console.log(`  ${ROUNDS} interleaved rounds per size; samples of at least ${SAMPLE_MS} ms (the floor's), the same repetitions for both subjects\n`);
console.log(`| response | floor us/KB (min / median) | strict us/KB (min / median) | strict / floor per round (min / median) | strict us/KB vs 1 KB (median) |`);
console.log(`| --- | --- | --- | --- | --- |`);
let base: number | undefined;
for (const [label, bytes] of SIZES) {
  const response = responseOf(bytes);
  const kb = Buffer.byteLength(response) / 1024;
  let followed = 0;
  const c = compare(
    [
      { name: "floor", run: () => countIfevalWords(response) },
      {
        name: "strict",
        run: () => {
          let n = 0;
          for (const [id, { kwargs, prompt }] of checks) if (runCheck(id, response, kwargs, prompt).pass) n++;
          return (followed = n);
        },
      },
    ],
    { rounds: ROUNDS, warmup: 1, minSampleMs: SAMPLE_MS },
  );
  const f = c.times.get("floor")!;
  const s = c.times.get("strict")!;
  const r = c.ratios.get("strict")!;
  const perKb = (ms: number) => (ms * 1000) / kb;
  base ??= perKb(s.median);
  console.log(
    `| ${label} | ${perKb(f.min).toFixed(2)} / ${perKb(f.median).toFixed(2)} | ${perKb(s.min).toFixed(1)} / ${perKb(s.median).toFixed(1)} | ${r.min.toFixed(1)}x / ${r.median.toFixed(1)}x | ${(perKb(s.median) / base).toFixed(2)}x |`,
  );
  console.error(`  (${label}: ${followed} of ${checks.size} checks followed; ${c.repeat} runs per sample)`);
}
