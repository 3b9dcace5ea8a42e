/**
 * Language bugs found while writing the formatter (issue #2), one regression test each.
 * test/language/format/fixtures/regressions.contract has the same cases as a format golden.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/language/ast-builder.js";
import type * as A from "../../src/language/ast.js";
import { formatContract } from "../../src/language/format/index.js";
import { stripRanges } from "../helpers/ast.js";

function parse(text: string) {
  const r = parseDocument(text, "r.contract");
  return { file: r.file, errors: r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`) };
}

function members(file: A.SourceFile): readonly A.Member[] {
  const d = file.declarations[0];
  if (!d || d.kind === "Import") throw new Error("no contract");
  return d.members;
}

function check(file: A.SourceFile, i = 0): A.Expression {
  const m = members(file)[i];
  if (m?.kind !== "Constraint" || m.body?.kind !== "Check") throw new Error("no check");
  return m.body.expression;
}

async function fmt(text: string): Promise<string> {
  const r = await formatContract(text, "r.contract");
  if (r.formatted === undefined) throw new Error(r.diagnostics.map((d) => d.message).join("; "));
  return r.formatted;
}

describe("trailing comma in a list literal", () => {
  it("is accepted, in checks and input defaults, and means the same as without it", () => {
    const a = parse('contract A {\n  input l: text[] = ["x", "y",]\n  task t "T." check contains_any(["a", "b",])\n}\n');
    const b = parse('contract A {\n  input l: text[] = ["x", "y"]\n  task t "T." check contains_any(["a", "b"])\n}\n');
    expect(a.errors).toEqual([]);
    expect(stripRanges(a.file.declarations)).toEqual(stripRanges(b.file.declarations));
  });

  it("is accepted after the last item of a multi-line list, before a comment", () => {
    const r = parse('contract A {\n  task t "T." check contains_any([\n    "a",\n    "b", // last\n  ])\n}\n');
    expect(r.errors).toEqual([]);
    const e = check(r.file);
    expect(e.kind === "Call" && e.args[0]?.value.kind === "List" ? e.args[0].value.items.length : -1).toBe(2);
  });

  it("still needs an item before it, and only one", () => {
    expect(parse('contract A {\n  task t "T." check contains_any([,])\n}\n').errors).toHaveLength(1);
    expect(parse('contract A {\n  task t "T." check contains_any(["a",,])\n}\n').errors).toHaveLength(1);
    expect(parse('contract A {\n  task t "T." check contains_any(["a" "b"])\n}\n').errors).toHaveLength(1);
  });

  it("is removed by the formatter", async () => {
    expect(await fmt('contract A {\n  input l: text[] = ["x", "y",]\n}\n')).toBe('contract A {\n  input l: text[] = ["x", "y"]\n}\n');
  });
});

describe("a comment between a method name and its argument list", () => {
  it("keeps the arguments with their method", () => {
    const r = parse('contract A {\n  task t "T." check a.f /* c */ (1) and b.g // x\n    (2, 3).h.k(4)\n}\n');
    expect(r.errors).toEqual([]);
    const e = check(r.file);
    if (e.kind !== "Binary") throw new Error("not binary");
    const left = e.left;
    expect(left.kind === "Call" && [left.callee.name, left.args.length, left.parenthesized]).toEqual(["f", 1, true]);
    const k = e.right;
    if (k.kind !== "Call" || k.subject?.kind !== "Call" || k.subject.subject?.kind !== "Call") throw new Error("not a chain");
    expect([k.callee.name, k.args.length, k.parenthesized]).toEqual(["k", 1, true]);
    expect([k.subject.callee.name, k.subject.args.length, k.subject.parenthesized]).toEqual(["h", 0, false]);
    expect([k.subject.subject.callee.name, k.subject.subject.args.length]).toEqual(["g", 2]);
  });

  it("formats instead of being refused", async () => {
    expect(await fmt('contract A {\n  task t\n    check a.f /* c */ (1)\n}\n')).toBe('contract A {\n  task t\n    check a.f(/* c */ 1)\n}\n');
  });
});

describe("a `///` comment after code", () => {
  const text = 'contract A {\n  task a "x" check words < 5 /// note\n  task b "y" check words < 6\n  /// real doc\n  input q: text\n}\n';

  it("is a trailing comment, not the doc comment of the next member", () => {
    const r = parse(text);
    const [a, b, q] = members(r.file);
    expect(a && "doc" in a ? a.doc : undefined).toBeUndefined();
    expect(b && "doc" in b ? b.doc : undefined).toBeUndefined();
    expect(q && "doc" in q ? q.doc : undefined).toBe("real doc");
    expect(r.file.comments.map((c) => [c.text, c.kind, c.trailing])).toEqual([["/// note", "doc", true]]);
  });

  it("stays at the end of its line when formatted, with no blank line added", async () => {
    expect(await fmt(text)).toBe(
      'contract A {\n  task a "x"\n    check words < 5 /// note\n  task b "y"\n    check words < 6\n  /// real doc\n  input q: text\n}\n',
    );
  });

  it("on the line of `{` does not document the first member", async () => {
    const t = "contract A { /// note\n  input q: text\n}\n";
    expect(members(parse(t).file)[0]).not.toHaveProperty("doc");
    expect(await fmt(t)).toBe(t);
  });
});

