import { existsSync } from "node:fs";
import { chmod, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CACHE_FORMAT, JudgeCache, judgeCacheKey } from "../../../src/runtime/judge/cache.js";
import { JUDGE_PROMPT_VERSION } from "../../../src/runtime/judge/prompt.js";
import { completions, judgeFor, request, stub, tempDir } from "./support.js";

const parts = { model: "m", promptVersion: "v1", rubric: "r", instruction: "i", response: "x" };

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name).slice(dir.length + 1));
  }
  return out.sort();
}

function keyFor(req = request(), model = "stub-model"): string {
  return judgeCacheKey({ model, promptVersion: JUDGE_PROMPT_VERSION, rubric: req.rubric, instruction: req.instruction, response: req.response });
}

describe("judgeCacheKey", () => {
  it("is a sha256 hex digest that changes with every part", () => {
    const base = judgeCacheKey(parts);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    for (const field of Object.keys(parts) as Array<keyof typeof parts>) {
      expect(judgeCacheKey({ ...parts, [field]: `${parts[field]}!` }), field).not.toBe(base);
    }
  });

  it("cannot be confused by moving text between fields", () => {
    expect(judgeCacheKey({ ...parts, rubric: "ab", instruction: "c" })).not.toBe(judgeCacheKey({ ...parts, rubric: "a", instruction: "bc" }));
  });
});

describe("JudgeCache", () => {
  it("stores definite verdicts in 2-character shard folders, atomically (no temp files left)", async () => {
    const dir = await tempDir();
    const cache = new JudgeCache(dir);
    const key = judgeCacheKey(parts);
    expect(await cache.set(key, { verdict: "yes", reason: "fine" }, { model: "m", promptVersion: "v1", constraintId: "c1" })).toBe(true);
    expect(await listFiles(dir)).toEqual([join(key.slice(0, 2), `${key}.json`)]);
    const stored = JSON.parse(await readFile(cache.pathFor(key), "utf8"));
    expect(stored).toMatchObject({ format: CACHE_FORMAT, key, verdict: "yes", reason: "fine", model: "m", promptVersion: "v1", constraintId: "c1" });
    expect(await cache.get(key)).toEqual({ verdict: "yes", reason: "fine" });
    expect(cache.stats()).toMatchObject({ hits: 1, writes: 1, corrupt: 0 });
  });

  it("never stores unknown", async () => {
    const dir = await tempDir();
    const cache = new JudgeCache(dir);
    expect(await cache.set(judgeCacheKey(parts), { verdict: "unknown", reason: "timeout" }, { model: "m", promptVersion: "v1" })).toBe(false);
    expect(await listFiles(dir)).toEqual([]);
  });

  it.each([
    ["not JSON", "{ this is not json"],
    ["empty", ""],
    ["wrong shape", JSON.stringify({ hello: "world" })],
    ["unknown verdict", "VERDICT_UNKNOWN"],
    ["another key", "OTHER_KEY"],
  ])("treats a corrupted file (%s) as a miss", async (_name, content) => {
    const dir = await tempDir();
    const cache = new JudgeCache(dir);
    const key = judgeCacheKey(parts);
    const entry = { format: CACHE_FORMAT, key, verdict: "yes", model: "m", promptVersion: "v1", createdAt: "2026-01-01T00:00:00Z" };
    const text = content === "VERDICT_UNKNOWN" ? JSON.stringify({ ...entry, verdict: "unknown" }) : content === "OTHER_KEY" ? JSON.stringify({ ...entry, key: "f".repeat(64) }) : content;
    await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
    await writeFile(cache.pathFor(key), text);
    expect(await cache.get(key)).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 1, corrupt: 1 });
  });

  it("rejects keys that are not digests (no path traversal)", () => {
    expect(() => new JudgeCache("/tmp/x").pathFor("../../etc/passwd")).toThrow(/invalid judge cache key/);
  });

  it("a write failure is reported, not thrown", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "file"), "not a folder");
    const cache = new JudgeCache(join(dir, "file"));
    expect(await cache.set(judgeCacheKey(parts), { verdict: "no" }, { model: "m", promptVersion: "v1" })).toBe(false);
    expect(cache.stats().writeErrors).toBe(1);
  });
});

