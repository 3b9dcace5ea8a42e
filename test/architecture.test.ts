/**
 * The layering of the source tree, checked on the import statements themselves.
 *
 * Layers, lowest first (a file may import its own layer and lower ones, never a higher one):
 *   0 base:     grammar/, src/fs/ (checked atomic writes, symlink-safe walks, the one text
 *               decoder), src/common/ (shared leaves: regex compilation, JSON Schema checking,
 *               IFEval built-in names), src/version.ts
 *   1 language: src/language/
 *   2 compiler: src/compiler/
 *   3 runtime:  src/runtime/ — stands alone: it imports only the base layer and, as types
 *               (`import type`, erased at run time), the IR from src/compiler/ir.ts
 *   4 users of the runtime: src/trainer/, src/engines/, src/interop/, src/lsp/,
 *               src/testing/ (test doubles such as the chat-completions stand-in, public as
 *               `hindsight/testing`)
 *   5 entry points: src/cli/, src/index.ts (the library)
 *
 * A program that imports generated verifiers (or `hindsight/runtime`) must also run with
 * the compile-time packages absent, so the runtime's import closure may not reach them.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/repo.js";

interface ImportEdge {
  readonly from: string;
  readonly specifier: string;
  readonly typeOnly: boolean;
  readonly dynamic: boolean;
}

const COMPILE_TIME_PACKAGES = ["chevrotain", "@chevrotain/", "prettier", "typescript", "commander"];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => relative(REPO_ROOT, join(e.parentPath, e.name)));
}

function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(join(REPO_ROOT, file), "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const edges: ImportEdge[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly = clause !== undefined && (clause.isTypeOnly ||
        (clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      edges.push({ from: file, specifier: node.moduleSpecifier.text, typeOnly, dynamic: false });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = node.isTypeOnly ||
        (node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((e) => e.isTypeOnly));
      edges.push({ from: file, specifier: node.moduleSpecifier.text, typeOnly, dynamic: false });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteral(arg)) edges.push({ from: file, specifier: arg.text, typeOnly: false, dynamic: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return edges;
}

/** The repository file a relative specifier names (`./x.js` -> `src/.../x.ts`), or undefined for a package. */
function target(edge: ImportEdge): string | undefined {
  if (!edge.specifier.startsWith(".")) return undefined;
  const abs = resolve(REPO_ROOT, dirname(edge.from), edge.specifier);
  return relative(REPO_ROOT, abs).replace(/\.js$/, ".ts");
}

/** The package a bare specifier names (`@chevrotain/gast/x` -> `@chevrotain/gast`), or undefined. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("node:")) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

const LAYERS: readonly (readonly [prefix: string, layer: number])[] = [
  ["grammar/", 0], ["src/fs/", 0], ["src/common/", 0], ["src/version.ts", 0],
  ["src/language/", 1],
  ["src/compiler/", 2],
  ["src/runtime/", 3],
  ["src/trainer/", 4], ["src/engines/", 4], ["src/interop/", 4], ["src/lsp/", 4], ["src/testing/", 4],
  ["src/cli/", 5], ["src/index.ts", 5],
];

function layerOf(file: string): number | undefined {
  return LAYERS.find(([prefix]) => file === prefix || file.startsWith(prefix))?.[1];
}

/** Layer violations among the given edges: a file importing a higher layer, or the runtime reaching past its base. */
function violations(edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const to = target(e);
    if (to === undefined) continue;
    const from = layerOf(e.from);
    const toLayer = layerOf(to);
    if (from === undefined) {
      out.push(`${e.from}: not in any layer (add it to the table in test/architecture.test.ts)`);
      continue;
    }
    if (toLayer === undefined) {
      out.push(`${e.from} imports ${to}, which is in no layer`);
      continue;
    }
    if (toLayer > from) out.push(`${e.from} (layer ${from}) imports ${to} (layer ${toLayer})`);
    const runtimeMayImport = toLayer === 0 || to.startsWith("src/runtime/") || (e.typeOnly && to === "src/compiler/ir.ts");
    if (e.from.startsWith("src/runtime/") && !runtimeMayImport) {
      out.push(`${e.from} imports ${to}: the runtime imports only the base layer (src/common, src/fs) and IR types`);
    }
  }
  return out;
}

/** Packages reached from `entries` by imports that survive compilation (type-only imports are erased). */
function packageClosure(entries: readonly string[], opts: { followDynamic: boolean }): Map<string, string> {
  const reached = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const e of importsOf(file)) {
      if (e.typeOnly || (e.dynamic && !opts.followDynamic)) continue;
      const to = target(e);
      if (to !== undefined) queue.push(to);
      const pkg = packageOf(e.specifier);
      if (pkg !== undefined && !reached.has(pkg)) reached.set(pkg, file);
    }
  }
  return reached;
}

function compileTimePackagesIn(closure: Map<string, string>): string[] {
  return [...closure]
    .filter(([pkg]) => COMPILE_TIME_PACKAGES.some((c) => (c.endsWith("/") ? pkg.startsWith(c) : pkg === c)))
    .map(([pkg, via]) => `${pkg} (imported by ${via})`);
}

