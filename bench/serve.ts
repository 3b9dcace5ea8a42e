/**
 * `hir serve` throughput: items verified per second over HTTP (POST /v1/verify,
 * batches of 64) as a ratio of the same verification in-process (the same
 * RewardService, so the ratio is the cost of HTTP + JSON + a process boundary).
 *
 *   npm run bench:serve [-- --items N]
 *
 * Workload: the IFEval fixture (../shared/data/ifeval): each response with its
 * row's ground truth as the label (`instruction_id_list` + `kwargs`), compiled
 * once per distinct label by the server's cache (warmed before timing, on both
 * sides). The server runs as a child process (`node bin/hir.js serve --port 0`);
 * requests are sent one at a time and then 4 at a time.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { RewardService } from "../src/engines/serve/service.js";
import { parseIfevalInputs, parseIfevalResponses } from "../src/runtime/ifeval/index.js";
import { repoRoot } from "./root.js";

const BATCH = 64;
const itemsArg = process.argv.indexOf("--items");
const MIN_ITEMS = itemsArg > 0 ? Number(process.argv[itemsArg + 1]) : 20_000;
const dataDir = path.resolve(repoRoot, "../shared/data/ifeval");
if (!existsSync(path.join(dataDir, "input_data.jsonl"))) {
  console.error(`bench/serve: fixture data not found at ${dataDir}`);
  process.exit(1);
}
const inputs = parseIfevalInputs(readFileSync(path.join(dataDir, "input_data.jsonl"))).items;
const responses = parseIfevalResponses(readFileSync(path.join(dataDir, "input_response_data_gpt4.jsonl"))).responses;
const items = inputs
  .filter((i) => responses.has(i.prompt))
  .map((i, n) => ({ id: n, prompt: i.prompt, label: { instruction_id_list: i.instruction_id_list, kwargs: i.kwargs }, response: responses.get(i.prompt) as string }));
const batches: (typeof items)[] = [];
for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
const reps = Math.max(1, Math.ceil(MIN_ITEMS / items.length));
const total = reps * items.length;

console.log("hir serve benchmark (POST /v1/verify, batches of 64)");
console.log(`  workload: ${items.length} IFEval responses x ${reps} = ${total.toLocaleString("en-US")} items`);

async function timeIt(run: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await run();
  return (performance.now() - t0) / 1000;
}

// In-process: the same service the server runs.
const service = new RewardService(new Map());
for (const b of batches) await service.verify({ items: b });
const inProcess = await timeIt(async () => {
  for (let r = 0; r < reps; r++) for (const b of batches) await service.verify({ items: b });
});

// Over HTTP, to a child process.
const child = spawn(process.execPath, [path.join(repoRoot, "bin/hir.js"), "serve", path.join(repoRoot, "specs"), "--port", "0"], { cwd: repoRoot, stdio: ["ignore", "pipe", "ignore"] });
const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once("line", resolve));
const url = first.replace("listening on ", "").trim();
const post = async (b: typeof items) => {
  const res = await fetch(`${url}/v1/verify`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ items: b }) });
  const json = (await res.json()) as { results: unknown[] };
  if (json.results.length !== b.length) throw new Error("short answer");
};
try {
  for (const b of batches) await post(b);
  const sequential = await timeIt(async () => {
    for (let r = 0; r < reps; r++) for (const b of batches) await post(b);
  });
  const concurrent = await timeIt(async () => {
    const queue = Array.from({ length: reps }, () => batches).flat();
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < queue.length) await post(queue[next++] as typeof items);
    }));
  });
  const rate = (s: number) => total / s;
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
  console.log(`  in-process RewardService.verify: ${fmt(rate(inProcess))} items/s`);
  console.log(`  HTTP, 1 request at a time:       ${fmt(rate(sequential))} items/s  (ratio ${(inProcess / sequential).toFixed(2)} of in-process)`);
  console.log(`  HTTP, 4 requests in flight:      ${fmt(rate(concurrent))} items/s  (ratio ${(inProcess / concurrent).toFixed(2)} of in-process)`);
} finally {
  child.kill();
}
