/**
 * The printer's exact layout, before prettier (modules over FORMAT_LIMIT_BYTES are written
 * like this): raw module and registry texts against goldens/raw, which the ts-morph printer
 * wrote before this printer replaced it (see raw-texts.ts).
 * Regenerate with `UPDATE_GOLDENS=1 npx vitest run test/compiler/codegen/raw.golden.test.ts`.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateIndexText } from "../../../src/compiler/codegen/index-module.js";
import { contractBindings, generateModuleText } from "../../../src/compiler/codegen/module.js";
import { runPipeline } from "../../../src/compiler/pipeline.js";
import { nodeHost } from "../../../src/language/node-host.js";
import { expectGolden } from "../../helpers/golden.js";
import { REPO_ROOT } from "../../helpers/repo.js";
import { rawTexts } from "./raw-texts.js";

const GOLDENS = join(import.meta.dirname, "goldens", "raw");

describe("raw generated text", () => {
  it("matches the goldens byte for byte", () => {
    const texts = rawTexts({ runPipeline, generateModuleText, generateIndexText, contractBindings, nodeHost }, REPO_ROOT);
    expect([...texts.keys()].sort()).toEqual(["all-hard.ts", "edge-docs.ts", "index-empty.ts", "index.ts", "kitchen-sink.ts"]);
    for (const [name, text] of texts) expectGolden(text, join(GOLDENS, `${name}.golden`));
  });
});
