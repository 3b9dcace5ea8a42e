/**
 * Canonical JSON and hashes of the IR. The canonical form sorts object keys and has
 * no whitespace, so the content hash does not depend on how an object was built.
 */
import { createHash } from "node:crypto";
import type { CompiledContract } from "./ir.js";

/** JSON with object keys sorted (by UTF-16 code units) and no whitespace; `undefined` members are omitted. */
export function canonicalJson(value: unknown): string {
  const sink: Sink = { text: "", flush: undefined };
  writeCanonical(value, sink);
  return sink.text;
}

/**
 * Where canonical JSON goes: appended to `text`, which `flush` (when set) drains once it
 * is long enough, so a large IR is hashed without building one huge string.
 */
interface Sink {
  text: string;
  readonly flush: ((text: string) => void) | undefined;
}

const FLUSH_AT = 65_536;

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

/** Appends `value`'s canonical JSON to `sink`. */
function writeCanonical(value: unknown, sink: Sink): void {
  switch (typeof value) {
    case "string":
      sink.text += JSON.stringify(value);
      return;
    case "number":
      if (!Number.isFinite(value)) throw new Error(`cannot serialize ${value} as JSON`);
      // What JSON.stringify writes for a finite number (`-0` included: "0").
      sink.text += String(value);
      return;
    case "boolean":
      sink.text += value ? "true" : "false";
      return;
    case "object":
      break;
    default:
      // undefined, functions and symbols at the top level: as JSON.stringify (`undefined`), written "null".
      sink.text += JSON.stringify(value) ?? "null";
      return;
  }
  if (value === null) {
    sink.text += "null";
    return;
  }
  if (Array.isArray(value)) {
    sink.text += "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) sink.text += ",";
      const v: unknown = value[i];
      if (v === undefined) sink.text += "null";
      else writeCanonical(v, sink);
    }
    sink.text += "]";
  } else {
    const record = value as Record<string, unknown>;
    let first = true;
    sink.text += "{";
    for (const k of sortedKeys(record)) {
      const v = record[k];
      if (v === undefined) continue;
      if (!first) sink.text += ",";
      sink.text += quoteKey(k);
      sink.text += ":";
      first = false;
      writeCanonical(v, sink);
    }
    sink.text += "}";
  }
  if (sink.flush !== undefined && sink.text.length >= FLUSH_AT) {
    sink.flush(sink.text);
    sink.text = "";
  }
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
  const sink: Sink = { text: "", flush: (text) => hash.update(text, "utf8") };
  writeCanonical(rest, sink);
  hash.update(sink.text, "utf8");
  return hash.digest("hex");
}

/** The IR as it is written to `.ir.json` files: two-space indented JSON in schema key order, newline-terminated. */
export function serializeContract(contract: CompiledContract): string {
  return `${JSON.stringify(contract, null, 2)}\n`;
}
