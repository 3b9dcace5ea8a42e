/**
 * The published JSON Schema of the compiled contract IR, generated from the zod
 * schemas in ../ir.ts (the single source of truth). Written to
 * schema/contract-ir.schema.json by `npx tsx scripts/gen-ir-schema.ts`; a test
 * fails when the file is stale.
 */
import { z } from "zod";
import { CompiledContractSchema, IR_VERSION } from "../ir.js";

export const IR_SCHEMA_ID = `https://hindsight.dev/schema/contract-ir.v${IR_VERSION}.schema.json`;

export function irJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(CompiledContractSchema, { target: "draft-2020-12", unrepresentable: "throw" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: IR_SCHEMA_ID, title: "hindsight compiled contract IR", ...rest };
}

/** The schema file's exact text: two-space indented, newline-terminated. */
export function renderIrJsonSchema(): string {
  return `${JSON.stringify(irJsonSchema(), null, 2)}\n`;
}
