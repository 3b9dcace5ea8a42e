/**
 * Golden-file comparison. Expected outputs live beside their fixtures; run the
 * tests with UPDATE_GOLDENS=1 to rewrite them (then review the diff in git).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { expect } from "vitest";

export const UPDATE_GOLDENS = process.env["UPDATE_GOLDENS"] === "1";

export function expectGolden(actual: string, expectedPath: string): void {
  if (UPDATE_GOLDENS || !existsSync(expectedPath)) {
    writeFileSync(expectedPath, actual);
    if (!UPDATE_GOLDENS) throw new Error(`wrote missing golden ${expectedPath}; review it and rerun`);
    return;
  }
  expect(actual, `golden ${expectedPath} differs (UPDATE_GOLDENS=1 to accept)`).toBe(readFileSync(expectedPath, "utf8"));
}
