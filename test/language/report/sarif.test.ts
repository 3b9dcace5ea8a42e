import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { CATALOG_ENTRIES, docsUrl } from "../../../src/language/diagnostics/catalog.js";
import type { Diagnostic } from "../../../src/language/diagnostics/types.js";
import { artifactLocation, buildSarifLog, sarifReporter, sarifRegion } from "../../../src/language/report/sarif.js";
import { loadFixture } from "./fixtures.js";

/**
 * A hand-written subset of the SARIF 2.1.0 JSON schema (no network): the required structure
 * and the constraints of the properties we emit, with the same names, types, enums and
 * minimums as the OASIS schema.
 */
const message = {
  type: "object",
  required: ["text"],
  properties: { text: { type: "string" }, markdown: { type: "string" }, id: { type: "string" } },
};
const multiformatMessageString = {
  type: "object",
  required: ["text"],
  properties: { text: { type: "string" }, markdown: { type: "string" } },
};
const level = { enum: ["none", "note", "warning", "error"] };
const region = {
  type: "object",
  properties: {
    startLine: { type: "integer", minimum: 1 },
    startColumn: { type: "integer", minimum: 1 },
    endLine: { type: "integer", minimum: 1 },
    endColumn: { type: "integer", minimum: 1 },
    charOffset: { type: "integer", minimum: -1 },
    charLength: { type: "integer", minimum: 0 },
  },
  additionalProperties: false,
};
const location = {
  type: "object",
  properties: {
    id: { type: "integer", minimum: -1 },
    physicalLocation: {
      type: "object",
      required: ["artifactLocation"],
      properties: {
        artifactLocation: {
          type: "object",
          required: ["uri"],
          properties: { uri: { type: "string", format: "uri-reference" }, uriBaseId: { type: "string" } },
          additionalProperties: false,
        },
        region,
      },
      additionalProperties: false,
    },
    message,
  },
  additionalProperties: false,
};
const sarifSubsetSchema = {
  type: "object",
  required: ["version", "runs"],
  properties: {
    $schema: { type: "string", format: "uri" },
    version: { const: "2.1.0" },
    runs: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["tool"],
        properties: {
          tool: {
            type: "object",
            required: ["driver"],
            properties: {
              driver: {
                type: "object",
                required: ["name"],
                properties: {
                  name: { type: "string" },
                  version: { type: "string" },
                  semanticVersion: { type: "string" },
                  informationUri: { type: "string", format: "uri" },
                  rules: {
                    type: "array",
                    uniqueItems: true,
                    items: {
                      type: "object",
                      required: ["id"],
                      properties: {
                        id: { type: "string" },
                        name: { type: "string" },
                        shortDescription: multiformatMessageString,
                        fullDescription: multiformatMessageString,
                        help: multiformatMessageString,
                        helpUri: { type: "string", format: "uri" },
                        defaultConfiguration: {
                          type: "object",
                          properties: { level, enabled: { type: "boolean" }, rank: { type: "number" } },
                          additionalProperties: false,
                        },
                        properties: { type: "object" },
                      },
                      additionalProperties: false,
                    },
                  },
                },
              },
            },
          },
          columnKind: { enum: ["utf16CodeUnits", "unicodeCodePoints"] },
          results: {
            type: "array",
            items: {
              type: "object",
              required: ["message"],
              properties: {
                ruleId: { type: "string" },
                ruleIndex: { type: "integer", minimum: -1 },
                level,
                message,
                locations: { type: "array", items: location },
                relatedLocations: { type: "array", uniqueItems: true, items: location },
              },
              additionalProperties: false,
            },
          },
        },
      },
    },
  },
};

/** Just enough of ajv-formats for the formats used above. */
function makeAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addFormat("uri", (s: string) => {
    try {
      return new URL(s).protocol.length > 1;
    } catch {
      return false;
    }
  });
  // RFC 3986 URI-reference: no spaces or characters outside the allowed set, '%' only as an escape.
  ajv.addFormat("uri-reference", (s: string) => /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$/.test(s));
  return ajv;
}

