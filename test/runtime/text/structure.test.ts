import { describe, expect, it } from "vitest";
import {
  countIfevalBullets,
  countIfevalHighlights,
  countIfevalPlaceholders,
  countIfevalSections,
  detectLanguage,
  findIfevalTitles,
  hasIfevalTitle,
  ifevalFirstWord,
  splitBlankLineParagraphs,
  splitStarDividerParagraphs,
} from "../../../src/runtime/text/index.js";

describe("structural rules", () => {
  it("bullets: * and - lines, nested, leading blank lines absorbed", () => {
    expect(countIfevalBullets("\n\n* a\n  * b\n- c\n---\n**d**\n1. e")).toBe(4);
    expect(countIfevalBullets("")).toBe(0);
  });
  it("highlights", () => {
    expect(countIfevalHighlights("*a* **b** *")).toBe(2);
  });
  it("placeholders: shortest same-line spans", () => {
    // "[a]", then "[b [c]" (lazy to the first "]"); " d]" and the final "[" do not match.
    expect(countIfevalPlaceholders("[a] [b [c] d] [")).toBe(2);
  });
  it("titles: greedy to the last >> on the line", () => {
    expect(findIfevalTitles("<<a>> and <<b>>")[0]!.text).toBe("<<a>> and <<b>>");
    expect(hasIfevalTitle("<< >>")).toBe(false);
  });
  it("sections", () => {
    const r = countIfevalSections("Day 1\nx\nDay 2\ny\nDay three", "Day");
    expect(r.ok && r.count).toBe(2);
  });
  it("paragraph splits and first words", () => {
    expect(splitStarDividerParagraphs("a *** b").count).toBe(2);
    expect(splitBlankLineParagraphs("a\n\n\n\nb").pieces).toEqual(["a", "", "b"]);
    expect(ifevalFirstWord(`"'Hello," said`)).toBe("");
    expect(ifevalFirstWord(`'"Hello," said`)).toBe("hello");
  });
});

describe("language detection", () => {
  it("detects languages deterministically", () => {
    const samples: Array<[string, string]> = [
      ["The quick brown fox jumps over the lazy dog and keeps running.", "en"],
      ["Der schnelle braune Fuchs springt über den faulen Hund.", "de"],
      ["El rápido zorro marrón salta sobre el perro perezoso.", "es"],
      ["Быстрая коричневая лиса прыгает через ленивую собаку.", "ru"],
      ["素早い茶色の狐がのろまな犬を飛び越える。", "ja"],
      ["빠른 갈색 여우가 게으른 개를 뛰어넘는다.", "ko"],
      ["तेज भूरी लोमड़ी आलसी कुत्ते के ऊपर कूद जाती है।", "hi"],
    ];
    for (const [text, lang] of samples) {
      const d = detectLanguage(text);
      expect(d.ok && d.language, text).toBe(lang);
      expect(detectLanguage(text)).toEqual(d);
    }
  });
  it("reports no features for text without letters", () => {
    const d = detectLanguage("1234 !!! ...");
    expect(d.ok).toBe(false);
    expect(!d.ok && d.reason).toBe("no-features");
  });
});
