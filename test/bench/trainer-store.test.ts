import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inputsDigest, RunStore, STORE_VERSION } from "../../bench/trainer-store.js";

const job = { policy: "embedded", arm: "hir", beta: 0.001, seed: 3 };

describe("the trainer benchmark's run store", () => {
  it("returns a saved run for the same key and nothing for another config", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hir-store-"));
    const store = new RunStore<{ auc: number }>(dir, "inputs");
    const key = store.key({ seed: 3, arm: "hir" });
    expect(store.load(job, key)).toBeUndefined();
    store.save(job, key, "abc", { auc: 0.25 });
    expect(store.load(job, key)).toEqual({ auc: 0.25 });
    expect(store.load(job, store.key({ seed: 3, arm: "hir", steps: 101 }))).toBeUndefined();
    expect(readdirSync(dir)).toEqual([path.basename(store.file(job, key))]);
  });

  it("keys on the shared inputs, so changed contracts invalidate every stored run", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hir-store-"));
    const contract = path.join(dir, "c.contract");
    writeFileSync(contract, "contract A {}\n");
    const before = inputsDigest("tasks", dir, [contract]);
    writeFileSync(contract, "contract B {}\n");
    const after = inputsDigest("tasks", dir, [contract]);
    expect(after).not.toBe(before);
    expect(new RunStore(dir, before).key({})).not.toBe(new RunStore(dir, after).key({}));
  });

  it("does not depend on where the repository is checked out", () => {
    const [a, b] = [mkdtempSync(path.join(tmpdir(), "hir-store-a-")), mkdtempSync(path.join(tmpdir(), "hir-store-b-"))];
    for (const d of [a, b]) writeFileSync(path.join(d, "c.contract"), "contract A {}\n");
    expect(inputsDigest("tasks", a, [path.join(a, "c.contract")])).toBe(inputsDigest("tasks", b, ["c.contract"]));
  });

  it("ignores a truncated file or one written by another store version", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hir-store-"));
    const store = new RunStore<{ auc: number }>(dir, "inputs");
    const key = store.key({});
    writeFileSync(store.file(job, key), '{"storeVersion": 1, "key": "');
    expect(store.load(job, key)).toBeUndefined();
    writeFileSync(store.file(job, key), JSON.stringify({ storeVersion: STORE_VERSION + 1, key, commit: "x", result: { auc: 1 } }));
    expect(store.load(job, key)).toBeUndefined();
  });
});
