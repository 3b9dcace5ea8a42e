import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic, Severity } from "../../../src/language/diagnostics/types.js";
import {
  applyConfig,
  defaultConfig,
  findConfig,
  isIgnored,
  loadConfig,
  loadConfigFor,
  parseConfig,
  type LintConfig,
} from "../../../src/language/lint/config.js";
import { compileGlob, isPathIgnored } from "../../../src/language/lint/glob.js";

const FILE = "hir.config.json";

function at(d: Diagnostic | undefined): string {
  return d ? `${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column}` : "none";
}

describe("parseConfig", () => {
  it("accepts a valid file, normalizing rule keys to codes", () => {
    const r = parseConfig(
      JSON.stringify({
        $schema: "x",
        rules: { "unused-input": "off", HIR7002: "error", hir9008: "warning" },
        ignore: ["generated/**"],
      }),
      FILE,
      "/repo",
    );
    expect(r.diagnostics).toEqual([]);
    expect([...r.config.rules]).toEqual([
      ["HIR9001", "off"],
      ["HIR7002", "error"],
      ["HIR9008", "warning"],
    ]);
    expect(r.config.ignore).toEqual(["generated/**"]);
    expect(r.config.file).toBe(FILE);
    expect(r.config.baseDir).toBe("/repo");
  });

  it("accepts an empty object", () => {
    expect(parseConfig("{}", FILE).diagnostics).toEqual([]);
  });

  it("reports invalid JSON at the error position and falls back to defaults", () => {
    const r = parseConfig('{\n  "rules": {\n    "unused-input": "off",\n  }\n}', FILE, "/repo");
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(d?.code).toBe("HIR9009");
    expect(d?.rule).toBe("config-error");
    expect(d?.severity).toBe("error");
    expect(d?.file).toBe(FILE);
    expect(d?.message).toMatch(/not valid JSON: Trailing commas/);
    expect(at(d)).toBe("4:3-4:4");
    expect(r.config.rules.size).toBe(0);
  });

  it("reports unknown rules at their key, with did-you-mean, and keeps the other entries", () => {
    const text = '{\n  "rules": {\n    "unsued-input": "off",\n    "always-true": "error"\n  }\n}';
    const r = parseConfig(text, FILE);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(d?.message).toBe("Unknown rule `unsued-input`. Did you mean `unused-input`?");
    expect(at(d)).toBe("3:5-3:19");
    expect([...r.config.rules]).toEqual([["HIR7005", "error"]]);
  });

  it("treats rule ids as case-sensitive and codes as case-insensitive", () => {
    const r = parseConfig('{"rules": {"Unused-Input": "off", "hir9001": "info"}}', FILE);
    expect(r.diagnostics.map((d) => d.message)).toEqual(["Unknown rule `Unused-Input`. Did you mean `unused-input`?"]);
    expect(r.config.rules.get("HIR9001")).toBe("info");
  });

  it("reports invalid levels at the value", () => {
    const text = '{ "rules": { "unused-input": "fatal" } }';
    const r = parseConfig(text, FILE);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]?.message).toMatch(/^`rules\.unused-input` must be one of "error", "warning", "info", "off"\.$/);
    expect(r.diagnostics[0]?.range.start.offset).toBe(text.indexOf('"fatal"'));
    expect(r.config.rules.size).toBe(0);
  });

  it("reports unknown top-level fields with did-you-mean", () => {
    const text = '{\n  "rulez": {}\n}';
    const r = parseConfig(text, FILE);
    expect(r.diagnostics.map((d) => d.message)).toEqual(["Unknown field `rulez` in the lint configuration. Did you mean `rules`?"]);
    expect(at(r.diagnostics[0])).toBe("2:3-2:10");
  });

  it("reports wrong types for fields and array elements", () => {
    const text = '{ "rules": [], "ignore": ["ok/**", 3], "$schema": 1 }';
    const r = parseConfig(text, FILE);
    const messages = r.diagnostics.map((d) => d.message);
    expect(messages).toContain("`rules` must be an object mapping rule ids or codes to a level.");
    expect(messages).toContain("`ignore[1]` must be a string.");
    expect(messages).toContain("`$schema` must be a string.");
    const ignoreDiag = r.diagnostics.find((d) => d.message.startsWith("`ignore[1]`"));
    expect(ignoreDiag?.range.start.offset).toBe(text.indexOf("3]"));
    expect(r.config.ignore).toEqual(["ok/**"]);
  });

  it("refuses to change non-configurable rules but allows restating their default", () => {
    const r = parseConfig('{ "rules": { "syntax-error": "off", "HIR4001": "warning", "invalid-escape": "error" } }', FILE);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "Rule `syntax-error` (HIR1001) cannot be configured: it is always an error.",
      "Rule `import-not-found` (HIR4001) cannot be configured: it is always an error.",
    ]);
    expect([...r.config.rules]).toEqual([["HIR1003", "error"]]);
  });

  it("reports duplicate keys and a rule configured twice under two names", () => {
    const r = parseConfig('{ "rules": { "unused-input": "off", "unused-input": "info", "HIR9001": "error" } }', FILE);
    const messages = r.diagnostics.map((d) => d.message);
    expect(messages.some((m) => m.includes("is set more than once"))).toBe(true);
    expect(messages.some((m) => m.includes("configures the same rule as `unused-input`"))).toBe(true);
    expect(r.config.rules.get("HIR9001")).toBe("error");
  });

  it("rejects a non-object root and bad ignore patterns", () => {
    expect(parseConfig("[]", FILE).diagnostics[0]?.message).toBe("hir.config.json must contain a JSON object.");
    const r = parseConfig('{ "ignore": ["", "a/**", "bad\\\\"] }', FILE);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "`ignore[0]`: An ignore pattern must not be empty.",
      "`ignore[2]`: An ignore pattern must not end with a backslash.",
    ]);
    expect(r.config.ignore).toEqual(["a/**"]);
  });

  it("every diagnostic is a config-error with a hint", () => {
    const r = parseConfig('{ "rulez": 1, "rules": { "nope": "off", "unused-input": 3 } }', FILE);
    expect(r.diagnostics.length).toBe(3);
    for (const d of r.diagnostics) {
      expect(d.code).toBe("HIR9009");
      expect(d.hint).toBeTruthy();
    }
  });
});

