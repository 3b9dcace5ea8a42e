/**
 * SARIF 2.1.0 output (for GitHub code scanning and other SARIF viewers).
 *
 * - `tool.driver.rules` lists the whole catalog, in catalog order, so `ruleIndex` is stable
 *   across runs; `id` is the code (HIR2002), `name` the rule id (unknown-input).
 * - Columns are UTF-16 code units (`columnKind: "utf16CodeUnits"`), which is what the
 *   diagnostic model counts; `endColumn` is exclusive, as SARIF defines it.
 * - File paths become relative URI references (forward slashes, percent-encoded) against
 *   `%SRCROOT%`; absolute paths become `file://` URIs without a base.
 */
import { CATALOG_ENTRIES, docsUrl, type CatalogEntry } from "../diagnostics/catalog.js";
import type { Diagnostic, Range, Severity } from "../diagnostics/types.js";
import { sortDiagnostics } from "./summary.js";
import {
  TOOL_NAME,
  type RenderOptions,
  type ReportInput,
  type ReportOutput,
  type Reporter,
} from "./types.js";

export const SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
export const SARIF_VERSION = "2.1.0";
export const SRCROOT = "%SRCROOT%";

export type SarifLevel = "error" | "warning" | "note";

export function sarifLevel(s: Severity): SarifLevel {
  return s === "error" ? "error" : s === "warning" ? "warning" : "note";
}

export interface SarifRegion {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly charOffset: number;
  readonly charLength: number;
}

export interface SarifArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

export interface SarifLocation {
  readonly id?: number;
  readonly physicalLocation: { readonly artifactLocation: SarifArtifactLocation; readonly region: SarifRegion };
  readonly message?: { readonly text: string };
}

export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly help: { readonly text: string };
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: { readonly category: string; readonly configurable: boolean; readonly tags: readonly string[] };
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex?: number;
  readonly level: SarifLevel;
  readonly message: { readonly text: string };
  readonly locations: readonly SarifLocation[];
  readonly relatedLocations?: readonly SarifLocation[];
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: typeof SARIF_VERSION;
  readonly runs: ReadonlyArray<{
    readonly tool: {
      readonly driver: {
        readonly name: string;
        readonly version: string;
        readonly semanticVersion?: string;
        readonly rules: readonly SarifRule[];
      };
    };
    readonly columnKind: "utf16CodeUnits";
    readonly results: readonly SarifResult[];
  }>;
}

/** Converts a path as the user named it into a SARIF artifact location. */
export function artifactLocation(file: string): SarifArtifactLocation {
  const slashed = file.replace(/\\/g, "/");
  const drive = /^([A-Za-z]):\//.exec(slashed);
  if (drive || slashed.startsWith("/")) {
    const rest = drive ? slashed.slice(2) : slashed;
    const prefix = drive ? `file:///${drive[1]}:` : "file://";
    return { uri: `${prefix}${encodeSegments(rest)}` };
  }
  const relative = slashed.replace(/^(\.\/)+/, "");
  return { uri: encodeSegments(relative), uriBaseId: SRCROOT };
}

function encodeSegments(path: string): string {
  return path
    .split("/")
    .map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join("/");
}

export function sarifRegion(range: Range): SarifRegion {
  const startColumn = Math.max(1, range.start.column);
  const endLine = Math.max(range.end.line, range.start.line);
  const endColumn = Math.max(1, endLine === range.start.line ? Math.max(range.end.column, startColumn) : range.end.column);
  return {
    startLine: Math.max(1, range.start.line),
    startColumn,
    endLine: Math.max(1, endLine),
    endColumn,
    charOffset: Math.max(0, range.start.offset),
    charLength: Math.max(0, range.end.offset - range.start.offset),
  };
}

function ruleFor(e: CatalogEntry): SarifRule {
  return {
    id: e.code,
    name: e.rule,
    shortDescription: { text: e.title },
    fullDescription: { text: e.doc },
    help: { text: `${e.doc}\n\nSee ${docsUrl(e)} in the hindsight package.` },
    defaultConfiguration: { level: sarifLevel(e.severity) },
    properties: { category: e.category, configurable: e.configurable, tags: [e.category] },
  };
}

function resultFor(d: Diagnostic, ruleIndex: ReadonlyMap<string, number>): SarifResult {
  const index = ruleIndex.get(d.code);
  const text = d.hint ? `${d.message}\nhint: ${d.hint}` : d.message;
  const result: { -readonly [K in keyof SarifResult]: SarifResult[K] } = {
    ruleId: d.code,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: sarifLevel(d.severity),
    message: { text },
    locations: [
      { physicalLocation: { artifactLocation: artifactLocation(d.file), region: sarifRegion(d.range) } },
    ],
  };
  const related = d.related ?? [];
  if (related.length > 0) {
    result.relatedLocations = related.map((r, i) => ({
      id: i + 1,
      physicalLocation: { artifactLocation: artifactLocation(r.file), region: sarifRegion(r.range) },
      message: { text: r.message },
    }));
  }
  return result;
}

export function buildSarifLog(input: ReportInput): SarifLog {
  const ruleIndex = new Map<string, number>();
  CATALOG_ENTRIES.forEach((e, i) => ruleIndex.set(e.code, i));
  const semver = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(input.toolVersion);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: input.toolVersion,
            ...(semver ? { semanticVersion: input.toolVersion } : {}),
            rules: CATALOG_ENTRIES.map(ruleFor),
          },
        },
        columnKind: "utf16CodeUnits",
        results: sortDiagnostics(input.diagnostics).map((d) => resultFor(d, ruleIndex)),
      },
    ],
  };
}

export const sarifReporter: Reporter = {
  name: "sarif",
  render(input: ReportInput, _options: RenderOptions): ReportOutput {
    return { stdout: `${JSON.stringify(buildSarifLog(input), null, 2)}\n` };
  },
};
