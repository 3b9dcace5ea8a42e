/**
 * Formatting of generated code with prettier's TypeScript parser. The options are
 * fixed here (no config file is resolved), so the output does not depend on the
 * machine or the project it is generated in.
 */
import { format } from "prettier";

export const PRETTIER_OPTIONS = {
  parser: "typescript",
  printWidth: 120,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  quoteProps: "as-needed",
  trailingComma: "all",
  bracketSpacing: true,
  arrowParens: "always",
  endOfLine: "lf",
} as const;

export async function formatTypeScript(text: string): Promise<string> {
  return format(text, { ...PRETTIER_OPTIONS });
}
