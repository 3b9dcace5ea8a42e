/**
 * docs/diagnostics.md must match the catalog. If this fails after a catalog change, run
 *
 *   npx tsx scripts/gen-diagnostics-doc.ts
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CATALOG, CATALOG_ENTRIES, DIAGNOSTICS_DOC, docsUrl, findCatalogEntry } from "../../../src/language/diagnostics/catalog.js";
import { githubAnchor, renderDiagnosticsDoc, sectionHeading } from "../../../src/language/report/diagnostics-doc.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const DOC_PATH = join(ROOT, "docs", "diagnostics.md");

describe("docs/diagnostics.md", () => {
  const generated = renderDiagnosticsDoc();

  it("is up to date with the catalog (regenerate: npx tsx scripts/gen-diagnostics-doc.ts)", () => {
    expect(readFileSync(DOC_PATH, "utf8")).toBe(generated);
  });

  it("has one section per code whose anchor is the docsUrl fragment", () => {
    const headings = [...generated.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1] ?? "");
    const anchors = headings.map(githubAnchor);
    expect(new Set(anchors).size).toBe(anchors.length);
    for (const e of CATALOG_ENTRIES) {
      const url = docsUrl(e);
      expect(url.startsWith(`${DIAGNOSTICS_DOC}#`)).toBe(true);
      const fragment = url.slice(DIAGNOSTICS_DOC.length + 1);
      expect(headings).toContain(sectionHeading(e));
      expect(githubAnchor(sectionHeading(e))).toBe(fragment);
      expect(anchors.filter((a) => a === fragment)).toHaveLength(1);
    }
  });

  it("every in-page link points at a heading", () => {
    const anchors = new Set([...generated.matchAll(/^#{1,6} (.+)$/gm)].map((m) => githubAnchor(m[1] ?? "")));
    for (const m of generated.matchAll(/\]\(#([^)]+)\)/g)) expect(anchors).toContain(m[1]);
  });

  it("includes title, category, severity, configurability, doc and example of each code", () => {
    for (const e of CATALOG_ENTRIES) {
      const start = generated.indexOf(`### ${sectionHeading(e)}\n`);
      const next = generated.indexOf("\n### ", start + 1);
      const section = generated.slice(start, next === -1 ? undefined : next);
      expect(section).toContain(`**${e.title}**`);
      expect(section).toContain(`Category: ${e.category}`);
      expect(section).toContain(`Default severity: ${e.severity}`);
      expect(section).toContain(`Configurable: ${e.configurable ? "yes" : "no"}`);
      expect(section).toContain(e.doc);
      if (e.example !== undefined) expect(section).toContain(`\`\`\`contract\n${e.example}\n\`\`\``);
    }
  });

  it("computes GitHub anchors like GitHub", () => {
    expect(githubAnchor("HIR2002 unknown-input")).toBe("hir2002-unknown-input");
    expect(githubAnchor("Category: syntax (1xxx)")).toBe("category-syntax-1xxx");
  });
});

describe("catalog", () => {
  const FIRST_DIGIT: Record<string, string> = {
    syntax: "1",
    names: "2",
    types: "3",
    imports: "4",
    dependencies: "5",
    replay: "6",
    meaning: "7",
    regex: "8",
    hygiene: "9",
  };

  it("codes are well-formed, unique and numbered by category", () => {
    const codes = CATALOG_ENTRIES.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of CATALOG_ENTRIES) {
      expect(e.code).toMatch(/^HIR[1-9]\d{3}$/);
      expect(e.code[3], `${e.code} should start with the ${e.category} digit`).toBe(FIRST_DIGIT[e.category]);
    }
  });

  it("rule ids are kebab-case, unique and distinct from codes", () => {
    const rules = CATALOG_ENTRIES.map((e) => e.rule);
    expect(new Set(rules).size).toBe(rules.length);
    for (const e of CATALOG_ENTRIES) {
      expect(e.rule).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
      expect(findCatalogEntry(e.rule)).toBe(e);
      expect(findCatalogEntry(e.code)).toBe(e);
    }
  });

  it("entries have a one-line title and a doc", () => {
    for (const e of CATALOG_ENTRIES) {
      expect(e.title.trim().length, e.code).toBeGreaterThan(0);
      expect(e.title, e.code).not.toMatch(/\n/);
      expect(e.doc.trim().length, e.code).toBeGreaterThan(0);
      expect(["error", "warning", "info"]).toContain(e.severity);
    }
  });

  it("syntax errors and config errors are not configurable", () => {
    for (const e of CATALOG_ENTRIES.filter((x) => x.category === "syntax")) expect(e.configurable, e.code).toBe(false);
    expect(CATALOG.configError.configurable).toBe(false);
  });
});
