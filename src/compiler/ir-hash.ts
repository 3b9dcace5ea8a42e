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
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
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
