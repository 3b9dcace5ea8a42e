/**
 * Golden tests for the four reporters.
 *
 * Each fixtures/<name>.input.json (diagnostics + sources + counts) is rendered by every
 * reporter and compared with the expected files next to it:
 *
 *   <name>.pretty.txt    pretty, no color
 *   <name>.json          json
 *   <name>.github.txt    github stdout (workflow commands)
 *   <name>.summary.md    github step summary
 *   <name>.sarif.json    sarif, normalized (see below)
 *
 * To regenerate the expected files after an intended change, run (and review the diff):
 *
 *   UPDATE_GOLDENS=1 npx vitest run test/language/report
 *
 * The SARIF golden is normalized so that adding catalog entries does not churn it: `rules`
 * keeps only the rules the results refer to, and `ruleIndex` is dropped. sarif.test.ts checks
 * the full rule list and that every ruleIndex points at its rule.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LineIndex } from "../../../src/language/line-index.js";
import { getReporter } from "../../../src/language/report/index.js";
import type { SarifLog, SarifRule } from "../../../src/language/report/sarif.js";
import { FIXTURES_DIR, fixtureNames, loadFixture } from "./fixtures.js";
import { expectGolden } from "../../helpers/golden.js";

function normalizeSarif(text: string): string {
  const log = JSON.parse(text) as SarifLog;
  const run = log.runs[0];
  if (!run) throw new Error("no run");
  const all = run.tool.driver.rules;
  const used = new Set(run.results.map((r) => r.ruleId));
  const rules: SarifRule[] = all.filter((r) => used.has(r.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const results = run.results.map(({ ruleIndex: _drop, ...rest }) => rest);
  const normalized = { ...log, runs: [{ ...run, tool: { driver: { ...run.tool.driver, rules } }, results }] };
  return `${JSON.stringify(normalized, null, 2)}\n`;
}

const names = fixtureNames();

describe("reporter goldens", () => {
  it("has fixtures", () => {
    expect(names).toContain("mixed");
    expect(names).toContain("clean");
  });

  for (const name of names) {
    describe(name, () => {
      const input = loadFixture(name);
      const path = (ext: string): string => join(FIXTURES_DIR, `${name}.${ext}`);

      it("fixture ranges agree with the sources (offset <-> line/column)", () => {
        for (const d of input.diagnostics) {
          const locations = [{ file: d.file, range: d.range }, ...(d.related ?? [])];
          for (const loc of locations) {
            const text = input.sources.get(loc.file);
            if (text === undefined) continue;
            const index = new LineIndex(text);
            expect(index.position(loc.range.start.offset)).toEqual(loc.range.start);
            expect(index.position(loc.range.end.offset)).toEqual(loc.range.end);
          }
        }
      });

      it("pretty", () => {
        expectGolden(getReporter("pretty").render(input, { color: false }).stdout, path("pretty.txt"));
      });

      it("json", () => {
        expectGolden(getReporter("json").render(input, { color: false }).stdout, path("json"));
      });

      it("github", () => {
        const out = getReporter("github").render(input, { color: false });
        expectGolden(out.stdout, path("github.txt"));
        expectGolden(out.stepSummary ?? "", path("summary.md"));
      });

      it("sarif", () => {
        expectGolden(normalizeSarif(getReporter("sarif").render(input, { color: false }).stdout), path("sarif.json"));
      });

      it("is deterministic: input order does not matter", () => {
        const reversed = { ...input, diagnostics: [...input.diagnostics].reverse() };
        for (const format of ["pretty", "json", "github", "sarif"] as const) {
          const a = getReporter(format).render(input, { color: true });
          const b = getReporter(format).render(reversed, { color: true });
          expect(b).toEqual(a);
        }
      });
    });
  }
});
