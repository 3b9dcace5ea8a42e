/**
 * The rule-tester: every code in the diagnostics catalog has an example, and `hir lint` on
 * that example reports exactly that code (no other code, at least once); see NOT_EMITTED
 * for the one documented code nothing emits yet. The examples are
 * what docs/diagnostics.md shows, so the documentation cannot drift from the checker.
 *
 * An example that declares nothing at top level (no `contract`, `constraints` or `import`
 * line) is a list of members, placed in SKELETON. Otherwise it is the text of
 * `example.contract`, and a line `// file: NAME` starts another file of the example project
 * (an imported file, `hir.config.json`, or `../NAME` just outside the project). The project is a temporary folder with a package.json, linted in-process through
 * the CLI (`hir lint --format json`), so imports, project confinement and config loading are
 * the real ones.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { memoryIO } from "../../../src/cli/io.js";
import { run } from "../../../src/cli/main.js";
import { CATALOG, CATALOG_ENTRIES, type CatalogEntry } from "../../../src/language/diagnostics/catalog.js";
import { REPO_ROOT } from "../../helpers/repo.js";

/**
 * Codes documented in the catalog that no check emits yet: their examples show what they are
 * meant to catch, and the test below fails as soon as something emits them. Empty: every
 * code is emitted.
 */
const NOT_EMITTED: string[] = [];
const EMITTED = CATALOG_ENTRIES.filter((e) => !NOT_EMITTED.includes(e.code));

/** Files under src/ (other than the catalog) whose text contains `needle` (checks report `CATALOG.key`). */
function sourcesMentioning(needle: string): string[] {
  return readdirSync(join(REPO_ROOT, "src"), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && e.name !== "catalog.ts")
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => readFileSync(f, "utf8").includes(needle));
}

const FILE_MARKER = /^\/\/ file: (\S+)$/;
const MAIN = "example.contract";

/** The contract a member example is placed in (after its task, so the example can refer to `brief`). */
const SKELETON = (members: string): string =>
  `contract A {\n  prompt "Write."\n  task brief "Be brief." check words < 100\n${members.replace(/^/gm, "  ")}\n}`;

/** Splits an example into its files: the first is example.contract, `// file: NAME` starts the next. */
export function exampleFiles(example: string): Map<string, string> {
  if (!/^(contract|constraints|import)\b/m.test(example)) example = SKELETON(example);
  const files = new Map<string, string[]>([[MAIN, []]]);
  let current = files.get(MAIN)!;
  for (const line of example.split("\n")) {
    const marker = FILE_MARKER.exec(line);
    if (marker) {
      current = [];
      files.set(marker[1]!, current);
    } else {
      current.push(line);
    }
  }
  return new Map([...files].map(([name, lines]) => [name, `${lines.join("\n")}\n`]));
}

const scratch = mkdtempSync(join(tmpdir(), "hir-catalog-examples-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The distinct codes `hir lint` reports on the example's project. */
async function codesOf(entry: CatalogEntry, example: string): Promise<string[]> {
  const project = join(scratch, entry.code, "project");
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, "package.json"), "{}\n");
  const linted: string[] = [];
  for (const [name, text] of exampleFiles(example)) {
    const path = join(project, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    if (name.endsWith(".contract") && !name.startsWith("../")) linted.push(name);
  }
  const io = memoryIO({ cwd: project, env: { NO_COLOR: "1" } });
  await run(["lint", "--format", "json", ...linted], io);
  const report = JSON.parse(io.out) as { diagnostics: { code: string }[] };
  return [...new Set(report.diagnostics.map((d) => d.code))].sort();
}

describe("the catalog's examples (rule-tester)", () => {
  it("covers every code", () => {
    expect(CATALOG_ENTRIES.length).toBeGreaterThanOrEqual(60);
    expect(EMITTED.length + NOT_EMITTED.length).toBe(CATALOG_ENTRIES.length);
    expect(CATALOG_ENTRIES.filter((e) => e.example === undefined).map((e) => e.code)).toEqual([]);
  });

  it.each(EMITTED.map((e) => [e.code, e.rule, e] as const))("%s %s: its example reports exactly that code", async (code, _rule, entry) => {
    expect(entry.example, `${code} has no example`).toBeDefined();
    expect(await codesOf(entry, entry.example ?? "")).toEqual([code]);
  });

  it.skipIf(NOT_EMITTED.length === 0).each(NOT_EMITTED)("%s is in the catalog but no code emits it yet (its example reports nothing)", async (code) => {
    const entry = CATALOG_ENTRIES.find((e) => e.code === code)!;
    const key = Object.entries(CATALOG).find(([, e]) => e.code === code)?.[0];
    expect(await codesOf(entry, entry.example ?? "")).toEqual([]);
    // When a check starts emitting it, this list must shrink (and the test above covers it).
    expect(key).toBeDefined();
    expect(sourcesMentioning(key ?? code)).toEqual([]);
  });

  it("the tester can fail: an example with a different code, or none, is reported", async () => {
    const entry = CATALOG_ENTRIES.find((e) => e.code === "HIR3003")!;
    expect(await codesOf(entry, `contract A {\n  prompt "x"\n  task a "A." check words == "three"\n}`)).toEqual(["HIR3001"]);
    expect(await codesOf(entry, `contract A {\n  prompt "x"\n  task a "Be brief." check words < 30\n}`)).toEqual([]);
  });

  it("places a member example in the skeleton contract", () => {
    expect(exampleFiles("input audience: text").get(MAIN)).toBe(SKELETON("input audience: text") + "\n");
    expect(exampleFiles("contract B {}").get(MAIN)).toBe("contract B {}\n");
  });

  it("splits an example into files", () => {
    expect([...exampleFiles('import "p.contract"\n// file: p.contract\nconstraints P {}')]).toEqual([
      [MAIN, 'import "p.contract"\n'],
      ["p.contract", "constraints P {}\n"],
    ]);
  });
});
