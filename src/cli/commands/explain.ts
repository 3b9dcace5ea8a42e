/** `hir explain <code|rule>`: the catalog entry of a diagnostic, for the terminal. */
import type { Command } from "commander";
import { CATALOG_ENTRIES, docsUrl, findCatalogEntry } from "../../language/diagnostics/catalog.js";
import { didYouMean } from "../../language/suggest.js";
import { EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";

export function explainCommand(io: CliIO, name: string): number {
  const e = findCatalogEntry(name) ?? findCatalogEntry(name.toUpperCase());
  if (!e) {
    const guess = didYouMean(name, CATALOG_ENTRIES.flatMap((x) => [x.code, x.rule]));
    io.stderr(`hir explain: no diagnostic "${name}"${guess ? `; did you mean "${guess}"?` : ""}\n`);
    return EXIT_USAGE;
  }
  const lines = [
    `${e.code} ${e.rule} (${e.category}, ${e.severity} by default${e.configurable ? "" : ", not configurable"})`,
    "",
    e.title,
    "",
    e.doc,
  ];
  if (e.example) lines.push("", "Example:", ...e.example.split("\n").map((l) => `    ${l}`));
  lines.push("", docsUrl(e), "");
  io.stdout(lines.join("\n"));
  return EXIT_OK;
}

export function registerExplainCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("explain")
    .description("explain a diagnostic code or rule id (e.g. HIR2002 or unknown-input)")
    .argument("<code>")
    .action((code: string) => setExit(explainCommand(io, code)));
}
