/** HIR7001: constraints (or parts of one check) that can never hold together. */
import { describe, expect, it } from "vitest";
import { at, contract, covered, diagnose, diagnoseFiles, withCode } from "./helpers.js";

const contradictions = (text: string) => withCode(diagnose(text), "HIR7001");

/** `line:col-line:col` of the `nth` occurrence of `needle` in `text`. */
function span(text: string, needle: string, nth = 0): string {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`${needle} not found`);
  const pos = (o: number) => {
    const before = text.slice(0, o).split("\n");
    return `${before.length}:${(before[before.length - 1] as string).length + 1}`;
  };
  return `${pos(i)}-${pos(i + needle.length)}`;
}

describe("HIR7001 numeric bounds", () => {
  it("reports two constraints whose bounds do not overlap, on the later one", () => {
    const text = contract([
      '  task short "Write at most 100 words." check words <= 100',
      '  task long_enough "Write at least 300 words." check words >= 300',
    ].join("\n"));
    const [d, ...rest] = contradictions(text);
    expect(rest).toHaveLength(0);
    expect(d?.severity).toBe("error");
    expect(d?.rule).toBe("contradiction");
    expect(d?.message).toBe("`long_enough` (words >= 300) contradicts `short` (words <= 100): no response can satisfy both");
    expect(at(d!)).toBe(span(text, "words >= 300"));
    expect(d?.related?.[0]?.message).toContain("`short`");
    expect(at(d!.related![0]!)).toBe(span(text, "words <= 100"));
    expect(d?.hint).toMatch(/widen or remove/);
  });

  it("reports a contradiction inside one check", () => {
    const text = contract('  task a "Write 300 to 100 words." check words >= 300 and words <= 100');
    const [d] = contradictions(text);
    expect(d?.message).toBe("the check of `a` can never hold: `words <= 100` contradicts `words >= 300`");
    expect(covered(text, d!)).toBe("words <= 100");
    expect(covered(text, d!.related![0]!)).toBe("words >= 300");
  });

  it("treats counts as whole numbers: `> 5` and `< 6` leave nothing", () => {
    const text = contract('  task a "x" check bullets > 5 and bullets < 6');
    expect(contradictions(text).map((d) => covered(text, d))).toEqual(["bullets < 6"]);
  });

  it("reports bounds no count satisfies", () => {
    const text = contract('  task neg "x" check words < 0\n  task frac "y" check bullets == 2.5');
    const ds = contradictions(text);
    expect(ds.map((d) => covered(text, d))).toEqual(["words < 0", "bullets == 2.5"]);
    expect(ds[0]?.message).toBe("the check of `neg` can never hold: `words < 0` asks for a negative number of words, and counts are never negative");
    expect(ds[0]?.related).toBeUndefined();
    expect(ds[1]?.message).toContain("whole number");
  });

  it("uses `!=` exclusions, naming every constraint involved", () => {
    const text = contract([
      '  task a "Two or three bullets." check bullets in 2..3',
      '  task b "Not two." check bullets != 2',
      '  task c "Not three." check bullets != 3',
    ].join("\n"));
    const [d, ...rest] = contradictions(text);
    expect(rest).toHaveLength(0);
    expect(at(d!)).toBe(span(text, "bullets != 3"));
    expect(d?.message).toBe("`c` (bullets != 3) contradicts `a` (bullets in 2..3) and `b` (bullets != 2): no response can satisfy all of them");
    expect(d?.related?.map((r) => covered(text, r))).toEqual(["bullets in 2..3", "bullets != 2"]);
  });

  it("reads inputs at their defaults and says so", () => {
    const text = contract([
      '  quality concise "Keep it under {{max_words}} words." check words < max_words',
      '  task deep "Write at least 200 words." check words >= 200',
    ].join("\n"), "  input max_words: int = 150");
    const [d] = contradictions(text);
    expect(d?.message).toContain("`deep` (words >= 200) contradicts `concise` (words < max_words)");
    expect(d?.message).toContain("(with `max_words` = 150, its default)");
  });

  it("pushes `not` through comparisons and `or`", () => {
    const text = contract('  task a "x" check not (words < 300 or bullets == 2)\n  task b "y" check words <= 100');
    expect(contradictions(text).map((d) => covered(text, d))).toEqual(["words <= 100"]);
  });

  it("does not report across `or`, compatible bounds, or different measures", () => {
    expect(contradictions(contract('  task a "x" check words > 300 or bullets == 2\n  task b "y" check words <= 100'))).toEqual([]);
    expect(contradictions(contract('  task a "x" check words >= 100\n  task b "y" check words <= 300\n  task c "z" check words != 200'))).toEqual([]);
    expect(contradictions(contract('  task a "x" check words >= 300\n  task b "y" check sentences <= 3'))).toEqual([]);
    expect(contradictions(contract('  task a "x" check count("a") >= 2\n  task b "y" check count("b") == 0'))).toEqual([]);
    expect(contradictions(contract('  task a "x" check first_line.words >= 20\n  task b "y" check last_line.words <= 10'))).toEqual([]);
  });

  it("treats paragraph(1) and first_paragraph as the same subject", () => {
    const text = contract('  task a "x" check paragraph(1).words >= 50\n  task b "y" check first_paragraph.words < 50');
    expect(contradictions(text).map((d) => covered(text, d))).toEqual(["first_paragraph.words < 50"]);
  });

  it("ignores judged constraints and leaves empty ranges to HIR3006", () => {
    const text = contract('  task a "x" judge "The response is long and detailed."\n  task b "y" check words in 200..100');
    expect(contradictions(text)).toEqual([]);
  });
});

