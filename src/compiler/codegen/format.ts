/**
 * Formatting of generated code with prettier's TypeScript parser. The options are
 * fixed here (no config file is resolved), so the output does not depend on the
 * machine or the project it is generated in. prettier is imported on the first module
 * that is formatted: a run whose modules are all over the limit never loads it.
 */

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

/**
 * Modules larger than this are written as generated, without prettier: formatting costs
 * about 2-3 microseconds per byte, so a contract of thousands of constraints (megabytes of
 * module) would take minutes to format for no reader. The output stays deterministic and
 * type-checks the same; only its layout differs.
 */
export const FORMAT_LIMIT_BYTES = 256 * 1024;

let prettier: Promise<typeof import("prettier")> | undefined;

export async function formatTypeScript(text: string): Promise<string> {
  if (text.length > FORMAT_LIMIT_BYTES) return text;
  prettier ??= import("prettier");
  return (await prettier).format(text, { ...PRETTIER_OPTIONS });
}
