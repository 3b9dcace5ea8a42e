/**
 * `index.ts` in its final (formatted) layout without prettier, where that layout is known.
 * Kept apart from index-module.ts so printing the registry never reaches prettier.
 */
import { PRETTIER_OPTIONS } from "./format.js";
import { generateIndexText, type IndexEntry } from "./index-module.js";
import { tsKey, tsString } from "./literals.js";

/**
 * The registry exactly as prettier formats it (format.ts), without loading prettier, when
 * that layout is certain: contract names are plain identifiers, import specifiers plain
 * ASCII (no quote to re-choose, no escape), and every line of code fits the print width
 * (nothing to break). prettier then only re-indents the function body, from the printer's
 * 4 spaces to 2 (test/compiler/codegen/index-formatted.property.test.ts compares the two
 * on arbitrary registries). Undefined otherwise: format the raw text.
 */
export function formattedIndexText(entries: readonly IndexEntry[]): string | undefined {
  for (const e of entries) {
    if (tsString(e.specifier) !== `"${e.specifier}"`) return undefined;
    for (const name of e.contracts.keys()) if (tsKey(name) !== name) return undefined;
  }
  const text = generateIndexText(entries).replace(/^ {4}/gm, "  ");
  const fits = text.split("\n").every((line) => line.startsWith("//") || line.length <= PRETTIER_OPTIONS.printWidth);
  return fits ? text : undefined;
}
