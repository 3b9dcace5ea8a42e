/**
 * Compile-pipeline benchmark: the bundled specs and a generated corpus of contracts
 * (bench/corpus.ts), timed per stage: parse+check and IR lowering (the pipeline,
 * src/compiler/pipeline.ts), code generation (module text printed) and
 * prettier formatting.
 *
 *   npx tsx bench/compile.ts [--contracts 200] [--reps 3]
 *
 * Prints figures only (no assertions). Each measurement is the best of `--reps`
 * runs after one warm-up run (JIT, loading prettier and its parser).
 */
import path from "node:path";
import { compileSpecs, type CompileOptions, type StageTimings } from "../src/compiler/compile.js";
import { memoryHost, nodeHost } from "../src/language/node-host.js";
import type { SourceHost } from "../src/language/program.js";
import { generateCorpus } from "./corpus.js";

import { repoRoot } from "./root.js";
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const COUNT = arg("--contracts", 200);
const REPS = arg("--reps", 3);

const options: CompileOptions = {
  rootDir: ".",
  outDir: "generated",
  cwd: repoRoot,
  runtimeImport: { kind: "path", path: path.join(repoRoot, "src/runtime/compiled.js") },
};

async function measure(label: string, entries: readonly string[], host: SourceHost): Promise<void> {
  await compileSpecs(entries, host, { ...options, rootDir: label === "bundled specs" ? "specs" : "." }); // warm-up
  let best: (StageTimings & { total: number; contracts: number; bytes: number; modules: number }) | undefined;
  for (let r = 0; r < REPS; r++) {
    const start = performance.now();
    const run = await compileSpecs(entries, host, { ...options, rootDir: label === "bundled specs" ? "specs" : "." });
    const total = performance.now() - start;
    if (run.errors.length > 0) throw new Error(`${label}: ${run.errors.length} errors, e.g. ${run.errors[0]?.message}`);
    const contracts = run.modules.reduce((n, m) => n + m.contracts.length, 0);
    const bytes = run.modules.reduce((n, m) => n + Buffer.byteLength(m.text), 0);
    if (!best || total < best.total) best = { ...run.timings, total, contracts, bytes, modules: run.modules.length };
  }
  const b = best as NonNullable<typeof best>;
  const per = (ms: number) => `${((ms * 1000) / b.contracts).toFixed(0).padStart(7)} µs`;
  const share = (ms: number) => `${((100 * ms) / b.total).toFixed(1).padStart(5)}%`;
  console.log(`\n${label}: ${b.contracts} contracts in ${b.modules} modules, ${(b.bytes / 1024).toFixed(0)} KiB of TypeScript`);
  console.log(`  ${"stage".padEnd(22)} ${"per contract".padStart(12)} ${"share".padStart(6)} ${"total".padStart(10)}`);
  for (const [name, ms] of [
    ["parse + check", b.parse],
    ["IR lowering", b.lower],
    ["codegen", b.codegen],
    ["prettier", b.format],
  ] as const) {
    console.log(`  ${name.padEnd(22)} ${per(ms).padStart(12)} ${share(ms)} ${`${ms.toFixed(1)} ms`.padStart(10)}`);
  }
  const other = b.total - b.parse - b.lower - b.codegen - b.format;
  console.log(`  ${"other".padEnd(22)} ${per(other).padStart(12)} ${share(other)} ${`${other.toFixed(1)} ms`.padStart(10)}`);
  console.log(`  ${"total".padEnd(22)} ${per(b.total).padStart(12)} ${share(b.total)} ${`${b.total.toFixed(1)} ms`.padStart(10)}`);
}

console.log(`Compile benchmark (best of ${REPS} after a warm-up run)`);
const disk = nodeHost(repoRoot);
await measure("bundled specs", disk.expandPaths(["specs"]).files, disk);
const corpus = generateCorpus(COUNT);
const files: Record<string, string> = {};
for (const c of corpus) files[`corpus/${c.name}.contract`] = c.source;
await measure(`generated corpus (${COUNT} contracts, one file each)`, Object.keys(files).sort(), memoryHost(files));