describe("OpenAIChatJudge with a cache", () => {
  it("answers the second identical call from the cache: the server sees one request", async () => {
    const server = await stub({ behavior: { kind: "yes" } });
    const cacheDir = await tempDir();
    const judge = judgeFor(server, { cacheDir });
    const first = await judge.judge(request());
    const second = await judge.judge(request());
    expect(second).toEqual(first);
    expect(completions(server)).toHaveLength(1);
    expect(judge.stats()).toMatchObject({ requests: 2, cacheHits: 1, httpRequests: 1, yes: 2 });

    // A new judge (a later run) with the same folder also hits.
    const later = judgeFor(server, { cacheDir });
    expect(await later.judge(request())).toEqual(first);
    expect(completions(server)).toHaveLength(1);
    expect(existsSync(new JudgeCache(cacheDir).pathFor(keyFor()))).toBe(true);
  });

  it("a different model, rubric or response is a miss", async () => {
    const server = await stub({ behavior: { kind: "yes" } });
    const cacheDir = await tempDir();
    await judgeFor(server, { cacheDir }).judge(request());
    await judgeFor(server, { cacheDir, model: "other-model" }).judge(request());
    await judgeFor(server, { cacheDir }).judge(request({ rubric: "The tone is warm." }));
    await judgeFor(server, { cacheDir }).judge(request({ response: "Something else." }));
    expect(completions(server)).toHaveLength(4);
  });

  it("does not cache unknown: a failed judgement is asked again next time", async () => {
    const server = await stub({ behavior: { kind: "text", content: "Hard to say." } });
    const cacheDir = await tempDir();
    const judge = judgeFor(server, { cacheDir });
    expect((await judge.judge(request())).verdict).toBe("unknown");
    expect((await judge.judge(request())).verdict).toBe("unknown");
    expect(completions(server)).toHaveLength(2);
    expect(await listFiles(cacheDir)).toEqual([]);
  });

  it("ignores a corrupted cache file, asks the server, and repairs the entry", async () => {
    const server = await stub({ behavior: { kind: "no" } });
    const cacheDir = await tempDir();
    const file = new JudgeCache(cacheDir).pathFor(keyFor());
    await mkdir(join(file, ".."), { recursive: true });
    await writeFile(file, '{"format": "hir-judge-cache/1", "verdict": "yes"');
    const judge = judgeFor(server, { cacheDir });
    expect((await judge.judge(request())).verdict).toBe("no");
    expect(completions(server)).toHaveLength(1);
    expect(judge.stats().cache).toMatchObject({ corrupt: 1, writes: 1 });
    expect(JSON.parse(await readFile(file, "utf8")).verdict).toBe("no");
    expect((await judge.judge(request())).verdict).toBe("no");
    expect(completions(server)).toHaveLength(1);
  });

  it.skipIf(process.platform === "win32" || process.getuid?.() === 0)("an unreadable cache file is a miss", async () => {
    const server = await stub({ behavior: { kind: "yes" } });
    const cacheDir = await tempDir();
    const file = new JudgeCache(cacheDir).pathFor(keyFor());
    await mkdir(join(file, ".."), { recursive: true });
    await writeFile(file, "{}");
    await chmod(file, 0o000);
    expect((await judgeFor(server, { cacheDir }).judge(request())).verdict).toBe("yes");
  });

  it("a cache folder that cannot be written does not fail the judgement", async () => {
    const server = await stub({ behavior: { kind: "yes" } });
    const dir = await tempDir();
    await writeFile(join(dir, "blocker"), "");
    const judge = judgeFor(server, { cacheDir: join(dir, "blocker", "cache") });
    expect((await judge.judge(request())).verdict).toBe("yes");
    expect(judge.stats().cache?.writeErrors).toBe(1);
  });
});
