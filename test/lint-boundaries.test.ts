/**
 * The import-boundary zones in eslint.config.js, run through ESLint itself on planted imports:
 * each layer rejects a higher one, accepts its own and lower ones, and the runtime accepts the
 * IR only as `import type`. (`npm run lint:ts` runs the same rule on the real tree in CI;
 * test/architecture.test.ts checks the same layering on the import graph.)
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/repo.js";

const RULE = "@typescript-eslint/no-restricted-imports";
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: REPO_ROOT,
    // The planted files do not exist, so no type program: run only the syntactic rules we test.
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => ruleId === RULE || ruleId === "no-restricted-syntax",
  });
});

/** The rules that report on `code` placed at `file` (repository-relative). */
async function reported(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: join(REPO_ROOT, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const bad: readonly (readonly [file: string, code: string])[] = [
  ["src/language/x.ts", `import { x } from "../compiler/ir.js";`],
  ["src/language/checks/x.ts", `import { x } from "../../runtime/verify.js";`],
  ["src/compiler/codegen/x.ts", `import { x } from "../../index.js";`],
  ["src/compiler/x.ts", `import { x } from "../trainer/trainer.js";`],
  ["src/fs/x.ts", `import { x } from "../language/ast.js";`],
  ["src/common/x.ts", `import { x } from "../index.js";`],
  ["src/version.ts", `import { x } from "./language/ast.js";`],
  ["grammar/x.ts", `import { x } from "../src/language/ast.js";`],
  ["src/runtime/x.ts", `import { x } from "../language/ast.js";`],
  ["src/runtime/x.ts", `import type { X } from "../language/ast.js";`],
  ["src/runtime/x.ts", `import { ir } from "../compiler/ir.js";`],
  ["src/runtime/x.ts", `import type { X } from "../compiler/lower.js";`],
  ["src/runtime/ifbench/checkers/x.ts", `import { x } from "../../../compiler/codegen/emit.js";`],
  ["src/runtime/x.ts", `import { x } from "../engines/serve/server.js";`],
  ["src/lsp/x.ts", `export { x } from "../cli/main.js";`],
  ["src/testing/a/b/x.ts", `export * from "../../../cli/io.js";`],
  ["src/trainer/x.ts", `import { x } from "../index.js";`],
];

const good: readonly (readonly [file: string, code: string])[] = [
  ["src/language/checks/x.ts", `import { x } from "../lint/index.js"; import { y } from "../../fs/text.js";`],
  ["src/compiler/codegen/x.ts", `import { x } from "../index.js"; import { y } from "../../language/ast.js";`],
  ["src/common/x.ts", `import { x } from "../version.js"; import { y } from "../fs/text.js";`],
  ["grammar/x.ts", `import { x } from "../src/fs/text.js"; import { y } from "../src/version.js";`],
  ["src/runtime/x.ts", `import type { X } from "../compiler/ir.js"; import { type Y } from "../compiler/ir.js";`],
  ["src/runtime/judge/x.ts", `import { x } from "../../common/regex.js"; import { y } from "../verify.js";`],
  ["src/trainer/x.ts", `import { x } from "../engines/serve/server.js"; import { y } from "../runtime/index.js";`],
  ["src/cli/commands/x.ts", `import { x } from "../../trainer/trainer.js"; import { y } from "../../index.js";`],
  ["src/index.ts", `export * from "./cli/io.js";`],
];

describe("lint: import boundaries", () => {
  it.each(bad)("%s rejects `%s`", async (file, code) => {
    expect(await reported(file, code)).toEqual([RULE]);
  });

  it.each(good)("%s accepts `%s`", async (file, code) => {
    expect(await reported(file, code)).toEqual([]);
  });

  it("a file nested deeper than the zones reach is an error, not unchecked", async () => {
    expect(await reported("src/runtime/a/b/c/d/e/f/x.ts", `export const x = 1;`)).toEqual(["no-restricted-syntax"]);
  });

  it("every top-level entry of src/ (and grammar/) falls in a zone", async () => {
    const entries = readdirSync(join(REPO_ROOT, "src"), { withFileTypes: true })
      .filter((e) => e.isDirectory() || (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")))
      .map((e) => (e.isDirectory() ? `src/${e.name}/x.ts` : `src/${e.name}`));
    const unzoned: string[] = [];
    for (const file of [...entries, "grammar/x.ts"]) {
      const config = (await eslint.calculateConfigForFile(join(REPO_ROOT, file))) as { rules?: Record<string, unknown> };
      const options = config.rules?.[RULE];
      if (!Array.isArray(options) || options.length < 2) unzoned.push(file);
    }
    expect(entries.length).toBeGreaterThan(10);
    expect(unzoned).toEqual([]);
  });
});
