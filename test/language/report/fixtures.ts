import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "../../../src/language/diagnostics/types.js";
import type { ReportInput } from "../../../src/language/report/types.js";

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

interface FixtureFile {
  toolVersion: string;
  filesChecked: number;
  sources: Record<string, string>;
  diagnostics: Diagnostic[];
}

/** Fixture names: every `<name>.input.json` in fixtures/. */
export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith(".input.json"))
    .map((f) => f.slice(0, -".input.json".length))
    .sort();
}

export function loadFixture(name: string): ReportInput {
  const raw = JSON.parse(readFileSync(join(FIXTURES_DIR, `${name}.input.json`), "utf8")) as FixtureFile;
  return {
    toolVersion: raw.toolVersion,
    filesChecked: raw.filesChecked,
    sources: new Map(Object.entries(raw.sources)),
    diagnostics: raw.diagnostics,
  };
}
