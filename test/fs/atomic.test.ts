/** Issue 8, item 9: every write is checked; ENOSPC and short writes never leave a half-written file. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appendWhole, describeWriteError, nodeWriteFs, writeFileAtomic, type WriteFs } from "../../src/fs/atomic.js";

function enospc(): NodeJS.ErrnoException {
  const e = new Error("ENOSPC: no space left on device, write") as NodeJS.ErrnoException;
  e.code = "ENOSPC";
  return e;
}

/** node:fs, except that writes move at most `chunk` bytes, and after `budget` bytes the disk is full. */
function fullDisk(budget: number, chunk = Number.MAX_SAFE_INTEGER, mode: "throw" | "zero" = "throw"): WriteFs {
  let left = budget;
  return {
    ...nodeWriteFs,
    writeSync(fd, buffer, offset, length) {
      if (left <= 0) {
        if (mode === "zero") return 0;
        throw enospc();
      }
      const n = Math.min(length, chunk, left);
      left -= n;
      return nodeWriteFs.writeSync(fd, buffer, offset, n);
    },
  };
}

const dir = () => mkdtempSync(join(tmpdir(), "hir-atomic-"));

describe("writeFileAtomic: temp file, every byte, fsync, rename", () => {
  it("completes short writes (1 byte at a time)", () => {
    const d = dir();
    const file = join(d, "out.json");
    writeFileAtomic(file, "héllo wörld\n".repeat(50), { fs: fullDisk(1e9, 1) });
    expect(readFileSync(file, "utf8")).toBe("héllo wörld\n".repeat(50));
    expect(readdirSync(d)).toEqual(["out.json"]);
  });

  for (const mode of ["throw", "zero"] as const) {
    it(`ENOSPC mid-write (${mode === "throw" ? "thrown" : "a write of 0 bytes"}) leaves the old file intact and no temp file`, () => {
      const d = dir();
      const file = join(d, "ckpt.json");
      writeFileSync(file, '{"old":true}\n');
      expect(() => writeFileAtomic(file, `{"new":"${"x".repeat(10_000)}"}\n`, { fs: fullDisk(4096, 1000, mode) })).toThrow(/ENOSPC/);
      expect(readFileSync(file, "utf8")).toBe('{"old":true}\n');
      expect(readdirSync(d)).toEqual(["ckpt.json"]);
    });
  }

  it("keeps an existing file's permissions and can create the parent folder", () => {
    const d = dir();
    const file = join(d, "a/b/c.ts");
    writeFileAtomic(file, "x", { mkdir: true });
    expect(readFileSync(file, "utf8")).toBe("x");
  });
});

describe("appendWhole: the whole buffer or nothing", () => {
  it("ENOSPC after part of a line truncates back: the ledger never ends in half a line", () => {
    const d = dir();
    const file = join(d, "ledger.jsonl");
    writeFileSync(file, '{"step":1}\n');
    expect(() => appendWhole(file, '{"step":2,"prompt":"a long line"}\n', { fs: fullDisk(10, 4) })).toThrow(/ENOSPC/);
    expect(readFileSync(file, "utf8")).toBe('{"step":1}\n');
  });

  it("completes short writes", () => {
    const d = dir();
    const file = join(d, "ledger.jsonl");
    appendWhole(file, "a\nb\n", { fs: fullDisk(1e9, 1) });
    appendWhole(file, "c\n", { fs: fullDisk(1e9, 1) });
    expect(readFileSync(file, "utf8")).toBe("a\nb\nc\n");
  });
});

describe("describeWriteError: one line for a folder that cannot take the write", () => {
  it("names the path and the cause, without a stack", () => {
    const e = Object.assign(new Error("EROFS: read-only file system, open '/x/y'"), { code: "EROFS", path: "/x/y" });
    expect(describeWriteError(e)).toBe("cannot write /x/y: the folder is on a read-only file system (EROFS)");
    expect(describeWriteError(new Error("other"))).toBeUndefined();
  });
});
