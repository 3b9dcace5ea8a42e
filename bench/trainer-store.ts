/**
 * A resumable store for bench/trainer.ts: every finished run is written to its own
 * file, named by what determines its result, so a benchmark that takes many CPU-hours
 * can be run in pieces (stopped, restarted, spread over days) and finished runs are
 * never run twice. The files are committed with the summary: they are the raw data.
 *
 * A run's key is a SHA-256 of everything its result is a function of, as far as the
 * benchmark can see it: the resolved training config (seed, arm, beta, policy, preset,
 * evaluation settings), the task sets (ids and instructions), the bytes of the data file
 * and of every contract it names, and STORE_VERSION. Bump STORE_VERSION when a change to
 * the trainer changes seeded results (test/trainer/seeded-golden.test.ts re-pinned):
 * stored runs then no longer match and are run again.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../src/fs/atomic.js";
import { sha256Hex } from "../src/trainer/hash.js";

export const STORE_VERSION = 1;

export interface StoredRun<T> {
  readonly storeVersion: number;
  readonly key: string;
  /** The commit the run was produced on (traceability only; not part of the key). */
  readonly commit: string;
  readonly result: T;
}

export interface JobId {
  readonly policy: string;
  readonly arm: string;
  readonly beta: number;
  readonly seed: number;
}

export class RunStore<T> {
  constructor(
    readonly dir: string,
    /** Digest of the inputs every run shares (task sets, data and contract bytes). */
    private readonly inputs: string,
  ) {}

  key(config: unknown): string {
    return sha256Hex(`${STORE_VERSION}\u0000${this.inputs}\u0000${JSON.stringify(config)}`);
  }

  file(job: JobId, key: string): string {
    return path.join(this.dir, `${job.policy}-${job.arm}-b${job.beta}-s${job.seed}-${key.slice(0, 16)}.json`);
  }

  /** The stored result of a run with this key, or undefined (absent, unreadable or another key). */
  load(job: JobId, key: string): T | undefined {
    const f = this.file(job, key);
    if (!existsSync(f)) return undefined;
    try {
      const s = JSON.parse(readFileSync(f, "utf8")) as StoredRun<T>;
      return s.storeVersion === STORE_VERSION && s.key === key ? s.result : undefined;
    } catch {
      return undefined;
    }
  }

  save(job: JobId, key: string, commit: string, result: T): void {
    mkdirSync(this.dir, { recursive: true });
    const stored: StoredRun<T> = { storeVersion: STORE_VERSION, key, commit, result };
    writeFileAtomic(this.file(job, key), `${JSON.stringify(stored)}\n`);
  }
}

/**
 * Digest of the shared inputs: the task-set digest plus the data file's and each contract
 * file's path (relative to `root`, so every checkout of the repository agrees) and bytes.
 */
export function inputsDigest(tasksDigest: string, root: string, files: readonly string[]): string {
  const h = createHash("sha256").update(tasksDigest);
  for (const f of files) h.update(`\u0000${path.relative(root, path.resolve(root, f)).split(path.sep).join("/")}\u0000`).update(readFileSync(path.resolve(root, f)));
  return h.digest("hex");
}