describe("files", () => {
  const root = mkdtempSync(join(tmpdir(), "hir-config-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("findConfig walks up and prefers hir.config.json", () => {
    const deep = join(root, "a", "b", "c");
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(root, "a", ".hirrc.json"), "{}");
    expect(findConfig(deep)).toBe(join(root, "a", ".hirrc.json"));
    writeFileSync(join(root, "a", "b", "hir.config.json"), "{}");
    writeFileSync(join(root, "a", "b", ".hirrc.json"), "{}");
    expect(findConfig(deep)).toBe(join(root, "a", "b", "hir.config.json"));
    // a directory named like a config file is not a config file
    mkdirSync(join(deep, "hir.config.json"));
    expect(findConfig(deep)).toBe(join(root, "a", "b", "hir.config.json"));
  });

  it("findConfig returns undefined when there is none up to the root", () => {
    const lonely = mkdtempSync(join(tmpdir(), "hir-none-"));
    try {
      const found = findConfig(lonely);
      // An unrelated config above the temp dir would be found legitimately; it must not be inside it.
      expect(found === undefined || !found.startsWith(lonely)).toBe(true);
    } finally {
      rmSync(lonely, { recursive: true, force: true });
    }
  });

  it("loadConfig never throws", () => {
    const missing = loadConfig(join(root, "missing.json"), { displayPath: "missing.json" });
    expect(missing.diagnostics[0]?.code).toBe("HIR9009");
    expect(missing.diagnostics[0]?.message).toBe("Cannot read the lint configuration missing.json (ENOENT).");
    const dir = loadConfig(root);
    expect(dir.diagnostics[0]?.code).toBe("HIR9009");
  });

  it("loadConfigFor finds, loads and names the file relative to cwd; ignore is relative to the config", () => {
    const project = join(root, "proj");
    mkdirSync(join(project, "specs", "generated"), { recursive: true });
    writeFileSync(join(project, "hir.config.json"), '{ "ignore": ["specs/generated/**"], "rules": { "nope": "off" } }');
    const r = loadConfigFor(join(project, "specs"), project);
    expect(r.config.file).toBe("hir.config.json");
    expect(r.diagnostics[0]?.file).toBe("hir.config.json");
    expect(r.config.baseDir).toBe(project);
    expect(isIgnored("specs/generated/x.contract", r.config, project)).toBe(true);
    expect(isIgnored("generated/x.contract", r.config, join(project, "specs"))).toBe(true);
    expect(isIgnored("specs/x.contract", r.config, project)).toBe(false);
    expect(loadConfigFor(join(root, "a", "b", "c"), root).config.file).toBe("a/b/hir.config.json");
  });
});

