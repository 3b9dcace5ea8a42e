import { describe, expect, it } from "vitest";
import {
  compilePythonRegex,
  countMatches,
  pyIsLower,
  pyIsUpper,
  pySplitWhitespace,
  pyStrip,
  pyStripChars,
  pythonJsonLoads,
} from "../../../src/runtime/text/index.js";

describe("Python str semantics", () => {
  it("strip uses Python's whitespace set", () => {
    expect(pyStrip("\u001c x \u0085")).toBe("x");
    expect(pyStrip("\ufeffx")).toBe("\ufeffx");
    expect(pyStripChars('""a"', '"')).toBe("a");
    expect(pyStripChars("<<t>>", "<", "left")).toBe("t>>");
    expect(pySplitWhitespace("  a \u3000b\n")).toEqual(["a", "b"]);
  });
  it("isupper / islower follow cased-character rules", () => {
    expect(pyIsUpper("ABC 123!")).toBe(true);
    expect(pyIsUpper("123")).toBe(false);
    expect(pyIsUpper("ǅ")).toBe(false);
    expect(pyIsLower("abc ß")).toBe(true);
    expect(pyIsLower("abc D")).toBe(false);
  });
});

describe("Python regex translation", () => {
  const find = (p: string, s: string, ignoreCase = false): string | null => {
    const c = compilePythonRegex(p, { ignoreCase });
    if (!c.ok) throw new Error(c.error);
    return c.regex.search(s)?.text ?? null;
  };
  it("keeps Python meanings of \\b, \\w, . and $", () => {
    expect(find("\\bcafé\\b", "un café!")).toBe("café");
    expect(find("\\w+", "señor")).toBe("señor");
    expect(find("a.b", "a\rb")).toBe("a\rb");
    expect(find("a.b", "a\nb")).toBe(null);
    // RE2 has no lookahead: a `$` satisfied before the final newline includes it in the match.
    expect(find("end$", "the end\n")).toBe("end\n");
    expect(find("end$", "the end\nx")).toBe(null);
    expect(find("\\bcafé\\b", "cafés")).toBe(null);
  });
  it("accepts Python-only syntax", () => {
    expect(find("(?P<w>ab)+", "xabab")).toBe("abab");
    expect(find("(?i)hello", "HeLLo")).toBe("HeLLo");
    expect(find("a{,2}b", "aab")).toBe("aab");
    expect(find("{x}", "a{x}")).toBe("{x}");
    expect(find("don\\'t", "don't")).toBe("don't");
  });
  it("reports invalid patterns instead of throwing", () => {
    expect(compilePythonRegex("c++").ok).toBe(false);
    expect(compilePythonRegex("(unclosed").ok).toBe(false);
    expect(compilePythonRegex("\\q").ok).toBe(false);
  });
  it("rejects backreferences and lookaround with the linear-time reason", () => {
    for (const p of ["(?P<w>ab)(?P=w)", "(a)\\1", "a(?=b)", "(?<!x)a"]) {
      const c = compilePythonRegex(p);
      expect(c.ok).toBe(false);
      expect(!c.ok && c.error).toMatch(/linear time/);
    }
  });
  it("counts non-overlapping matches, empty ones included", () => {
    const c = compilePythonRegex("");
    expect(c.ok && countMatches(c.regex, "abc")).toBe(4);
  });
});

describe("Python json.loads", () => {
  it("accepts what Python accepts", () => {
    expect(pythonJsonLoads('{"a": [1, 2.5e3, true, null]}').ok).toBe(true);
    expect(pythonJsonLoads("[NaN, -Infinity, Infinity]").ok).toBe(true);
    expect(pythonJsonLoads('"text"').ok).toBe(true);
  });
  it("rejects what Python rejects", () => {
    expect(pythonJsonLoads("{'a': 1}").ok).toBe(false);
    expect(pythonJsonLoads("[1, 2,]").ok).toBe(false);
    expect(pythonJsonLoads("").ok).toBe(false);
    expect(pythonJsonLoads("[NaN] x").ok).toBe(false);
    expect(pythonJsonLoads("nan").ok).toBe(false);
  });
});