describe("sarif", () => {
  const input = loadFixture("mixed");
  const log = buildSarifLog(input);
  const run = log.runs[0];
  if (!run) throw new Error("no run");

  it("validates against the SARIF 2.1.0 subset schema", () => {
    const validate = makeAjv().compile(sarifSubsetSchema);
    const parsed: unknown = JSON.parse(sarifReporter.render(input, { color: false }).stdout);
    const ok = validate(parsed);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("the subset schema rejects broken output (sanity check of the test itself)", () => {
    const validate = makeAjv().compile(sarifSubsetSchema);
    const broken = JSON.parse(JSON.stringify(log)) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    const first = broken.runs[0]?.results[0];
    if (!first) throw new Error("no result");
    first.level = "info";
    expect(validate(broken)).toBe(false);
  });

  it("lists the whole catalog as rules, with docs links", () => {
    const rules = run.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(CATALOG_ENTRIES.map((e) => e.code));
    CATALOG_ENTRIES.forEach((e, i) => {
      const r = rules[i];
      expect(r?.name).toBe(e.rule);
      expect(r?.help.text).toContain(docsUrl(e));
      expect(r?.shortDescription.text).toBe(e.title);
      expect(r?.fullDescription.text).toBe(e.doc);
      expect(r?.properties.category).toBe(e.category);
      expect(r?.defaultConfiguration.level).toBe(e.severity === "info" ? "note" : e.severity);
    });
  });

  it("every result's ruleIndex points at its rule", () => {
    expect(run.results.length).toBe(input.diagnostics.length);
    for (const r of run.results) {
      expect(r.ruleIndex).toBeDefined();
      expect(run.tool.driver.rules[r.ruleIndex ?? -1]?.id).toBe(r.ruleId);
    }
  });

  it("omits ruleIndex for codes outside the catalog", () => {
    const d: Diagnostic = { ...(input.diagnostics[0] as Diagnostic), code: "HIR0000", rule: "made-up" };
    const r = buildSarifLog({ ...input, diagnostics: [d] }).runs[0]?.results[0];
    expect(r?.ruleId).toBe("HIR0000");
    expect(r && "ruleIndex" in r).toBe(false);
  });

  it("makes relative, percent-encoded URIs against %SRCROOT%", () => {
    expect(artifactLocation("specs/a.contract")).toEqual({ uri: "specs/a.contract", uriBaseId: "%SRCROOT%" });
    expect(artifactLocation("./specs\\policy sets\\a,b#1.contract")).toEqual({
      uri: "specs/policy%20sets/a%2Cb%231.contract",
      uriBaseId: "%SRCROOT%",
    });
    expect(artifactLocation("specs/café.contract").uri).toBe("specs/caf%C3%A9.contract");
    expect(artifactLocation("../shared/x.contract").uri).toBe("../shared/x.contract");
    expect(artifactLocation("/abs/x y.contract")).toEqual({ uri: "file:///abs/x%20y.contract" });
    expect(artifactLocation("C:\\abs\\x.contract")).toEqual({ uri: "file:///C:/abs/x.contract" });
  });

  it("writes full regions (end column exclusive, UTF-16 offsets)", () => {
    expect(
      sarifRegion({ start: { offset: 10, line: 2, column: 3 }, end: { offset: 25, line: 3, column: 4 } }),
    ).toEqual({ startLine: 2, startColumn: 3, endLine: 3, endColumn: 4, charOffset: 10, charLength: 15 });
    // zero-width range at end of file
    expect(sarifRegion({ start: { offset: 7, line: 3, column: 1 }, end: { offset: 7, line: 3, column: 1 } })).toEqual({
      startLine: 3,
      startColumn: 1,
      endLine: 3,
      endColumn: 1,
      charOffset: 7,
      charLength: 0,
    });
  });

  it("declares UTF-16 columns", () => {
    expect(run.columnKind).toBe("utf16CodeUnits");
  });
});
