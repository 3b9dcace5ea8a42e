/**
 * The registry printed directly in prettier's layout (formattedIndexText) is byte-identical
 * to prettier's formatting of the raw registry, whenever it is used; and it is used for
 * ordinary registries (a few contracts with identifier names and plain paths).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatTypeScript } from "../../../src/compiler/codegen/format.js";
import { formattedIndexText } from "../../../src/compiler/codegen/index-formatted.js";
import { generateIndexText, type IndexEntry } from "../../../src/compiler/codegen/index-module.js";

const NAMES = ["A", "Summary", "delete", "constructor", "__proto__", "toString", "$x", "_y", "Ünïcode", "日本", "has space", "x".repeat(40), "a-b", "0lead"];
const PATH_PIECES = ["specs", "training", "a b", "it's", 'q"uote', "back\\slash", "ünï", "😀", "x".repeat(50), "${x}", "*/", "dir"];

const entryArb: fc.Arbitrary<IndexEntry> = fc.record({
  path: fc.array(fc.constantFrom(...PATH_PIECES), { minLength: 1, maxLength: 3 }),
  names: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 3 }),
}).map(({ path, names }) => ({
  specifier: `./${path.join("/")}.js`,
  source: { file: `${path.join("/")}.contract`, hash: "0".repeat(64) },
  contracts: new Map(names.map((n) => [n, n === "delete" ? "delete_" : n])),
}));

describe("formattedIndexText", () => {
  it("equals prettier's formatting of the raw registry whenever it applies", async () => {
    let direct = 0;
    await fc.assert(fc.asyncProperty(fc.array(entryArb, { maxLength: 6 }), async (entries) => {
      const pre = formattedIndexText(entries);
      if (pre === undefined) return;
      direct++;
      expect(pre).toBe(await formatTypeScript(generateIndexText(entries)));
    }), { numRuns: 150, seed: 8 });
    // The comparison above ran on a fair share of the cases, not on a handful.
    expect(direct).toBeGreaterThan(20);
  }, 60_000);

  it("applies to an ordinary registry, and not to one whose line would be broken", () => {
    const entry = (specifier: string, ...names: string[]): IndexEntry => ({ specifier, source: { file: "a.contract", hash: "0" }, contracts: new Map(names.map((n) => [n, n])) });
    expect(formattedIndexText([entry("./a.js", "Alpha", "Beta")])).toContain("export const contracts = { Alpha: $m0.Alpha, Beta: $m0.Beta } as const;\n");
    expect(formattedIndexText([])).toContain("\n  void name;\n  return undefined;\n}\n");
    const many = Array.from({ length: 12 }, (_, i) => `Contract${i}`);
    expect(formattedIndexText([entry("./a.js", ...many)])).toBeUndefined();
    expect(formattedIndexText([entry("./it\"s.js", "A")])).toBeUndefined();
  });
});
