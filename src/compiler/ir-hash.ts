/**
 * Canonical JSON and hashes of the IR. The canonical form sorts object keys and has
 * no whitespace, so the content hash does not depend on how an object was built.
 */
import { createHash } from "node:crypto";
import type { CompiledContract } from "./ir.js";

/** JSON with object keys sorted (by UTF-16 code units) and no whitespace; `undefined` members are omitted. */
export function canonicalJson(value: unknown): string {
  const chunks: string[] = [];
  const sink = new Sink((text) => chunks.push(text));
  writeCanonical(value, sink);
  sink.flush();
  return chunks.join("");
}

/**
 * Where canonical JSON goes: pieces collected in an array and handed to `drain` a few
 * thousand at a time, joined, so a large IR is hashed without building one huge string
 * and without a rope of a million small strings kept alive until the end.
 */
class Sink {
  private pieces: string[] = [];
  constructor(private readonly drain: (text: string) => void) {}
  add(piece: string): void {
    this.pieces.push(piece);
    if (this.pieces.length >= 8192) this.flush();
  }
  flush(): void {
    if (this.pieces.length === 0) return;
    this.drain(this.pieces.join(""));
    this.pieces = [];
  }
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

/**
 * Sorted member names, remembered per list of names: an IR's objects come in a few dozen
 * shapes, so most lookups find the list (compared name by name) instead of sorting again.
 */
const sortedByFirstKey = new Map<string, { readonly keys: readonly string[]; readonly sorted: readonly string[] }[]>();
let sortedCount = 0;

function sortedKeys(record: object): readonly string[] {
  const keys = Object.keys(record);
  if (keys.length < 2) return keys;
  const first = keys[0] as string;
  let bucket = sortedByFirstKey.get(first);
  if (bucket !== undefined) {
    for (const entry of bucket) {
      const known = entry.keys;
      if (known.length !== keys.length) continue;
      let same = true;
      for (let i = 1; i < keys.length; i++) {
        if (known[i] !== keys[i]) {
          same = false;
          break;
        }
      }
      if (same) return entry.sorted;
    }
  }
  // The default sort compares strings by UTF-16 code units.
  const sorted = keys.slice().sort();
  if (sortedCount < 1_000) {
    if (bucket === undefined) sortedByFirstKey.set(first, (bucket = []));
    bucket.push({ keys, sorted });
    sortedCount++;
  }
  return sorted;
}

/** Strings JSON.stringify writes as they are, between quotes: no quote, backslash, control character or surrogate. */
const PLAIN_STRING = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** Appends `value`'s canonical JSON to `sink`. */
function writeCanonical(value: unknown, sink: Sink): void {
  switch (typeof value) {
    case "string":
      sink.add(value.length < 64 && PLAIN_STRING.test(value) ? `"${value}"` : JSON.stringify(value));
      return;
    case "number":
      if (!Number.isFinite(value)) throw new Error(`cannot serialize ${value} as JSON`);
      // What JSON.stringify writes for a finite number (`-0` included: "0").
      sink.add(String(value));
      return;
    case "boolean":
      sink.add(value ? "true" : "false");
      return;
    case "object":
      break;
    default:
      // undefined, functions and symbols: as JSON.stringify would in an array, "null".
      sink.add(JSON.stringify(value) ?? "null");
      return;
  }
  if (value === null) {
    sink.add("null");
    return;
  }
  if (Array.isArray(value)) {
    sink.add("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) sink.add(",");
      const v: unknown = value[i];
      if (v === undefined) sink.add("null");
      else writeCanonical(v, sink);
    }
    sink.add("]");
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = sortedKeys(record);
  let first = true;
  sink.add("{");
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    const v = record[k];
    if (v === undefined) continue;
    sink.add(first ? quoteKey(k) : `,${quoteKey(k)}`);
    sink.add(":");
    first = false;
    writeCanonical(v, sink);
  }
  sink.add("}");
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The content hash of a compiled contract: SHA-256 of its canonical JSON without `contentHash`. */
export function computeContentHash(contract: Omit<CompiledContract, "contentHash"> | CompiledContract): string {
  const { contentHash: _ignored, ...rest } = contract as CompiledContract;
  void _ignored;
  // Fed to the hash in chunks: hashing the same bytes, without one multi-megabyte string.
  const hash = createHash("sha256");
  const sink = new Sink((text) => hash.update(text, "utf8"));
  writeCanonical(rest, sink);
  sink.flush();
  return hash.digest("hex");
}

/** The IR as it is written to `.ir.json` files: two-space indented JSON in schema key order, newline-terminated. */
export function serializeContract(contract: CompiledContract): string {
  return `${JSON.stringify(contract, null, 2)}\n`;
}
