/**
 * The one way files are written: every write is checked, nothing is left half done.
 *
 * - {@link writeFileAtomic}: a temporary file in the same folder, every byte written
 *   (short writes continue, a write of 0 bytes is an error), fsync, rename over the
 *   target. On any failure the temporary file is removed and the target is untouched.
 * - {@link appendWhole}: appends a buffer completely, then fsyncs; on any failure the
 *   file is truncated back to its previous size, so a ledger never ends in half a line.
 *
 * The file system calls go through {@link WriteFs}, so tests can inject short writes
 * and ENOSPC (and read-only folders, which chmod cannot simulate for root).
 */
import * as fs from "node:fs";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";

/** The file system calls the writers use. */
export interface WriteFs {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  fstatSync(fd: number): { size: number };
  ftruncateSync(fd: number, length: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  statSync(path: string): { mode: number };
  mkdirSync(path: string, options: { recursive: true }): unknown;
}

export const nodeWriteFs: WriteFs = {
  openSync: (p, flags, mode) => fs.openSync(p, flags, mode),
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  fstatSync: (fd) => fs.fstatSync(fd),
  ftruncateSync: (fd, length) => fs.ftruncateSync(fd, length),
  renameSync: (from, to) => fs.renameSync(from, to),
  unlinkSync: (p) => fs.unlinkSync(p),
  statSync: (p) => fs.statSync(p),
  mkdirSync: (p, options) => fs.mkdirSync(p, options),
};

export interface WriteOptions {
  /** Injected file system (tests); default: node:fs. */
  readonly fs?: WriteFs;
  /** Create the parent folder first (default false). */
  readonly mkdir?: boolean;
}

function errnoError(code: string, message: string, path: string): NodeJS.ErrnoException {
  const e = new Error(`${code}: ${message}, write '${path}'`) as NodeJS.ErrnoException;
  e.code = code;
  e.path = path;
  e.syscall = "write";
  return e;
}

/** Writes all of `data` at the current offset of `fd`; a write that makes no progress is ENOSPC. */
function writeAll(io: WriteFs, fd: number, data: Uint8Array, path: string): void {
  let done = 0;
  while (done < data.length) {
    const n = io.writeSync(fd, data, done, data.length - done);
    if (!Number.isInteger(n) || n <= 0) throw errnoError("ENOSPC", "no space left on device (a write made no progress)", path);
    done += n;
  }
}

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === "string" ? Buffer.from(data, "utf8") : data;
}

/** Replaces `file` with `data` atomically, keeping an existing file's permissions. Throws the fs error on failure. */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  const io = options.fs ?? nodeWriteFs;
  if (options.mkdir) io.mkdirSync(dirname(file), { recursive: true });
  let mode = 0o666;
  try {
    mode = io.statSync(file).mode & 0o7777;
  } catch {
    // a new file: default permissions (minus umask)
  }
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const fd = io.openSync(tmp, "wx", mode);
  let ok = false;
  try {
    writeAll(io, fd, toBytes(data), file);
    io.fsyncSync(fd);
    ok = true;
  } finally {
    io.closeSync(fd);
    if (!ok) {
      try {
        io.unlinkSync(tmp);
      } catch {
        // already gone
      }
    }
  }
  try {
    io.renameSync(tmp, file);
  } catch (e) {
    try {
      io.unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}

/** Appends all of `data` to `file` (created if missing) and fsyncs; on failure the file is cut back to its old size. */
export function appendWhole(file: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  const bytes = toBytes(data);
  if (bytes.length === 0) return;
  const io = options.fs ?? nodeWriteFs;
  const fd = io.openSync(file, "a");
  try {
    const before = io.fstatSync(fd).size;
    try {
      writeAll(io, fd, bytes, file);
      io.fsyncSync(fd);
    } catch (e) {
      try {
        io.ftruncateSync(fd, before);
      } catch {
        // the original error is what the user needs to see
      }
      throw e;
    }
  } finally {
    io.closeSync(fd);
  }
}

/** The errno codes that mean "this output folder cannot take the write" (reported in one line, not as a crash). */
export const OUTPUT_ERROR_CODES: ReadonlySet<string> = new Set(["ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM", "EFBIG", "EIO", "ENOTDIR", "EISDIR"]);

/** A one-line description of a file system write error, or undefined when `e` is not one. */
export function describeWriteError(e: unknown): string | undefined {
  if (!(e instanceof Error)) return undefined;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === undefined || !OUTPUT_ERROR_CODES.has(code)) return undefined;
  const where = (e as NodeJS.ErrnoException).path;
  const what: Record<string, string> = {
    ENOSPC: "no space left on the device",
    EDQUOT: "disk quota exceeded",
    EROFS: "the folder is on a read-only file system",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EFBIG: "file too large",
    EIO: "input/output error",
    ENOTDIR: "a part of the path is not a folder",
    EISDIR: "the path is a folder",
  };
  return `cannot write ${where ?? "the output"}: ${what[code] ?? code} (${code})`;
}
