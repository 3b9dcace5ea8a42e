/**
 * Start-up cost of the CLI, as ratios of `node -e 0` measured in the same run:
 * `hir --version`, `hir lint` of one contract and `hir compile --check` of one
 * contract (the whole process, wall clock). Runs are interleaved (one of each per
 * round) so machine load hits every command alike; prints min and median.
 * Goals: --version <= 4x, lint of one file <= 10x.
 *
 *   npm run bench:startup            (builds first)
 *   node dist/bench/startup.js [--rounds 15]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "./root.js";

const arg = process.argv.indexOf("--rounds");
const rounds = arg > 0 ? Number(process.argv[arg + 1]) : 15;
const hir = path.join(repoRoot, "bin", "hir.js");
const contract = path.join(repoRoot, "specs", "support-reply.contract");
const out = mkdtempSync(path.join(tmpdir(), "hir-startup-"));

interface Case {
  readonly label: string;
  readonly args: readonly string[];
  readonly goal?: number;
}

const CASES: readonly Case[] = [
  { label: "node -e 0 (baseline)", args: ["-e", "0"] },
  { label: "hir --version", args: [hir, "--version"], goal: 4 },
  { label: "hir lint (1 contract)", args: [hir, "lint", contract, "--no-color"], goal: 10 },
  { label: "hir compile (1 contract)", args: [hir, "compile", contract, "--out", out] },
];

function once(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr.toString()}`);
  return ms;
}

const samples = CASES.map(() => [] as number[]);
for (const c of CASES) once(c.args); // warm the file cache
for (let i = 0; i < rounds; i++) CASES.forEach((c, j) => samples[j]!.push(once(c.args)));
rmSync(out, { recursive: true, force: true });

const min = (xs: readonly number[]) => Math.min(...xs);
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const base = samples[0]!;

console.log(`start-up, ${rounds} interleaved rounds, ratios of \`node -e 0\` (min ${min(base).toFixed(0)} ms, median ${median(base).toFixed(0)} ms)\n`);
console.log(`${"command".padEnd(26)} ${"min ms".padStart(8)} ${"median ms".padStart(10)} ${"min x".padStart(7)} ${"median x".padStart(9)}  goal`);
CASES.forEach((c, j) => {
  const s = samples[j]!;
  const rMin = min(s) / min(base);
  const rMed = median(s) / median(base);
  const goal = c.goal === undefined ? "" : `<= ${c.goal}x ${rMed <= c.goal ? "met" : "NOT met"}`;
  console.log(`${c.label.padEnd(26)} ${min(s).toFixed(0).padStart(8)} ${median(s).toFixed(0).padStart(10)} ${rMin.toFixed(1).padStart(7)} ${rMed.toFixed(1).padStart(9)}  ${goal}`);
});