describe("a block comment followed by a `//` comment", () => {
  it("at the end of a line stays on that line", async () => {
    const t = 'contract A {\n  task a "x" check words < 5 /* a */ // b\n  task b "y" check words < 6\n}\n';
    expect(await fmt(t)).toBe('contract A {\n  task a "x"\n    check words < 5 /* a */ // b\n  task b "y"\n    check words < 6\n}\n');
  });

  it("inside a list stays with the item before it", async () => {
    const t = 'contract A {\n  task a "x" check contains_any(["a", /* e */ // f\n    "b"])\n}\n';
    expect(await fmt(t)).toBe('contract A {\n  task a "x"\n    check contains_any([\n      "a" /* e */, // f\n      "b"\n    ])\n}\n');
  });

  it("alone on a line: neither comment is trailing (only code before a comment makes it trailing)", () => {
    const r = parse("contract A {\n  /* a */ // b\n  input q: text /* c */ // d\n}\n");
    expect(r.file.comments.map((c) => [c.text, c.trailing])).toEqual([
      ["/* a */", false],
      ["// b", false],
      ["/* c */", true],
      ["// d", true],
    ]);
  });
});

describe("the fixed cases under random layouts", () => {
  const GAPS = ["", " ", " /* c */ ", " // c\n      ", "\n      ", " /* a */ // b\n      "];
  const ENDS = ["", " // e", " /// e", " /* a */ // b", " /* a */"];
  const item = fc.constantFrom('"a"', '"b"', "/x/i", '"c d"');
  const member = fc.record({
    items: fc.array(item, { minLength: 1, maxLength: 4 }),
    trailingComma: fc.boolean(),
    gap: fc.constantFrom(...GAPS),
    afterComma: fc.constantFrom(...GAPS),
    end: fc.constantFrom(...ENDS),
    doc: fc.boolean(),
  });

  function write(ms: readonly { items: string[]; trailingComma: boolean; gap: string; afterComma: string; end: string; doc: boolean }[], messy: boolean): string {
    const body = ms.map((m, i) => {
      const sep = messy ? `,${m.afterComma}` : ", ";
      const list = `[${m.items.join(sep)}${messy && m.trailingComma ? "," : ""}]`;
      const gap = messy ? m.gap : "";
      const doc = m.doc ? `  /// doc ${i}\n` : "";
      return `${doc}  task t${i} "T." check first_line.contains_any${gap}(${list}) and paragraph(2).ends_with${gap}("x")${messy ? m.end : ""}\n`;
    });
    return `contract P {\n${body.join("")}}\n`;
  }

  it("parse to the same AST as the plain layout, and format idempotently", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(member, { minLength: 1, maxLength: 4 }), async (ms) => {
        const messy = write(ms, true);
        const plain = write(ms, false);
        const a = parse(messy);
        expect(a.errors).toEqual([]);
        expect(stripRanges(a.file.declarations)).toEqual(stripRanges(parse(plain).file.declarations));
        const once = await fmt(messy);
        expect(stripRanges(parse(once).file.declarations)).toEqual(stripRanges(a.file.declarations));
        expect(parse(once).file.comments.map((c) => c.text).sort()).toEqual(a.file.comments.map((c) => c.text).sort());
        expect(await fmt(once)).toBe(once);
      }),
      { numRuns: Number(process.env.FORMAT_PROPERTY_RUNS ?? 150) },
    );
  });
});

describe("a dependency written with `requires` first", () => {
  it("gets a hint that shows the order (found while testing rewrite scenarios)", () => {
    const r = parseDocument('contract A {\n  task a "x" check words < 3\n  task b "y" check words < 9\n  requires a -> b\n}\n', "r.contract");
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.range.start.line, d.range.start.column])).toEqual([[4, 3]]);
    expect(errors[0]?.hint).toContain("`closing requires mentions`");
  });

  it("keeps the role hint when `requires` is followed by something that is not a constraint", () => {
    const r = parseDocument('contract A {\n  task a "x" check words < 3\n  a requires tsk\n}\n', "r.contract");
    expect(r.diagnostics.map((d) => d.hint).join(" ")).not.toContain("`closing requires mentions`");
  });
});
