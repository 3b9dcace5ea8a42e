/**
 * Issue 8, item 6: the large dependency structures (a 12,000-long `requires` chain,
 * `couple t0, ..., t999`) through every command that reads their drop closures,
 * in-process through the real CLI, timed once each, with the outcome and the size
 * of what the command wrote. Prints figures only.
 *
 *   npx tsx bench/closures.ts
 */
import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryIO } from "../src/cli/io.js";
import { run } from "../src/cli/main.js";

const task = (i: number, check: string): string => `  task t${i} "Do ${i}." check ${check}`;

/** t1 requires t0, t2 requires t1, ...; the last link's check fails on a one-word response. */
function chain(n: number): string {
  const tasks = Array.from({ length: n }, (_, i) => task(i, i === n - 1 ? "words >= 5" : "words >= 1"));
  const req = Array.from({ length: n - 1 }, (_, i) => `  t${i + 1} requires t${i}`);
  return `contract Chain {\n  prompt "p"\n${tasks.join("\n")}\n${req.join("\n")}\n}\n`;
}

/** couple t0, ..., t(n-1), plus one free constraint; t(n-1) fails on a one-word response. */
function couple(n: number): string {
  const tasks = Array.from({ length: n }, (_, i) => task(i, i === n - 1 ? "words >= 5" : "words >= 1"));
  const members = Array.from({ length: n }, (_, i) => `t${i}`).join(", ");
  return `contract Couple {\n  prompt "p"\n${tasks.join("\n")}\n  task free "Be brief." check words <= 10\n  couple ${members}\n}\n`;
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const s = statSync(join(dir, name));
    if (s.isFile()) total += s.size;
  }
  return total;
}

async function timed(label: string, cwd: string, args: string[], size?: () => number): Promise<void> {
  const io = memoryIO({ cwd, env: { NO_COLOR: "1" } });
  const t0 = performance.now();
  const code = await run(args, io);
  const ms = performance.now() - t0;
  const bytes = size && code <= 1 ? size() : io.out.length;
  const outcome = /"outcome": "(\w+)"/.exec(io.out)?.[1] ?? /"reason": "([\w-]+)"/.exec(io.out)?.[1] ?? "";
  console.log(`${ms.toFixed(0).padStart(7)} ms  ${label.padEnd(34)} exit ${code}  ${String(bytes).padStart(10)} bytes ${outcome}`);
  if (code > 1) console.log(`         ${io.err.split("\n").slice(0, 2).join(" | ").slice(0, 300)}`);
}

const root = mkdtempSync(join(tmpdir(), "hir-bench-closures-"));
writeFileSync(join(root, "package.json"), "{}");
writeFileSync(join(root, "response.txt"), "done\n");
for (const [name, text] of [["chain", chain(12_000)], ["couple", couple(1_000)]] as const) {
  writeFileSync(join(root, `${name}.contract`), text);
  await timed(`lint ${name}`, root, ["lint", `${name}.contract`]);
  await timed(`ir ${name}`, root, ["ir", `${name}.contract`]);
  await timed(`compile ${name}`, root, ["compile", `${name}.contract`, "-o", `out-${name}`], () => dirBytes(join(root, `out-${name}`)));
  await timed(`check ${name}`, root, ["check", `${name}.contract`, "response.txt", "--json"]);
  await timed(`hindsight ${name}`, root, ["hindsight", `${name}.contract`, "response.txt", "--json"]);
}
