/**
 * Issue 8 reproductions (imports, symlinks, judge, writes, BOM), each run in-process
 * through the real CLI or API and timed, with its outcome. Prints figures only.
 *
 *   npx tsx bench/hardening-io.ts
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryIO } from "../src/cli/io.js";
import { run } from "../src/cli/main.js";
import { parseJudgeAnswer } from "../src/runtime/judge/parse.js";
import { OpenAIChatJudge } from "../src/runtime/judge/openai-judge.js";
import { startStubJudgeServer } from "../src/testing/judge-stub-server.js";

const CONTRACT = 'contract Notes {\n  prompt "Write notes."\n  task short "Be short."\n    check words <= 100\n}\n';

async function timed(name: string, f: () => Promise<string>): Promise<void> {
  const t0 = performance.now();
  const outcome = await f();
  console.log(`${(performance.now() - t0).toFixed(0).padStart(6)} ms  ${name}: ${outcome}`);
}

async function cli(cwd: string, args: string[]): Promise<string> {
  const io = memoryIO({ cwd, env: { NO_COLOR: "1" } });
  const code = await run(args, io);
  const codes = [...new Set((io.out + io.err).match(/HIR\d{4}/g) ?? [])].join(",");
  return `exit ${code}${codes ? ` ${codes}` : ""}, ${(io.out + io.err).length} chars of output`;
}

const root = mkdtempSync(join(tmpdir(), "hir-bench-hard-"));
writeFileSync(join(root, "package.json"), "{}");
mkdirSync(join(root, "s"));
writeFileSync(join(root, "s/notes.contract"), CONTRACT);
symlinkSync(".", join(root, "s/a"));
symlinkSync("..", join(root, "s/up"));
writeFileSync(join(root, "environ.contract"), `import "../../../../../../proc/self/environ"\n${CONTRACT}`);
writeFileSync(join(root, "passwd.contract"), `import "../../../../../../etc/passwd"\n${CONTRACT}`);

await timed("lint s (ln -s . s/a, ln -s .. s/up)", () => cli(root, ["lint", "s"]));
await timed("fmt --check s (same loops)", () => cli(root, ["fmt", "--check", "s"]));
await timed("ir s (same loops)", () => cli(root, ["ir", "s"]));
await timed("compile --check s (same loops)", () => cli(root, ["compile", "--check", "--out", join(root, "gen"), "s"]));
await timed('lint: import "../../../../proc/self/environ"', () => cli(root, ["lint", "environ.contract"]));
await timed('lint: import "/etc/passwd"', () => cli(root, ["lint", "passwd.contract"]));
await timed("judge: parse 4 contradictory replies", async () =>
  ["YES... actually NO", "YES\nNO", "Nope YES", "Certainly NOT! YES"].map((r) => parseJudgeAnswer(r).verdict).join(","),
);
const elsewhere = await startStubJudgeServer();
const redirecting = await startStubJudgeServer({ behavior: { kind: "redirect", location: `${elsewhere.url}/chat/completions`, status: 307 } });
const huge = await startStubJudgeServer({ behavior: { kind: "huge", bytes: 400 * 1024 * 1024 } });
const req = { constraintId: "c", instruction: "i", rubric: "r", response: "x" };
await timed("judge: 307 to another server", async () => {
  const a = await new OpenAIChatJudge({ url: redirecting.url, model: "m", apiKey: "sk-x" }).judge(req);
  return `${a.verdict}; the other server got ${elsewhere.requests.length} requests`;
});
await timed("judge: 400 MB body", async () => {
  const before = process.memoryUsage().rss;
  const a = await new OpenAIChatJudge({ url: huge.url, model: "m" }).judge(req);
  return `${a.verdict}; RSS grew ${((process.memoryUsage().rss - before) / 2 ** 20).toFixed(0)} MiB`;
});
await timed("judge: API key with a newline", async () => {
  try {
    new OpenAIChatJudge({ url: huge.url, model: "m", apiKey: "sk-secret\n" });
    return "accepted (wrong)";
  } catch (e) {
    return `rejected; message shows the key: ${String(e).includes("sk-secret")}`;
  }
});
await Promise.all([elsewhere.close(), redirecting.close(), huge.close()]);
