import { describe, expect, it } from "vitest";
import { backoffDelay, isRetryableStatus, parseRetryAfter } from "../../../src/runtime/judge/retry.js";
import { Semaphore } from "../../../src/runtime/judge/semaphore.js";

describe("retry policy", () => {
  it("retries 408, 409, 425, 429 and 5xx only", () => {
    expect([400, 401, 403, 404, 408, 409, 422, 425, 429, 500, 502, 503, 504, 599].filter(isRetryableStatus)).toEqual([408, 409, 425, 429, 500, 502, 503, 504, 599]);
  });

  it("reads Retry-After as seconds or an HTTP date, and retry-after-ms", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter(new Headers({ "retry-after": "3" }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers({ "retry-after": "0.5" }), now)).toBe(500);
    expect(parseRetryAfter(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:07 GMT" }), now)).toBe(7000);
    expect(parseRetryAfter(new Headers({ "retry-after": "Wed, 31 Dec 2025 00:00:00 GMT" }), now)).toBe(0);
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "120", "retry-after": "9" }), now)).toBe(120);
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });

  it("backs off exponentially with bounded equal jitter", () => {
    const policy = { baseMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});

describe("Semaphore", () => {
  it("admits at most `limit` holders, first come first served", async () => {
    const sem = new Semaphore(2);
    const order: string[] = [];
    const r1 = await sem.acquire();
    const r2 = await sem.acquire();
    const third = sem.acquire().then((release) => (order.push("third"), release));
    const fourth = sem.acquire().then((release) => (order.push("fourth"), release));
    expect(sem.inUse).toBe(2);
    expect(sem.waiting).toBe(2);
    r1();
    r1(); // double release is harmless
    const r3 = await third;
    expect(order).toEqual(["third"]);
    expect(sem.inUse).toBe(2);
    r2();
    const r4 = await fourth;
    expect(order).toEqual(["third", "fourth"]);
    r3();
    r4();
    expect(sem.inUse).toBe(0);
  });

  it("releases when the task throws", async () => {
    const sem = new Semaphore(1);
    await expect(sem.run(async () => Promise.reject(new Error("x")))).rejects.toThrow("x");
    expect(sem.inUse).toBe(0);
  });

  it("rejects a non-positive limit", () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
