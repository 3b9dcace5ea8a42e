/**
 * Canonical JSON and hashes of the IR. The canonical form sorts object keys and has
 * no whitespace, so the content hash does not depend on how an object was built.
 */
import { createHash } from "node:crypto";
import type { CompiledContract } from "./ir.js";

/** JSON with object keys sorted (by UTF-16 code units) and no whitespace; `undefined` members are omitted. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`cannot serialize ${value} as JSON`);
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      out += (i > 0 ? "," : "") + (v === undefined ? "null" : canonicalJson(v));
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // The default sort compares strings by UTF-16 code units.
  const keys = Object.keys(record).sort();
  let out = "{";
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    out += `${out.length > 1 ? "," : ""}${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The content hash of a compiled contract: SHA-256 of its canonical JSON without `contentHash`. */
export function computeContentHash(contract: Omit<CompiledContract, "contentHash"> | CompiledContract): string {
  const { contentHash: _ignored, ...rest } = contract as CompiledContract;
  void _ignored;
  return sha256Hex(canonicalJson(rest));
}

/** The IR as it is written to `.ir.json` files: two-space indented JSON in schema key order, newline-terminated. */
export function serializeContract(contract: CompiledContract): string {
  return `${JSON.stringify(contract, null, 2)}\n`;
}
