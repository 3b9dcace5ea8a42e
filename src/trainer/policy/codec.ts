/** Exact, compact JSON encoding of Float64Arrays (little-endian base64). */

export function encodeF64(a: Float64Array): string {
  const bytes = new Uint8Array(a.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < a.length; i++) view.setFloat64(i * 8, a[i] as number, true);
  return Buffer.from(bytes).toString("base64");
}

export function decodeF64(s: string, expectedLength?: number): Float64Array {
  const bytes = Buffer.from(s, "base64");
  if (bytes.length % 8 !== 0) throw new Error("decodeF64: length is not a multiple of 8");
  const n = bytes.length / 8;
  if (expectedLength !== undefined && n !== expectedLength) throw new Error(`decodeF64: expected ${expectedLength} numbers, got ${n}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}
