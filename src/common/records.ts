/** A parsed JSON value (or any untrusted value) that is an object with named fields: not null, not an array. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
