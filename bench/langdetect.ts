/**
 * Language detection: the integer-keyed, typed-array detector against the old
 * string-keyed port (kept as the test reference), over the IFEval fixture
 * responses, timed interleaved in the same run (bench/timing.ts). Also checks
 * that both return identical detections on every text timed.
 *
 *   npx tsx bench/langdetect.ts [--rounds 15] [--quick]
 *   npm run bench:langdetect -- --quick
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { detectLanguage } from "../src/runtime/text/language-detect.js";
import { referenceDetectLanguage } from "../test/runtime/text/language-detect.reference.js";
import { repoRoot } from "./root.js";
import { compare, formatComparison, numberArg, quick } from "./timing.js";

const file = path.resolve(repoRoot, "../shared/data/ifeval/input_response_data_gpt4.jsonl");
if (!existsSync(file)) {
  console.error(`bench/langdetect: fixture data not found at ${file}`);
  process.exit(1);
}
const texts = readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { response: string }).response);

const mismatches = texts.filter((t) => JSON.stringify(detectLanguage(t)) !== JSON.stringify(referenceDetectLanguage(t))).length;
const kib = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1024;
const run = compare(
  [
    { name: "old (string n-grams)", run: () => texts.reduce((n, t) => n + (referenceDetectLanguage(t).ok ? 1 : 0), 0) },
    { name: "new (integer keys)", run: () => texts.reduce((n, t) => n + (detectLanguage(t).ok ? 1 : 0), 0) },
  ],
  { rounds: numberArg("--rounds", quick ? 5 : 15), warmup: 2 },
);
console.log(`language detection over ${texts.length} IFEval responses (${kib.toFixed(0)} KiB), one pass per round`);
console.log(formatComparison(run, "old vs new"));
const r = run.ratios.get("new (integer keys)")!;
console.log(`  speed-up old/new (per round): median ${(1 / r.median).toFixed(2)}x, best round ${(1 / r.min).toFixed(2)}x`);
console.log(`  identical detections (answer, candidates, probabilities): ${texts.length - mismatches}/${texts.length}`);
if (mismatches > 0) process.exitCode = 1;
