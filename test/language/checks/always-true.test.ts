/** HIR7005: checks that hold for every response. */
import { describe, expect, it } from "vitest";
import { at, contract, covered, diagnose, withCode } from "./helpers.js";

const tautologies = (text: string) => withCode(diagnose(text), "HIR7005");

describe("HIR7005 always-true", () => {
  it("a bound every count satisfies, as the whole check", () => {
    const text = contract('  task a "Write something." check words >= 0');
    const [d, ...rest] = tautologies(text);
    expect(rest).toHaveLength(0);
    expect(d?.severity).toBe("warning");
    expect(d?.rule).toBe("always-true");
    expect(at(d!)).toBe("3:35-3:45");
    expect(covered(text, d!)).toBe("words >= 0");
    expect(d?.message).toBe("the check of `a` always holds: `words >= 0` is true for every response (counts are never negative)");
    expect(d?.hint).toMatch(/words >= 1/);
  });

  it("an always-true part of a conjunction", () => {
    const text = contract('  task b "x" check chars >= 0 and bullets == 3');
    const [d] = tautologies(text);
    expect(covered(text, d!)).toBe("chars >= 0");
    expect(d?.message).toBe("`chars >= 0` is true for every response (counts are never negative), so it adds nothing to the check of `b`");
  });

  it("other shapes: `> -1`, `!= -1`, `not (x < 0)`, `x or not x`, covering bounds", () => {
    const text = contract([
      '  task a "x" check words > -1',
      '  task b "x" check chars != -1',
      '  task c "x" check not (words < 0)',
      '  task d "x" check contains("a") or not contains("a")',
      '  task e "x" check words < 10 or words >= 10',
      '  task f "x" check bullets == 2 or sentences >= 0',
    ].join("\n"));
    const ds = tautologies(text);
    expect(ds.map((d) => d.message.match(/`(\w)`/)?.[1])).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(ds[3]?.message).toContain("one side is the negation of the other");
    expect(ds[4]?.message).toContain("the two bounds together cover every count");
    expect(ds[5]?.message).toBe("the check of `f` always holds, because `sentences >= 0` is true for every response (counts are never negative)");
  });

  it("not for real bounds", () => {
    const text = contract([
      '  task a "x" check words >= 1',
      '  task b "x" check words in 0..10',
      '  task c "x" check words <= 0',
      '  task d "x" check contains("a") or not contains("b")',
      '  task e "x" check words < 10 or words > 10',
      '  task f "x" check language != "de"',
    ].join("\n"));
    expect(tautologies(text)).toEqual([]);
  });
});