describe("applyConfig", () => {
  function d(code: string, rule: string, severity: Severity): Diagnostic {
    return {
      code,
      rule,
      severity,
      file: "a.contract",
      range: { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } },
      message: "m",
    };
  }
  const config: LintConfig = {
    ...defaultConfig("/"),
    rules: new Map([
      ["HIR9001", "off"],
      ["HIR7002", "error"],
      ["HIR1001", "off"], // cannot happen via parseConfig; applyConfig must still refuse
    ]),
  };

  it("drops off rules, changes severities, leaves the rest and non-configurable rules alone", () => {
    const input = [
      d("HIR9001", "unused-input", "warning"),
      d("HIR7002", "clause-check-mismatch", "warning"),
      d("HIR2002", "unknown-input", "error"),
      d("HIR1001", "syntax-error", "error"),
      d("HIR0000", "not-in-catalog", "info"),
    ];
    const out = applyConfig(input, config);
    expect(out.map((x) => [x.code, x.severity])).toEqual([
      ["HIR7002", "error"],
      ["HIR2002", "error"],
      ["HIR1001", "error"],
      ["HIR0000", "info"],
    ]);
    expect(out[1]).toBe(input[2]); // untouched diagnostics are the same objects
    expect(input[1]?.severity).toBe("warning"); // inputs are not mutated
  });
});

describe("ignore globs", () => {
  const ignored = (path: string, ...patterns: string[]): boolean => isPathIgnored(path, patterns.map(compileGlob));

  it("anchors patterns with a slash, matches bare names at any depth", () => {
    expect(ignored("generated/a.contract", "generated/**")).toBe(true);
    expect(ignored("specs/generated/a.contract", "generated/**")).toBe(false);
    expect(ignored("specs/generated/a.contract", "generated")).toBe(true);
    expect(ignored("a/b/x.draft.contract", "*.draft.contract")).toBe(true);
    expect(ignored("a/b/x.contract", "*.draft.contract")).toBe(false);
    expect(ignored("legacy/x.contract", "/legacy")).toBe(true);
    expect(ignored("specs/legacy/x.contract", "/legacy")).toBe(false);
    expect(ignored("vendor/x/y.contract", "vendor/")).toBe(true);
  });

  it("supports **, ?, classes, braces and escapes", () => {
    expect(ignored("a/x/y/z.contract", "a/**/z.contract")).toBe(true);
    expect(ignored("a/z.contract", "a/**/z.contract")).toBe(true);
    expect(ignored("a/b.contract", "a/?.contract")).toBe(true);
    expect(ignored("a/bb.contract", "a/?.contract")).toBe(false);
    expect(ignored("t1.contract", "t[0-9].contract")).toBe(true);
    expect(ignored("tx.contract", "t[!0-9].contract")).toBe(true);
    expect(ignored("t1.contract", "t[!0-9].contract")).toBe(false);
    expect(ignored("a.json", "*.{json,yaml}")).toBe(true);
    expect(ignored("a.yaml", "*.{json,yaml}")).toBe(true);
    expect(ignored("a.toml", "*.{json,yaml}")).toBe(false);
    expect(ignored("a*b.contract", "a\\*b.contract")).toBe(true);
    expect(ignored("axb.contract", "a\\*b.contract")).toBe(false);
    expect(ignored("a.b", "a.b")).toBe(true);
    expect(ignored("axb", "a.b")).toBe(false);
  });

  it("negation re-includes; the last match wins", () => {
    expect(ignored("generated/keep.contract", "generated/**", "!generated/keep.contract")).toBe(false);
    expect(ignored("generated/other.contract", "generated/**", "!generated/keep.contract")).toBe(true);
  });

  it("never ignores paths outside the config directory", () => {
    expect(ignored("../x.contract", "**")).toBe(false);
    expect(ignored("x.contract", "**")).toBe(true);
  });
});
