/**
 * The published JSON Schema of hir.config.json, generated from the zod schemas that
 * validate the file (src/language/lint/config.ts for the file and its lint settings,
 * ../compile-config.ts for the `compile` section). Written to
 * schema/hir.config.schema.json by `npx tsx scripts/gen-ir-schema.ts`; a test fails
 * when the file is stale. Editors validate and complete a config that names it in `$schema`.
 */
import { z } from "zod";
import { configFileSchema } from "../../language/lint/config.js";
import { compileConfigSchema } from "../compile-config.js";

export function configJsonSchema(): Record<string, unknown> {
  const file = configFileSchema.extend({ compile: compileConfigSchema.optional() });
  const generated = z.toJSONSchema(file, { target: "draft-2020-12", unrepresentable: "throw", io: "input" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, title: "hindsight configuration (hir.config.json)", ...rest };
}

export function renderConfigJsonSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
