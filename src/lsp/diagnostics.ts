/**
 * Diagnostics as the editor shows them: the same list `hir lint` prints, with the catalog's
 * code, a link to its section of docs/diagnostics.md, related locations and tags.
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic as LspDiagnostic } from "vscode-languageserver";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ownPackage } from "../common/package-root.js";
import { DIAGNOSTICS_DOC, docsAnchor, findCatalogEntry, type CatalogEntry } from "../language/diagnostics/catalog.js";
import type { Diagnostic, Severity } from "../language/diagnostics/types.js";
import type { PathMapper } from "./convert.js";
import { toLspRange } from "./convert.js";

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Rules whose subject is dead weight: editors fade the text instead of underlining it. */
const UNNECESSARY = new Set(["unused-input", "unused-import", "unused-constraint-set", "unused-suppression", "redundant-dependency", "duplicate-import"]);

export function toLspDiagnostic(d: Diagnostic, paths: PathMapper): LspDiagnostic {
  const entry = findCatalogEntry(d.code);
  const out: LspDiagnostic = {
    range: toLspRange(d.range),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: "hir",
    message: d.hint ? `${d.message}\n${d.hint}` : d.message,
  };
  const href = entry ? docsHref(entry) : undefined;
  if (href) out.codeDescription = { href };
  // No catalog rule reports deprecated syntax yet; IFEval compatibility built-ins carry the
  // `deprecated` semantic-token modifier instead (see semantic-tokens.ts).
  if (UNNECESSARY.has(d.rule)) out.tags = [DiagnosticTag.Unnecessary];
  if (d.related) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: paths.toUri(r.file), range: toLspRange(r.range) }, message: r.message }));
  }
  // The fix travels with the diagnostic so a code action request can apply it without re-checking.
  out.data = { rule: d.rule, ...(d.fix ? { fix: { title: d.fix.title, range: toLspRange(d.fix.range), newText: d.fix.newText } } : {}) };
  return out;
}

/** Publishes per document after a quiet period, so a burst of keystrokes checks once. */
export class DebouncedPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly delayMs: number,
    private readonly publish: (uri: string) => void,
  ) {}

  schedule(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.publish(uri);
      }, this.delayMs),
    );
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }
}

/** docs/diagnostics.md of the installed package (src/common/package-root.ts), or undefined where it is not there. */
const installedDoc: string | undefined = (() => {
  const root = ownPackage()?.root;
  const candidate = root === undefined ? undefined : join(root, DIAGNOSTICS_DOC);
  return candidate !== undefined && existsSync(candidate) ? pathToFileURL(candidate).href : undefined;
})();

/** A file URL to the rule's section of the installed docs; none where the docs are not installed (a bundled server). */
function docsHref(e: CatalogEntry): string | undefined {
  return installedDoc === undefined ? undefined : `${installedDoc}#${docsAnchor(e)}`;
}
