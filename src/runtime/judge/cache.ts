/**
 * On-disk cache of definite judge verdicts.
 *
 * - Key: sha256 over (model, prompt version, rubric, instruction, response), encoded
 *   as a JSON array so no two different tuples share a key.
 * - Layout: `<dir>/<first 2 hex chars>/<key>.json`, one small JSON file per key.
 * - Only `yes` and `no` are stored; `unknown` is never cached, so a failure is
 *   retried on the next run instead of being remembered.
 * - Writes are atomic (src/fs/atomic.ts): a uniquely named temp file in the same folder, then rename.
 *   Concurrent writers of one key race harmlessly (same content, last rename wins).
 * - A file that cannot be read, parsed or validated is a miss, never an error.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../../fs/atomic.js";
import type { JudgeAnswer } from "../judge-interface.js";

export const CACHE_FORMAT = "hir-judge-cache/1";

export interface CacheKeyParts {
  model: string;
  promptVersion: string;
  rubric: string;
  instruction: string;
  response: string;
}

/** The cache key: lower-case hex sha256. */
export function judgeCacheKey(parts: CacheKeyParts): string {
  const encoded = JSON.stringify([CACHE_FORMAT, parts.model, parts.promptVersion, parts.rubric, parts.instruction, parts.response]);
  return createHash("sha256").update(encoded, "utf8").digest("hex");
}

const KEY = /^[0-9a-f]{64}$/;

const entrySchema = z.object({
  format: z.literal(CACHE_FORMAT),
  key: z.string().regex(KEY),
  verdict: z.enum(["yes", "no"]),
  reason: z.string().optional(),
  model: z.string(),
  promptVersion: z.string(),
  constraintId: z.string().optional(),
  createdAt: z.string(),
});

export type CacheEntry = z.infer<typeof entrySchema>;

export interface CacheEntryMeta {
  model: string;
  promptVersion: string;
  constraintId?: string;
}

export interface JudgeCacheStats {
  hits: number;
  misses: number;
  /** Files that existed but could not be read or validated (treated as misses). */
  corrupt: number;
  writes: number;
  writeErrors: number;
}

export class JudgeCache {
  private readonly counters: JudgeCacheStats = { hits: 0, misses: 0, corrupt: 0, writes: 0, writeErrors: 0 };

  constructor(readonly dir: string) {}

  /** Where the entry for `key` lives. Throws on a key that is not a sha256 hex digest. */
  pathFor(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid judge cache key: ${JSON.stringify(key)}`);
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The cached definite verdict, or undefined on a miss (including unreadable or corrupt files). */
  async get(key: string): Promise<JudgeAnswer | undefined> {
    const file = this.pathFor(key);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") this.counters.corrupt++;
      this.counters.misses++;
      return undefined;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const entry = entrySchema.safeParse(parsed);
    if (!entry.success || entry.data.key !== key) {
      this.counters.corrupt++;
      this.counters.misses++;
      return undefined;
    }
    this.counters.hits++;
    return entry.data.reason === undefined ? { verdict: entry.data.verdict } : { verdict: entry.data.verdict, reason: entry.data.reason };
  }

  /**
   * Stores a definite verdict atomically. Returns false (and stores nothing) for
   * `unknown`, and false when writing fails: the cache is an optimisation, so a
   * full disk or a read-only folder never fails a judgement.
   */
  async set(key: string, answer: JudgeAnswer, meta: CacheEntryMeta): Promise<boolean> {
    if (answer.verdict !== "yes" && answer.verdict !== "no") return false;
    const file = this.pathFor(key);
    const entry: CacheEntry = {
      format: CACHE_FORMAT,
      key,
      verdict: answer.verdict,
      ...(answer.reason === undefined ? {} : { reason: answer.reason }),
      model: meta.model,
      promptVersion: meta.promptVersion,
      ...(meta.constraintId === undefined ? {} : { constraintId: meta.constraintId }),
      createdAt: new Date().toISOString(),
    };
    try {
      // The one atomic writer (src/fs/atomic.ts): a failed write leaves no temporary file behind.
      writeFileAtomic(file, `${JSON.stringify(entry, null, 2)}\n`, { mkdir: true });
      this.counters.writes++;
      return true;
    } catch {
      this.counters.writeErrors++;
      return false;
    }
  }

  stats(): JudgeCacheStats {
    return { ...this.counters };
  }
}
