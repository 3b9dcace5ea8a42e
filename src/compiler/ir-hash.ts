/**
 * Canonical JSON and hashes of the IR. The canonical form sorts object keys and has
 * no whitespace, so the content hash does not depend on how an object was built.
 */
import { createHash } from "node:crypto";
import type { CompiledContract } from "./ir.js";

/** JSON with object keys sorted (by UTF-16 code units) and no whitespace; `undefined` members are omitted. */
export function canonicalJson(value: unknown): string {
  let out = "";
  writeCanonical(value, (s) => (out += s));
  return out;
}

/** Member names as JSON strings: an IR has a few dozen distinct ones and hundreds of thousands of members. */
const quotedKeys = new Map<string, string>();

function quoteKey(k: string): string {
  let q = quotedKeys.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    if (quotedKeys.size < 10_000) quotedKeys.set(k, q);
  }
  return q;
}

/** Writes `value`'s canonical JSON in pieces, so a large IR is hashed without building one huge string. */
function writeCanonical(value: unknown, write: (s: string) => void): void {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`cannot serialize ${value} as JSON`);
    write(JSON.stringify(value) ?? "null");
    return;
  }
  if (Array.isArray(value)) {
    write("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) write(",");
      const v: unknown = value[i];
      if (v === undefined) write("null");
      else writeCanonical(v, write);
    }
    write("]");
    return;
  }
  const record = value as Record<string, unknown>;
  // The default sort compares strings by UTF-16 code units.
  const keys = Object.keys(record).sort();
  let first = true;
  write("{");
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    write(first ? `${quoteKey(k)}:` : `,${quoteKey(k)}:`);
    first = false;
    writeCanonical(v, write);
  }
  write("}");
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The content hash of a compiled contract: SHA-256 of its canonical JSON without `contentHash`. */
export function computeContentHash(contract: Omit<CompiledContract, "contentHash"> | CompiledContract): string {
  const { contentHash: _ignored, ...rest } = contract as CompiledContract;
  void _ignored;
  // Fed to the hash in chunks of about 64 KB: hashing the same bytes, without one multi-megabyte string.
  const hash = createHash("sha256");
  let chunk = "";
  writeCanonical(rest, (s) => {
    chunk += s;
    if (chunk.length >= 65_536) {
      hash.update(chunk, "utf8");
      chunk = "";
    }
  });
  hash.update(chunk, "utf8");
  return hash.digest("hex");
}

/** The IR as it is written to `.ir.json` files: two-space indented JSON in schema key order, newline-terminated. */
export function serializeContract(contract: CompiledContract): string {
  return `${JSON.stringify(contract, null, 2)}\n`;
}
