/**
 * Golden-file helper. `expectGolden(path, actual)` compares with the file's contents; when
 * the environment has UPDATE_GOLDENS=1 it (re)writes the file instead:
 *
 *   UPDATE_GOLDENS=1 npx vitest run test/language/report
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { expect } from "vitest";

export const UPDATING = process.env.UPDATE_GOLDENS === "1";

export function expectGolden(path: string, actual: string): void {
  if (UPDATING) {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`missing golden file ${relative(process.cwd(), path)}; create it with UPDATE_GOLDENS=1 npx vitest run test/language/report`);
  }
  expect(actual, `${relative(process.cwd(), path)} differs (UPDATE_GOLDENS=1 to accept)`).toBe(readFileSync(path, "utf8"));
}
