import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseJsonWithLocations } from "../../../src/language/lint/json-locate.js";

describe("parseJsonWithLocations", () => {
  it("parses like JSON.parse", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v, null, 2);
        const r = parseJsonWithLocations(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.json.value).toEqual(JSON.parse(text));
      }),
      { numRuns: 200 },
    );
  });

  it("locates keys and values (1-based lines/columns)", () => {
    const text = '{\n  "rules": {\n    "unsued-input": "off"\n  },\n  "ignore": ["a", 3]\n}';
    const r = parseJsonWithLocations(text);
    if (!r.ok) throw new Error(r.message);
    const loc = r.json.locate(["rules", "unsued-input"]);
    expect(loc?.key?.start).toEqual({ offset: text.indexOf("\"unsued"), line: 3, column: 5 });
    expect(loc?.key?.end.column).toBe(19);
    expect(loc?.value.start.column).toBe(21);
    expect(r.json.locate(["ignore", 1])?.value.start).toEqual({ offset: text.indexOf("3"), line: 5, column: 19 });
    expect(r.json.locate(["missing"])).toBeUndefined();
  });

  it("reports syntax errors with a position", () => {
    const cases: Array<[string, RegExp, number, number]> = [
      ['{\n  "a": 1,\n}', /Trailing commas/, 3, 1],
      ['{ "a": 1 // no\n}', /Comments are not allowed/, 1, 10],
      ['{ "a" 1 }', /Expected `:`/, 1, 7],
      ['{ "a": tru }', /Unexpected `t`/, 1, 8],
      ['{ "a": "x', /Unterminated string/, 1, 8],
      ["", /end of file/, 1, 1],
      ['{} {}', /after the end/, 1, 4],
      ['{ "a": 01 }', /Invalid number/, 1, 8],
      ['{ "a": "\\x" }', /Invalid escape/, 1, 9],
    ];
    for (const [text, message, line, column] of cases) {
      const r = parseJsonWithLocations(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) {
        expect(r.message, text).toMatch(message);
        expect([r.range.start.line, r.range.start.column], text).toEqual([line, column]);
      }
    }
  });

  it("records duplicate keys and keeps the last value; __proto__ is an ordinary key", () => {
    const r = parseJsonWithLocations('{"a": 1, "a": 2, "__proto__": {"x": 1}}');
    if (!r.ok) throw new Error(r.message);
    expect(r.json.duplicateKeys.map((d) => d.path)).toEqual([["a"]]);
    expect(r.json.duplicateKeys[0]?.key.start.column).toBe(10);
    const v = r.json.value as Record<string, unknown>;
    expect(v.a).toBe(2);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(["a", "__proto__"]);
  });

  it("accepts a BOM and CRLF line breaks", () => {
    const r = parseJsonWithLocations('\ufeff{\r\n  "a": 1\r\n}');
    if (!r.ok) throw new Error(r.message);
    expect(r.json.locate(["a"])?.key?.start).toMatchObject({ line: 2, column: 3 });
  });
});
