/**
 * Tokenizes contract source with the extension's TextMate grammar through vscode-textmate and
 * vscode-oniguruma, the engine VS Code itself uses. Shared by the grammar tests and the
 * screenshot script.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
// Default imports: both packages are CommonJS, and Node's ESM loader exposes them as `default`.
import oniguruma from "vscode-oniguruma";
import textmate, { type IGrammar } from "vscode-textmate";

export const GRAMMAR_PATH = fileURLToPath(new URL("../editors/vscode/syntaxes/contract.tmLanguage.json", import.meta.url));

export interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

let grammar: Promise<IGrammar> | undefined;

function loadGrammar(): Promise<IGrammar> {
  grammar ??= (async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve("vscode-oniguruma/release/onig.wasm"));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === "source.contract" ? textmate.parseRawGrammar(readFileSync(GRAMMAR_PATH, "utf8"), GRAMMAR_PATH) : null,
    });
    const g = await registry.loadGrammar("source.contract");
    if (!g) throw new Error("grammar source.contract did not load");
    return g;
  })();
  return grammar;
}

/** Tokens per line. */
export async function tokenizeLines(source: string): Promise<Token[][]> {
  const g = await loadGrammar();
  let state = textmate.INITIAL;
  const out: Token[][] = [];
  for (const line of source.split(/\r\n|\r|\n/)) {
    const r = g.tokenizeLine(line, state);
    out.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
    state = r.ruleStack;
  }
  return out;
}

/** A readable scope listing: one line per non-blank token, `text  scope scope ...` (root scope left out). */
export function renderScopes(lines: Token[][]): string {
  const out: string[] = [];
  lines.forEach((tokens, i) => {
    out.push(`${i + 1}:`);
    for (const t of tokens) {
      if (t.text.trim() === "") continue;
      out.push(`  ${JSON.stringify(t.text)}  ${t.scopes.slice(1).join(" ") || "-"}`);
    }
  });
  return `${out.join("\n")}\n`;
}
