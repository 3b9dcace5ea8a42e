/**
 * The TextMate grammar against golden scope files, one per bundled spec, tokenized with the
 * engine VS Code uses. Review a golden diff as you would a highlighting change.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GRAMMAR_FILE, renderGrammar } from "../../scripts/gen-tmlanguage.js";
import { expandContractPaths } from "../../src/language/files.js";
import { expectGolden } from "../helpers/golden.js";
import { REPO_ROOT } from "../helpers/repo.js";
import { renderScopes, tokenizeLines } from "../../scripts/textmate.js";

const SPECS = expandContractPaths(["specs"], REPO_ROOT).files;

describe("contract.tmLanguage.json", () => {
  it("lists the registry's built-ins (npx tsx scripts/gen-tmlanguage.ts)", () => {
    const committed = readFileSync(GRAMMAR_FILE, "utf8");
    expect(committed).toBe(renderGrammar(committed));
  });

  it("finds the bundled specs", () => {
    expect(SPECS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(SPECS)("tokenizes %s as its golden scope file says", async (spec) => {
    const scopes = renderScopes(await tokenizeLines(readFileSync(join(REPO_ROOT, spec), "utf8")));
    expectGolden(scopes, join(REPO_ROOT, "test/editors/golden", `${spec.replace(/^specs\//, "").replace(/\//g, "__")}.scopes`));
  });

  it("scopes the constructs editors theme", async () => {
    const src = [
      'import "policies/x.contract"',
      "/// Doc.",
      "contract A {",
      '  input n: int = 3 // hir-ignore unused-input -- why',
      '  prompt """Write {{n}} lines\\n."""',
      '  pinned safety no_x "No x." check not matches(/x+/i) and words in 1..n',
      "  a requires b, c",
      "  replay { min_kept 2 layout inline }",
      "}",
    ].join("\n");
    const flat = (await tokenizeLines(src)).flat();
    const scopeOf = (text: string): string => flat.find((t) => t.text === text)?.scopes.slice(1).join(" ") ?? "(missing)";
    expect(scopeOf("import")).toContain("keyword.control.import");
    expect(scopeOf("///")).toBe("(missing)");
    expect(scopeOf("/// Doc.")).toContain("comment.line.documentation");
    expect(scopeOf("A")).toContain("entity.name.type");
    expect(scopeOf("int")).toContain("support.type");
    expect(scopeOf("// hir-ignore unused-input -- why")).toBe("(missing)");
    expect(scopeOf("hir-ignore")).toContain("keyword.other.suppression");
    expect(scopeOf("n")).toContain("variable.parameter.input");
    expect(scopeOf("\\n")).toContain("constant.character.escape");
    expect(scopeOf("pinned")).toContain("storage.modifier.pinned");
    expect(scopeOf("no_x")).toContain("entity.name.function.constraint");
    expect(scopeOf("matches")).toContain("support.function.builtin");
    expect(scopeOf("x+")).toContain("string.regexp");
    expect(scopeOf("..")).toContain("keyword.operator.range");
    expect(scopeOf("b")).toContain("entity.name.function.constraint");
    expect(scopeOf("inline")).toContain("constant.language.setting");
  });
});
