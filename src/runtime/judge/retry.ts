/** Retry policy helpers: which failures are worth retrying, and how long to wait. */

/** HTTP statuses retried: request timeout, conflict/too early, rate limit, server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * The delay a server asked for, in milliseconds, or undefined when it asked for none
 * (or the value cannot be read). Reads `retry-after-ms` (sent by OpenAI) and
 * `Retry-After` as delta-seconds (decimals accepted) or an HTTP date.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export interface BackoffPolicy {
  /** Delay before the first retry, before jitter. */
  baseMs: number;
  /** Upper bound on any computed delay. */
  maxMs: number;
}

/**
 * Exponential backoff with "equal jitter": for retry n (1-based) the nominal delay is
 * min(maxMs, baseMs * 2^(n-1)), and the wait is half of it plus a random share of the
 * other half. `random` returns a number in [0, 1), like Math.random.
 */
export function backoffDelay(retry: number, policy: BackoffPolicy, random: () => number): number {
  const nominal = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(nominal / 2 + (nominal / 2) * r);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
