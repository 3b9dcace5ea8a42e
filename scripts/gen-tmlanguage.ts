/**
 * Writes the built-in names from the registry into the TextMate grammar's `builtins` rule, so
 * `words`, `first_line` and infix `starts_with` highlight as built-ins without a call.
 * test/editors/grammar.test.ts fails when the committed grammar is stale.
 *
 *   npx tsx scripts/gen-tmlanguage.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BUILTINS } from "../src/language/builtins/registry.js";

export const GRAMMAR_FILE = fileURLToPath(new URL("../editors/vscode/syntaxes/contract.tmLanguage.json", import.meta.url));

/** The grammar text with the current built-in names. */
export function renderGrammar(current: string): string {
  const grammar = JSON.parse(current) as { repository: Record<string, unknown> };
  const names = [...BUILTINS.map((b) => b.name)].sort((a, b) => b.length - a.length || a.localeCompare(b));
  grammar.repository["builtins"] = { match: `\\b(?:${names.join("|")})\\b`, name: "support.function.builtin.contract" };
  return `${JSON.stringify(grammar, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(GRAMMAR_FILE, renderGrammar(readFileSync(GRAMMAR_FILE, "utf8")));
}
