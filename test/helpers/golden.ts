/**
 * The one golden-file comparison for every test. Expected outputs live beside their
 * fixtures; `expectGolden(actual, path)` compares, and with UPDATE_GOLDENS=1 in the
 * environment it (re)writes the file instead, e.g.
 *
 *   UPDATE_GOLDENS=1 npx vitest run test/language/report
 *
 * then review the diff in git. A missing golden fails (it is never written silently).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { expect } from "vitest";

export const UPDATE_GOLDENS = process.env["UPDATE_GOLDENS"] === "1";

export function expectGolden(actual: string, path: string): void {
  const shown = relative(process.cwd(), path);
  if (UPDATE_GOLDENS) {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`missing golden ${shown}; create it with UPDATE_GOLDENS=1 and review it`);
  expect(actual, `golden ${shown} differs (UPDATE_GOLDENS=1 to accept)`).toBe(readFileSync(path, "utf8"));
}
