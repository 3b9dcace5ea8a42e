/**
 * Editor latency: time from a keystroke (didChange) to published diagnostics, through the
 * real server over an in-memory JSON-RPC connection, on the largest bundled spec and on a
 * generated 2,000-constraint contract. Baseline measured in the same run: a cold in-process
 * `hir lint` of the same file (lintFiles: config, load, parse, bind, check, suppressions).
 * The server's debounce (a deliberate quiet period while typing) is set to 0 here.
 *
 *   npm run bench:lsp            (or: npx tsx bench/lsp.ts [--runs 30])
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";
import { createConnection, createMessageConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver/node";
import { lintFiles } from "../src/language/lint/files.js";
import { startServer } from "../src/lsp/server.js";
import { repoRoot } from "./root.js";

const arg = process.argv.indexOf("--runs");
const RUNS = arg > 0 ? Number(process.argv[arg + 1]) : 30;

function largestSpec(dir: string, rel = ""): string {
  let best = { file: "", size: -1 };
  const walk = (d: string, r: string): void => {
    for (const name of readdirSync(d)) {
      const abs = path.join(d, name);
      if (statSync(abs).isDirectory()) walk(abs, path.posix.join(r, name));
      else if (name.endsWith(".contract") && statSync(abs).size > best.size) best = { file: path.posix.join(r, name), size: statSync(abs).size };
    }
  };
  walk(dir, rel);
  return best.file;
}

function generated(n: number): string {
  const lines = ["contract Big {", "  input topic: text", "  prompt \"Write about {{topic}}.\"", ""];
  for (let i = 0; i < n; i++) {
    const limit = 50 + (i % 400);
    lines.push(`  task c${i} "Use at most ${limit} words in paragraph ${1 + (i % 9)}."`, `    check paragraph(${1 + (i % 9)}).words <= ${limit}`);
    if (i > 0 && i % 10 === 0) lines.push(`  c${i} requires c${i - 1}`);
  }
  lines.push("}", "");
  return lines.join("\n");
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

const root = mkdtempSync(path.join(tmpdir(), "hir-bench-lsp-"));
cpSync(path.join(repoRoot, "specs"), path.join(root, "specs"), { recursive: true });
const BIG = "big.contract";
writeFileSync(path.join(root, BIG), generated(2000));
const LARGEST = path.posix.join("specs", largestSpec(path.join(root, "specs")));

// The server runs in this process, on the bench's working directory, over in-memory streams.
process.chdir(root);
const toServer = new PassThrough();
const fromServer = new PassThrough();
startServer(createConnection(ProposedFeatures.all, toServer, fromServer), { debounceMs: 0 });
const client = createMessageConnection(new StreamMessageReader(fromServer), new StreamMessageWriter(toServer));
const waiters = new Map<string, (n: number) => void>();
client.onNotification("textDocument/publishDiagnostics", (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
  const w = waiters.get(`${p.uri}@${p.version}`);
  if (w) w(p.diagnostics.length);
});
client.listen();
await client.sendRequest("initialize", { processId: null, rootUri: pathToFileURL(root).href, capabilities: {} });
client.sendNotification("initialized", {});

async function measure(rel: string): Promise<{ lsp: number; lint: number; diagnostics: number; lintDiagnostics: number }> {
  const uri = pathToFileURL(path.join(root, rel)).href;
  const { readFileSync } = await import("node:fs");
  const text = readFileSync(path.join(root, rel), "utf8");
  let version = 1;
  const published = (v: number): Promise<number> => new Promise((resolve) => waiters.set(`${uri}@${v}`, resolve));
  let p = published(version);
  client.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "contract", version, text } });
  let diagnostics = await p;
  // A keystroke: type a digit into the last line's end, then delete it (alternating), as a one-character incremental change.
  const lines = text.split("\n");
  const line = Math.max(0, lines.length - 3);
  const character = (lines[line] ?? "").length;
  // Interleaved, so both sides see the same machine load (the bench may share its cores).
  const lspTimes: number[] = [];
  const lintTimes: number[] = [];
  let lintDiagnostics = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    version++;
    const typing = i % 2 === 0;
    const change = typing
      ? { range: { start: { line, character }, end: { line, character } }, text: " " }
      : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: "" };
    p = published(version);
    let t0 = process.hrtime.bigint();
    client.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [change] });
    diagnostics = await p;
    if (i >= 3) lspTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
    t0 = process.hrtime.bigint();
    const run = lintFiles(root, [rel]);
    if (i >= 3) lintTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if ("usageError" in run) throw new Error(run.usageError);
    lintDiagnostics = run.diagnostics.filter((d) => d.file === rel).length;
  }
  return { lsp: median(lspTimes), lint: median(lintTimes), diagnostics, lintDiagnostics };
}

console.log(`hir lsp: didChange -> publishDiagnostics vs a cold in-process hir lint of the same file (median of ${RUNS}, debounce 0)`);
for (const [label, rel] of [[`largest bundled spec (${LARGEST})`, LARGEST], ["generated 2,000-constraint contract", BIG]] as const) {
  const r = await measure(rel);
  console.log(`${label}: lsp ${r.lsp.toFixed(2)} ms, cold lint ${r.lint.toFixed(2)} ms, ratio lsp/lint ${(r.lsp / r.lint).toFixed(2)} (diagnostics: lsp ${r.diagnostics}, lint ${r.lintDiagnostics})`);
}
client.dispose();
process.chdir(repoRoot);
rmSync(root, { recursive: true, force: true });
process.exit(0);
