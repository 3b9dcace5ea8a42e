/**
 * The statement printer (src/compiler/codegen/printer.ts): the layout of each shape, and
 * doc comments that stay one closed comment whatever the text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { constStatement, docComment, functionDeclaration, printGroups, typeAlias } from "../../../src/compiler/codegen/printer.js";

describe("docComment", () => {
  it.each([
    [undefined, ""],
    ["", ""],
    ["One line.", "/** One line. */\n"],
    [" padded ", "/**  padded  */\n"],
    ["a\nb", "/**\n * a\n * b\n */\n"],
    ["a\n\nb", "/**\n * a\n *\n * b\n */\n"],
    ["\nfirst line dropped", "/**\n * first line dropped\n */\n"],
    ["\n\ntwo", "/**\n *\n * two\n */\n"],
    ["trailing\n", "/**\n * trailing\n *\n */\n"],
    ["\n", "/**\n *\n */\n"],
    ["ends */ here", "/** ends *\\/ here */\n"],
    ["a\r\nb", "/**\n * a\\u{D}\n * b\n */\n"],
    ["@param x", "/** \\@param x */\n"],
  ])("%j", (text, expected) => {
    expect(docComment(text)).toBe(expected);
  });

  it("is one closed comment for any text", () => {
    const pieces = fc.oneof(fc.constantFrom("*/", "/*", "*", "/", "\n", "\r", "\u2028", "@", " "), fc.string({ unit: "binary", maxLength: 4 }));
    fc.assert(fc.property(fc.array(pieces, { maxLength: 12 }).map((p) => p.join("")), (text) => {
      const out = docComment(text);
      if (text === "") {
        expect(out).toBe("");
      } else {
        expect(out.startsWith("/**")).toBe(true);
        expect(out.endsWith("*/\n")).toBe(true);
        expect(out.slice(0, -3)).not.toContain("*/");
        expect(out.slice(0, -1)).not.toMatch(/[\r\u2028\u2029\u0085]/);
      }
    }), { numRuns: 500 });
  });
});

describe("statements", () => {
  it("prints const statements and type aliases with their docs", () => {
    expect(constStatement({ name: "a", initializer: "1" })).toBe("const a = 1;");
    expect(constStatement({ doc: "The b.", exported: true, name: "b", type: "number", initializer: "2" })).toBe("/** The b. */\nexport const b: number = 2;");
    expect(typeAlias({ doc: "T.", exported: true, name: "T", type: "{\nreadonly x: string;\n}" })).toBe("/** T. */\nexport type T = {\nreadonly x: string;\n};");
  });

  it("indents every non-empty line of a function's statements", () => {
    expect(functionDeclaration({ doc: "F.", exported: true, name: "f", parameters: "e: E", returnType: "R", statements: ["void e;\n\nreturn r;", "x;"] }))
      .toBe("/** F. */\nexport function f(e: E): R {\n    void e;\n\n    return r;\n    x;\n}");
  });

  it("separates non-empty groups by one blank line and ends with a newline", () => {
    expect(printGroups([["a", "b"], [], ["c"], []])).toBe("a\nb\n\nc\n");
    expect(printGroups([[], []])).toBe("");
  });
});
