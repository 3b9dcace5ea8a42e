/**
 * Start-up cost of the CLI, as ratios of `node -e 0` measured in the same run:
 * `hir --version`, `hir lint` of one contract, `hir check` of a small contract and a
 * response, and `hir compile --check` of one contract (the whole process: wall clock,
 * and CPU time where /usr/bin/time exists). Runs are interleaved (one of each per round)
 * so machine load hits every command alike; prints min and median.
 * Goals: --version <= 4x, lint of one file <= 10x.
 *
 * With `--base DIR` (another checkout, built), each hir command also runs from
 * DIR/bin/hir.js in the same rounds, and the table gains this build's ratio to it.
 *
 *   npm run bench:startup            (builds first)
 *   node dist/bench/startup.js [--rounds 15] [--base /path/to/other/checkout]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "./root.js";

const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const rounds = Number(option("--rounds") ?? 15);
const baseDir = option("--base");
const contract = path.join(repoRoot, "specs", "support-reply.contract");
const out = mkdtempSync(path.join(tmpdir(), "hir-startup-"));
const small = path.join(out, "small.contract");
const response = path.join(out, "response.txt");
writeFileSync(small, `contract Small {\n  prompt "Answer briefly."\n  task words "Use at least one word." check words >= 1\n  task short "Keep it short." check words <= 50\n}\n`);
writeFileSync(response, "one two three\n");
const TIME = "/usr/bin/time";
const hasTime = existsSync(TIME);

interface Case {
  readonly label: string;
  /** Arguments after the hir script (undefined: `node -e 0`). */
  readonly args?: readonly string[];
  readonly goal?: number;
}

const CASES: readonly Case[] = [
  { label: "node -e 0 (baseline)" },
  { label: "hir --version", args: ["--version"], goal: 4 },
  { label: "hir lint (1 contract)", args: ["lint", contract, "--no-color"], goal: 10 },
  { label: "hir check (small)", args: ["check", small, response, "--no-color"] },
  { label: "hir compile (1 contract)", args: ["compile", contract, "--out", out] },
];

interface Sample {
  readonly wall: number;
  readonly cpu: number;
}

function once(args: readonly string[]): Sample {
  const timeFile = path.join(out, "time.txt");
  const argv = hasTime ? [TIME, "-f", "%U %S", "-o", timeFile, process.execPath, ...args] : [process.execPath, ...args];
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr.toString()}`);
  const cpu = hasTime ? readFileSync(timeFile, "utf8").trim().split(/\s+/).slice(-2).reduce((s, x) => s + Number(x) * 1000, 0) : NaN;
  return { wall, cpu };
}

interface Run {
  readonly label: string;
  readonly argv: readonly string[];
  readonly goal?: number;
  /** Index of the same command run from --base, if any. */
  base?: number;
}

const runs: Run[] = [];
for (const c of CASES) {
  const argv = (hir: string) => (c.args === undefined ? ["-e", "0"] : [hir, ...c.args]);
  const own: Run = { label: c.label, argv: argv(path.join(repoRoot, "bin", "hir.js")), ...(c.goal !== undefined ? { goal: c.goal } : {}) };
  runs.push(own);
  if (baseDir !== undefined && c.args !== undefined) {
    own.base = runs.length;
    runs.push({ label: `  (base) ${c.label.slice(4)}`, argv: argv(path.join(path.resolve(baseDir), "bin", "hir.js")) });
  }
}

const samples = runs.map(() => [] as Sample[]);
for (const r of runs) once(r.argv); // warm the file cache
for (let i = 0; i < rounds; i++) runs.forEach((r, j) => samples[j]!.push(once(r.argv)));
rmSync(out, { recursive: true, force: true });

const min = (xs: readonly number[]) => Math.min(...xs);
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const walls = (j: number) => samples[j]!.map((s) => s.wall);
const cpus = (j: number) => samples[j]!.map((s) => s.cpu);
const node = walls(0);

console.log(`start-up, ${rounds} interleaved rounds, ratios of \`node -e 0\` (min ${min(node).toFixed(0)} ms, median ${median(node).toFixed(0)} ms)${baseDir ? `; base: ${baseDir}` : ""}\n`);
const cpuHead = hasTime ? ` ${"cpu min".padStart(8)} ${"cpu med".padStart(8)}` : "";
const baseHead = baseDir ? ` ${"vs base (wall med, cpu med)".padStart(28)}` : "";
console.log(`${"command".padEnd(28)} ${"min ms".padStart(8)} ${"median ms".padStart(10)} ${"min x".padStart(7)} ${"median x".padStart(9)}${cpuHead}${baseHead}  goal`);
runs.forEach((r, j) => {
  const w = walls(j);
  const c = cpus(j);
  const cpu = hasTime ? ` ${min(c).toFixed(0).padStart(8)} ${median(c).toFixed(0).padStart(8)}` : "";
  const vs = r.base !== undefined
    ? ` ${`${(median(w) / median(walls(r.base))).toFixed(2)}x, ${hasTime ? `${(median(c) / median(cpus(r.base))).toFixed(2)}x` : "-"}`.padStart(28)}`
    : baseDir ? " ".repeat(29) : "";
  const goal = r.goal === undefined ? "" : `<= ${r.goal}x ${median(w) / median(node) <= r.goal ? "met" : "NOT met"}`;
  console.log(`${r.label.padEnd(28)} ${min(w).toFixed(0).padStart(8)} ${median(w).toFixed(0).padStart(10)} ${(min(w) / min(node)).toFixed(1).padStart(7)} ${(median(w) / median(node)).toFixed(1).padStart(9)}${cpu}${vs}  ${goal}`);
});
