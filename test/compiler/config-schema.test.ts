/** schema/hir.config.schema.json: generated from the zod schemas that validate the file, shipped for editors. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { configJsonSchema, renderConfigJsonSchema } from "../../src/compiler/schema/config-schema.js";
import { REPO_ROOT } from "../helpers/repo.js";

const validate = new Ajv2020({ strict: true }).compile(configJsonSchema());

describe("schema/hir.config.schema.json", () => {
  it("is up to date (npx tsx scripts/gen-ir-schema.ts)", () => {
    expect(readFileSync(join(REPO_ROOT, "schema/hir.config.schema.json"), "utf8")).toBe(renderConfigJsonSchema());
  });

  it("accepts the repository's own config, which names it in $schema", () => {
    const config = JSON.parse(readFileSync(join(REPO_ROOT, "hir.config.json"), "utf8")) as Record<string, unknown>;
    expect(config["$schema"]).toBe("./schema/hir.config.schema.json");
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it("rejects what the loader rejects: unknown fields, bad levels, an unknown compile setting", () => {
    expect(validate({ rulez: {} })).toBe(false);
    expect(validate({ rules: { "unknown-input": "fatal" } })).toBe(false);
    expect(validate({ compile: { outDir: "x" } })).toBe(false);
    expect(validate({ rules: { HIR2002: "off" }, ignore: ["drafts/**"], compile: { out: "gen", runtimeImport: "hindsight/runtime" } })).toBe(true);
  });
});
