/**
 * The vendored emoji table is Emoji 17.0's (what `emoji` 2.15.0, IFBench's pin, uses):
 * 2.14.1's 1,393 single code points plus the seven new in Emoji 17.0, and no lone
 * regional indicators (emoji-test.txt does not list them).
 */
import { describe, expect, it } from "vitest";
import { emojiRangesData } from "../../../src/runtime/ifbench/data.js";
import { isEmojiChar } from "../../../src/runtime/ifbench/lexicon.js";
import { runIfbenchCheck } from "../../../src/runtime/ifbench/registry.js";

const EMOJI_17 = [0x1f6d8, 0x1fa8a, 0x1fa8e, 0x1fac8, 0x1facd, 0x1faea, 0x1faef];

describe("emoji table", () => {
  it("has Emoji 17.0's single code points", () => {
    let n = 0;
    for (const r of emojiRangesData()) {
      const [a, b] = r.split("-").map((x) => parseInt(x, 16));
      n += (b ?? a!) - a! + 1;
    }
    expect(n).toBe(1393 + EMOJI_17.length);
    for (const cp of EMOJI_17) expect(isEmojiChar(String.fromCodePoint(cp)), cp.toString(16)).toBe(true);
    expect(isEmojiChar("😀")).toBe(true);
    expect(isEmojiChar("©")).toBe(true);
    expect(isEmojiChar("\u{1F1E6}")).toBe(false);
    expect(isEmojiChar("\u{1FAEB}")).toBe(false);
  });
  it("counts an Emoji 17.0 code point at a sentence end for format:emoji", () => {
    expect(runIfbenchCheck("format:emoji", "I saw an orca \u{1FACD}. It was big 🐋.").pass).toBe(true);
    expect(runIfbenchCheck("format:emoji", "I saw an orca \u{1FAEB}. It was big 🐋.").pass).toBe(false);
  });
});
