/**
 * The public entry points: `formatContract` and the prettier plugin used through
 * prettier's own API.
 */
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { contractPlugin, formatContract } from "../../../src/language/format/index.js";
import pluginModule, * as pluginExports from "../../../src/language/format/plugin.js";

describe("formatContract", () => {
  it("formats", async () => {
    const r = await formatContract("contract A{task t \"x\" check words<3}", "a.contract");
    expect(r.diagnostics).toEqual([]);
    expect(r.formatted).toBe('contract A {\n  task t "x"\n    check words < 3\n}\n');
  });

  it("returns diagnostics and no text for a file with syntax errors", async () => {
    const r = await formatContract("contract A {\n  tsk x \"y\" check words < 3\n}\n", "bad.contract");
    expect(r.formatted).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]).toMatchObject({ code: "HIR1001", file: "bad.contract", severity: "error" });
    expect(r.diagnostics[0]?.range.start.line).toBe(2);
  });

  it("never throws", async () => {
    for (const text of ["", "\u0000", "contract", '"""', "/*", "contract A { task t check (((", "\ufeffcontract A {}"]) {
      await expect(formatContract(text, "x.contract")).resolves.toHaveProperty("diagnostics");
    }
  });

  it("normalises line endings and keeps a byte order mark", async () => {
    const r = await formatContract("\ufeffcontract A {\r\n  input x: text\r\n}\r\n", "crlf.contract");
    expect(r.formatted).toBe("\ufeffcontract A {\n  input x: text\n}\n");
  });

  it("formats an empty file to nothing", async () => {
    expect((await formatContract("", "e.contract")).formatted).toBe("");
    expect((await formatContract("\n\n  \n", "e.contract")).formatted).toBe("");
  });
});

describe("prettier plugin", () => {
  it("is a prettier plugin for .contract files", () => {
    expect(contractPlugin.languages).toEqual([expect.objectContaining({ name: "Contract", extensions: [".contract"], parsers: ["contract"] })]);
    expect(contractPlugin.parsers?.["contract"]?.astFormat).toBe("contract-ast");
    expect(contractPlugin.printers?.["contract-ast"]).toBeDefined();
    // `prettier --plugin=<file>` imports the module: the default export and the named exports both work.
    expect(pluginModule).toBe(contractPlugin);
    expect(pluginExports.parsers).toBe(contractPlugin.parsers);
  });

  it("formats through prettier's API, inferring the parser from the file name", async () => {
    const out = await prettier.format("contract A { input x: int=1 }", { filepath: "dir/a.contract", plugins: [contractPlugin] });
    expect(out).toBe("contract A {\n  input x: int = 1\n}\n");
  });

  it("throws a syntax error naming line:column, as prettier parsers do", async () => {
    const run = prettier.format("contract A {\n  input x int\n}\n", { parser: "contract", plugins: [contractPlugin] });
    await expect(run).rejects.toThrow(/^expected `:`, found `int` \(2:11\)/);
    await expect(run).rejects.toMatchObject({ loc: { start: { line: 2 } } });
  });

  it("uses 100 columns unless configured otherwise", async () => {
    const long = `contract A { task t check ${Array.from({ length: 7 }, (_, i) => `word${i}`).join(" and ")} }`;
    const wide = await prettier.format(long, { parser: "contract", plugins: [contractPlugin] });
    expect(wide).toContain("check word0 and word1 and word2 and word3 and word4 and word5 and word6\n");
    const narrow = await prettier.format(long, { parser: "contract", plugins: [contractPlugin], printWidth: 40 });
    expect(narrow.split("\n").length).toBeGreaterThan(wide.split("\n").length);
  });
});