const ALL_FILES = [...sourceFiles("grammar"), ...sourceFiles("src")];

describe("architecture", () => {
  it("no layer imports a higher one, and the runtime imports only the base layer and IR types", () => {
    expect(violations(ALL_FILES.flatMap(importsOf))).toEqual([]);
  });

  it("the rules catch a violation (the check can fail)", () => {
    const bad: ImportEdge[] = [
      { from: "src/language/x.ts", specifier: "../compiler/ir.js", typeOnly: false, dynamic: false },
      { from: "src/runtime/y.ts", specifier: "../language/builtins/registry.js", typeOnly: false, dynamic: false },
      { from: "src/runtime/z.ts", specifier: "../compiler/ir.js", typeOnly: false, dynamic: false },
    ];
    expect(violations(bad)).toHaveLength(3);
    expect(violations([{ from: "src/runtime/z.ts", specifier: "../compiler/ir.js", typeOnly: true, dynamic: false }])).toEqual([]);
  });

  it("the runtime's import closure reaches no compile-time package", () => {
    const closure = packageClosure(["src/runtime/index.ts", "src/runtime/compiled.ts"], { followDynamic: true });
    expect(compileTimePackagesIn(closure)).toEqual([]);
    // The runtime does use its own dependencies, so the closure walk is live.
    expect([...closure.keys()]).toContain("re2js");
  });

  it("the closure walk sees a compile-time package where there is one", () => {
    const closure = packageClosure(["src/compiler/codegen/index.ts"], { followDynamic: true });
    expect(compileTimePackagesIn(closure).map((s) => s.split(" ")[0])).toEqual(expect.arrayContaining(["prettier"]));
  });

  it("code generation prints modules without loading a compile-time package; prettier loads only to format one", () => {
    const printing = packageClosure(["src/compiler/codegen/module.ts", "src/compiler/codegen/index-module.ts"], { followDynamic: true });
    expect(compileTimePackagesIn(printing)).toEqual([]);
    // The parser (chevrotain) is needed to compile at all; prettier and TypeScript are not.
    const compile = packageClosure(["src/compiler/compile.ts"], { followDynamic: false });
    expect([...compile.keys()].filter((p) => ["prettier", "typescript"].includes(p))).toEqual([]);
    expect(compileTimePackagesIn(packageClosure(["src/compiler/compile.ts"], { followDynamic: true })).map((s) => s.split(" ")[0])).toContain("prettier");
  });

  it("the CLI's start-up and its light commands load neither the parser nor codegen", () => {
    const startup = packageClosure(["src/cli/main.ts", "src/cli/commands/explain.ts"], { followDynamic: false });
    expect([...startup.keys()].filter((p) => ["chevrotain", "prettier", "typescript"].includes(p))).toEqual([]);
    const lint = packageClosure(["src/cli/commands/lint.ts"], { followDynamic: false });
    expect([...lint.keys()].filter((p) => ["prettier", "typescript"].includes(p))).toEqual([]);
    // grammar/chevrotain.ts loads chevrotain's single-file build with a dynamic import, so the
    // parser is reached only when dynamic imports are followed (and the walk does see it).
    expect([...packageClosure(["src/cli/commands/lint.ts"], { followDynamic: true }).keys()]).toContain("chevrotain");
  });
});

/**
 * Import cycles among the given edges, type-only and dynamic imports included (a cycle of
 * types still ties two modules into one): one entry per cycle, as `a -> b -> a`, found by
 * a depth-first walk that reports the path back to a file still on the stack.
 */
function importCycles(edges: readonly ImportEdge[]): string[] {
  const graph = new Map<string, string[]>();
  for (const e of edges) {
    const to = target(e);
    if (to === undefined) continue;
    graph.set(e.from, [...(graph.get(e.from) ?? []), to]);
  }
  const cycles: string[] = [];
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "active");
    stack.push(file);
    for (const to of [...new Set(graph.get(file) ?? [])].sort()) {
      const s = state.get(to);
      if (s === "active") cycles.push([...stack.slice(stack.indexOf(to)), to].join(" -> "));
      else if (s === undefined) visit(to);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

describe("import cycles", () => {
  it("no file in src/ or grammar/ imports itself, directly or through others", () => {
    expect(importCycles(ALL_FILES.flatMap(importsOf))).toEqual([]);
  });

  it("the walk finds a cycle where there is one, type-only imports included", () => {
    const edges: ImportEdge[] = [
      { from: "src/language/a.ts", specifier: "./b.js", typeOnly: false, dynamic: false },
      { from: "src/language/b.ts", specifier: "./c.js", typeOnly: true, dynamic: false },
      { from: "src/language/c.ts", specifier: "./a.js", typeOnly: true, dynamic: false },
      { from: "src/language/c.ts", specifier: "./d.js", typeOnly: false, dynamic: false },
    ];
    expect(importCycles(edges)).toEqual(["src/language/a.ts -> src/language/b.ts -> src/language/c.ts -> src/language/a.ts"]);
    expect(importCycles(edges.slice(0, 2))).toEqual([]);
  });
});