describe("HIR7001 predicates", () => {
  it("`contains` against `not contains` of the same phrase", () => {
    const text = contract('  task a "Say hi." check contains("hi")\n  task b "Never say hi." check not contains("hi")');
    const [d] = contradictions(text);
    expect(d?.message).toBe('`b` (not contains("hi")) contradicts `a` (contains("hi")): no response can satisfy both');
    expect(covered(text, d!)).toBe('not contains("hi")');
    expect(covered(text, d!.related![0]!)).toBe('contains("hi")');
  });

  it("`contains X` against `not contains_any([... X ...])` when the options agree", () => {
    const text = contract('  task a "x" check contains("risk-free")\n  safety b "y" check not contains_any(["guaranteed", "risk-free"])');
    expect(contradictions(text)).toHaveLength(1);
  });

  it("not when the options disagree (case-sensitive vs whole words)", () => {
    const text = contract('  task a "x" check contains("Guaranteed")\n  safety b "y" check not contains_any(["guaranteed"], whole_words: true)');
    expect(contradictions(text)).toEqual([]);
  });

  it("`contains_any` whose every phrase is forbidden elsewhere", () => {
    const text = contract([
      '  task a "x" check contains_any(["alpha", "beta"])',
      '  task b "y" check not contains("alpha", ignore_case: true)',
      '  task c "z" check not contains("beta", ignore_case: true)',
    ].join("\n"));
    const [d, ...rest] = contradictions(text);
    expect(rest).toHaveLength(0);
    expect(covered(text, d!)).toBe('not contains("beta", ignore_case: true)');
    expect(d?.related?.map((r) => covered(text, r))).toEqual(['contains_any(["alpha", "beta"])', 'not contains("alpha", ignore_case: true)']);
  });

  it("a phrase required in a part of the response is present in the whole", () => {
    const text = contract('  task a "x" check first_line contains "Hi"\n  task b "y" check not contains("Hi")');
    expect(contradictions(text)).toHaveLength(1);
    const reverse = contract('  task a "x" check contains("Hi")\n  task b "y" check not first_line.contains("Hi")');
    expect(contradictions(reverse)).toEqual([]);
  });

  it("`starts_with` two different beginnings", () => {
    const text = contract('  task a "x" check starts_with("Hello")\n  task b "y" check starts_with("Hi")');
    const [d] = contradictions(text);
    expect(covered(text, d!)).toBe('starts_with("Hi")');
    expect(d?.hint).toMatch(/one beginning/);
    expect(contradictions(contract('  task a "x" check starts_with("Hello")\n  task b "y" check starts_with("Hell")'))).toEqual([]);
    expect(contradictions(contract('  task a "x" check starts_with("Hello")\n  task b "y" check last_line starts_with "Hi"'))).toEqual([]);
    expect(contradictions(contract('  task a "x" check ends_with "?"\n  task b "y" check not ends_with("?")'))).toHaveLength(1);
  });

  it("`language` with two values, including an input default", () => {
    const text = contract('  task a "German." check language == "de"\n  task b "Same language." check language == lang', '  input lang: text = "en"');
    const [d] = contradictions(text);
    expect(d?.message).toContain("`b` (language == lang) contradicts `a` (language == \"de\")");
    expect(d?.message).toContain('`lang` = "en"');
    expect(contradictions(contract('  task a "x" check language == "de"\n  task b "y" check language != "de"'))).toHaveLength(1);
    expect(contradictions(contract('  task a "x" check language != "de"\n  task b "y" check language == "en"'))).toEqual([]);
  });

  it("any predicate against its negation", () => {
    const text = contract('  pinned task a "JSON." check is_json\n  task b "No JSON." check not is_json');
    expect(contradictions(text).map((d) => covered(text, d))).toEqual(["not is_json"]);
  });
});

describe("HIR7001 across files and sets", () => {
  it("relates a contract constraint to a used set constraint in another file", () => {
    const files = {
      "main.contract": [
        'import "policy.contract"',
        "contract C {",
        '  prompt "Write."',
        '  task promise "Promise a guaranteed result." check contains("guaranteed", ignore_case: true)',
        "  use NoGuarantees",
        "}",
      ].join("\n"),
      "policy.contract": 'constraints NoGuarantees {\n  safety no_guarantees "Never promise." check not contains_any(["guaranteed"], ignore_case: true)\n}\n',
    };
    const ds = withCode(diagnoseFiles(files), "HIR7001");
    expect(ds).toHaveLength(1);
    expect(ds[0]?.file).toBe("policy.contract");
    expect(ds[0]?.related?.[0]?.file).toBe("main.contract");
    expect(ds[0]?.message).toContain("`no_guarantees`");
  });

  it("checks a constraint set on its own, once", () => {
    const text = 'constraints S {\n  task a "x" check words > 10\n  task b "y" check words < 5\n}\n';
    expect(contradictions(text).map(at)).toEqual(["3:20-3:29"]);
  });
});
