/**
 * Golden generated output for the fixture specs (test/compiler/codegen/fixtures).
 * Regenerate with `UPDATE_GOLDENS=1 npx vitest run test/compiler/codegen` and review the diff.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GENERATED_MARKER } from "../../../src/compiler/codegen/header.js";
import { expectGolden } from "../../helpers/golden.js";
import { build } from "./helpers.js";

const GOLDENS = join(import.meta.dirname, "goldens");
const ENTRIES = [
  "test/compiler/codegen/fixtures/all-hard.contract",
  "test/compiler/codegen/fixtures/kitchen-sink.contract",
  "test/compiler/codegen/fixtures/shared/style.contract",
];

describe("generated code goldens", () => {
  it("matches the goldens for the fixture specs", async () => {
    const r = await build({ entries: ENTRIES, rootDir: "test/compiler/codegen/fixtures", outDir: "test/compiler/codegen/.tmp/golden" });
    expect(r.errors).toEqual([]);
    expect(r.failed).toEqual([]);
    // One module per spec file with contracts (the constraint-set file has none), plus the registry.
    expect([...r.plan.files.keys()].sort()).toEqual(["all-hard.ts", "index.ts", "kitchen-sink.ts"]);
    for (const [rel, text] of r.plan.files) {
      expect(text.startsWith(GENERATED_MARKER)).toBe(true);
      expectGolden(text, join(GOLDENS, `${rel}.golden`));
    }
  });
});
