/**
 * Bundles the `hir` command line (src/cli/main.ts) with esbuild into dist/bundle/, which
 * bin/hir.js runs when it is present (`npm run build` makes it; tsc's dist/src/ stays the
 * library API and the launcher's fallback).
 *
 * Why: a cold `hir` process spent a large share of its start-up in Node's ES module loader,
 * which pays per module (resolve, read, compile, link): a small `hir lint` loaded ~190
 * modules, zod alone 95. Bundled, the modules a command needs arrive in a few chunks.
 *
 * - Code splitting keeps the lazy command loading of src/cli/registry.ts: `hir --version`
 *   still loads no parser, and each command's code is its own chunk.
 * - Packages that load themselves by path or are large and loaded late stay external,
 *   resolved from node_modules as before: chevrotain (grammar/chevrotain.ts imports its
 *   single-file build beside the resolved package), prettier, typescript, ajv (required
 *   on the first JSON schema) and the language server.
 * - CommonJS dependencies bundled into ES modules (commander) still call `require` for
 *   Node's built-ins: every chunk gets one from `createRequire`.
 * - zod: the sources import its namespace (`import { z } from "zod"`), which keeps all of
 *   zod in a bundle (~750 KB of its ~95 modules) because a namespace object holds every
 *   export. In the bundle, "zod" resolves to a generated module whose `z` holds only the
 *   members the sources use (`z.<name>` outside types, read from the syntax trees of src/
 *   and grammar/), imported by name, so esbuild drops the rest (~200 KB remain).
 * - Deterministic: paths are relative to the repository, chunk names are content hashes,
 *   and the folder is emptied first so no stale chunk survives.
 *
 *   node scripts/build-cli-bundle.mjs             (part of `npm run build`)
 *   node scripts/build-cli-bundle.mjs --out DIR   (elsewhere: the determinism test builds twice)
 */
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import ts from "typescript";

const require = createRequire(import.meta.url);

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const outArg = process.argv.indexOf("--out");
const OUT = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(ROOT, "dist", "bundle");

/** Kept out of the bundle, loaded from node_modules at run time (see above). */
const EXTERNAL = ["chevrotain", "prettier", "typescript", "ajv", "vscode-languageserver", "vscode-languageserver-textdocument"];

/**
 * The zod members the sources use as values: `z.<name>` anywhere outside types, read from
 * each file's syntax tree (so line breaks and comments inside `z\n  .object` are no matter).
 * Any other value use of `z` (passed along, `z[name]`) fails the build: its members could
 * not be known, and a member missing from the bundle's `z` would fail only at run time.
 */
function usedZodMembers() {
  const used = new Set();
  const problems = [];
  for (const dir of ["src", "grammar"]) {
    for (const e of readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !e.name.endsWith(".ts") || e.name.endsWith(".d.ts")) continue;
      const file = join(e.parentPath, e.name);
      const text = readFileSync(file, "utf8");
      if (!text.includes('"zod"')) continue;
      const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
      const locals = new Set();
      for (const st of sf.statements) {
        if (!ts.isImportDeclaration(st) || st.moduleSpecifier.text !== "zod" || st.importClause?.isTypeOnly) continue;
        const named = st.importClause?.namedBindings;
        if (!named || !ts.isNamedImports(named) || st.importClause.name) {
          problems.push(`${relative(ROOT, file)}: import zod as \`import { z } from "zod"\``);
          continue;
        }
        for (const el of named.elements) {
          if (el.isTypeOnly) continue;
          if ((el.propertyName ?? el.name).text === "z") locals.add(el.name.text);
          else problems.push(`${relative(ROOT, file)}: import zod as \`import { z } from "zod"\` (found ${(el.propertyName ?? el.name).text})`);
        }
      }
      const visit = (node) => {
        // Types are erased; `extends z.X` of a class (an ExpressionWithTypeArguments) is a value.
        if (ts.isImportDeclaration(node) || (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node))) return;
        if (ts.isIdentifier(node) && locals.has(node.text)) {
          const parent = node.parent;
          if (ts.isPropertyAccessExpression(parent) && parent.expression === node) used.add(parent.name.text);
          else if (!(ts.isPropertyAccessExpression(parent) && parent.name === node) && !(ts.isPropertyAssignment(parent) && parent.name === node)) {
            const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
            problems.push(`${relative(ROOT, file)}:${line + 1}: \`${node.text}\` used other than as \`${node.text}.member\``);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
  }
  const zodExports = new Set(Object.keys(require("zod")));
  for (const m of used) if (!zodExports.has(m)) problems.push(`z.${m} is not a value zod exports`);
  if (problems.length > 0) throw new Error(`build-cli-bundle: cannot bundle zod by name:\n  ${problems.join("\n  ")}`);
  return [...used].sort();
}

/** Resolves the sources' "zod" to a module exporting a `z` of the used members only (the module itself imports the real zod). */
function namedZod(members) {
  const contents = `import { ${members.map((m, i) => `${m} as m${i}`).join(", ")} } from "zod";\n` +
    `export const z = Object.freeze({ ${members.map((m, i) => `${JSON.stringify(m)}: m${i}`).join(", ")} });\n`;
  return {
    name: "named-zod",
    setup(b) {
      b.onResolve({ filter: /^zod$/ }, (args) => (args.namespace === "named-zod" ? undefined : { path: "zod", namespace: "named-zod" }));
      b.onLoad({ filter: /.*/, namespace: "named-zod" }, () => ({ contents, resolveDir: ROOT, loader: "js" }));
    },
  };
}

rmSync(OUT, { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: { hir: "src/cli/main.ts" },
  outdir: OUT,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: EXTERNAL,
  banner: { js: "import { createRequire as __hirCreateRequire } from \"node:module\"; const require = __hirCreateRequire(import.meta.url);" },
  plugins: [namedZod(usedZodMembers())],
  legalComments: "none",
  logLevel: "warning",
});
