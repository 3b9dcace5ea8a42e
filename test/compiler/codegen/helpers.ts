/**
 * Shared helpers of the codegen tests: compiling specs into a scratch directory
 * inside the repository (test/compiler/codegen/.tmp, gitignored), type-checking the
 * generated files with the TypeScript compiler API, and importing them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import type { CompileOptions } from "../../../src/compiler/compile.js";
import { CompileSession, type BuildResult } from "../../../src/compiler/session.js";
import { memoryHost, nodeHost } from "../../../src/language/node-host.js";
import type { SourceHost } from "../../../src/language/program.js";
import { REPO_ROOT } from "../../helpers/repo.js";

export const TMP_ROOT = resolve(REPO_ROOT, "test/compiler/codegen/.tmp");
export const FIXTURES = resolve(REPO_ROOT, "test/compiler/codegen/fixtures");
export const RUNTIME = resolve(REPO_ROOT, "src/runtime/compiled.js");
/** Pinned so goldens survive version bumps. */
export const TEST_COMPILER_VERSION = "0.0.0-test";

export function scratchDir(name: string): string {
  mkdirSync(TMP_ROOT, { recursive: true });
  return mkdtempSync(join(TMP_ROOT, `${name}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface BuildOptions {
  /** Working directory the spec paths are relative to (default: the repository). */
  readonly cwd?: string;
  /** Spec files (relative to cwd). */
  readonly entries: readonly string[];
  readonly rootDir: string;
  /** Output dir relative to cwd. */
  readonly outDir: string;
  readonly host?: SourceHost;
  readonly runtimePath?: string;
}

/** A full build through a CompileSession (what `hir compile` runs), without writing. */
export async function build(o: BuildOptions): Promise<BuildResult> {
  const cwd = o.cwd ?? REPO_ROOT;
  const options: CompileOptions & { listEntries: () => readonly string[]; host: SourceHost } = {
    rootDir: o.rootDir,
    outDir: o.outDir,
    cwd,
    runtimeImport: { kind: "path", path: o.runtimePath ?? RUNTIME },
    compilerVersion: TEST_COMPILER_VERSION,
    listEntries: () => [...o.entries].sort(),
    host: o.host ?? nodeHost(cwd),
  };
  return new CompileSession(options).full();
}

export async function buildFromMemory(files: Record<string, string>, outDir: string, rootDir = "."): Promise<BuildResult> {
  return build({ entries: Object.keys(files).filter((f) => f.endsWith(".contract")), rootDir, outDir, host: memoryHost(files) });
}

/** Writes a build's files under `dir` (absolute); returns the absolute paths. */
export function writeBuild(result: BuildResult, dir: string): string[] {
  const out: string[] = [];
  for (const [rel, text] of result.plan.files) {
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    out.push(abs);
  }
  return out;
}

// ---- type checking ------------------------------------------------------------------------------------------------

/**
 * Strict options, stricter than the repository's own (consumers of generated code may
 * use any of these), for the generated files only.
 */
export const STRICT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2023.d.ts"],
  types: ["node"],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  noPropertyAccessFromIndexSignature: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  skipLibCheck: true,
  noEmit: true,
  esModuleInterop: true,
  resolveJsonModule: true,
};

const sourceCache = new Map<string, { mtime: number; sf: ts.SourceFile }>();

/** A compiler host that caches parsed files outside the scratch directory (lib, node_modules, src). */
function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const original = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (fileName.startsWith(TMP_ROOT)) return original(fileName, languageVersion, onError, shouldCreate);
    let mtime = 0;
    try {
      mtime = statSync(fileName).mtimeMs;
    } catch {
      return original(fileName, languageVersion, onError, shouldCreate);
    }
    const hit = sourceCache.get(fileName);
    if (hit && hit.mtime === mtime) return hit.sf;
    const sf = original(fileName, languageVersion, onError, shouldCreate);
    if (sf) sourceCache.set(fileName, { mtime, sf });
    return sf;
  };
  return host;
}

/** Type-checks `files` (absolute paths); returns diagnostics located in those files, formatted. */
export function typecheck(files: readonly string[], options: ts.CompilerOptions = STRICT_OPTIONS): string[] {
  const program = ts.createProgram([...files], options, cachingHost(options));
  const wanted = new Set(files.map((f) => resolve(f)));
  const diags = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics(), ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]
    .filter((d) => !d.file || wanted.has(resolve(d.file.fileName)));
  return diags.map((d) => {
    const msg = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || d.start === undefined) return msg;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${relative(REPO_ROOT, d.file.fileName)}:${line + 1}:${character + 1} TS${d.code} ${msg}`;
  });
}

/** Imports a generated module (vitest transforms the TypeScript). */
export async function importModule<T = Record<string, unknown>>(file: string): Promise<T> {
  return (await import(/* @vite-ignore */ `${pathToFileURL(file).href}?t=${Date.now()}`)) as T;
}

export function read(file: string): string {
  return readFileSync(file, "utf8");
}

/**
 * Exact structural equality: same own enumerable keys in the same order, same
 * prototypes, leaves equal by Object.is (so lone surrogates, -0 and NaN count).
 * Returns the path of the first difference, or undefined. (Vitest's toStrictEqual
 * misreports objects with an own `constructor` key, which constraint ids can be.)
 */
export function firstDifference(a: unknown, b: unknown, path = "$"): string | undefined {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) {
    return Object.is(a, b) ? undefined : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: different prototypes`;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join("\u0000") !== kb.join("\u0000")) return `${path}: keys [${ka.join(", ")}] vs [${kb.join(", ")}]`;
  for (const k of ka) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return undefined;
}
