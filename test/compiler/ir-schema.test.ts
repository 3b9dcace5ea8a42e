/** The published JSON Schema is generated from the zod IR schema and documents every field. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { irJsonSchema, renderIrJsonSchema } from "../../src/compiler/schema/json-schema.js";
import { REPO_ROOT } from "../helpers/repo.js";

describe("schema/contract-ir.schema.json", () => {
  it("is up to date (npx tsx scripts/gen-ir-schema.ts)", () => {
    expect(readFileSync(join(REPO_ROOT, "schema/contract-ir.schema.json"), "utf8")).toBe(renderIrJsonSchema());
  });

  it("describes every property", () => {
    const undocumented: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) {
        node.forEach((n, i) => walk(n, `${path}[${i}]`));
        return;
      }
      if (node === null || typeof node !== "object") return;
      const o = node as Record<string, unknown>;
      if (o["properties"] && typeof o["properties"] === "object") {
        for (const [k, v] of Object.entries(o["properties"] as Record<string, Record<string, unknown>>)) {
          if (typeof v["description"] !== "string" && typeof v["$ref"] !== "string") undocumented.push(`${path}.${k}`);
        }
      }
      for (const [k, v] of Object.entries(o)) walk(v, `${path}/${k}`);
    };
    walk(irJsonSchema(), "#");
    expect(undocumented).toEqual([]);
  });

  it("names the expression nodes", () => {
    const defs = Object.keys((irJsonSchema()["$defs"] ?? {}) as object).sort();
    expect(defs).toEqual(
      ["AndExpr", "ArithExpr", "BoolExpr", "CallExpr", "CompareExpr", "Expr", "InRangeExpr", "InputRefExpr", "ListExpr", "NegExpr", "NotExpr", "NumberExpr", "OrExpr", "RegexExpr", "TextExpr"],
    );
  });
});
