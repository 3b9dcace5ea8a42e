/**
 * Code generation: compiled contracts (src/compiler/pipeline.ts) -> TypeScript
 * modules (codegen, printed by codegen/printer.ts) -> formatted text (prettier, for
 * modules up to 256 KiB; loaded on the first one).
 *
 * - One module per spec file that declares contracts, at the spec's path relative to
 *   the spec root (src/compiler/module-paths.ts), plus `index.ts` registering every
 *   contract by name.
 * - Deterministic: inputs are relative posix paths, output is ordered by path and
 *   declaration order, no timestamps, fixed formatting options. The same specs give
 *   byte-identical files on every machine.
 * - Files with error diagnostics (theirs or those of files they use) are not compiled;
 *   their previous output is left alone, and `index.ts` is only rewritten when every
 *   file compiled. Writing the output: src/compiler/output.ts; watch sessions:
 *   src/compiler/session.ts.
 */
import { compareStrings } from "../common/order.js";
import type { Diagnostic } from "../language/diagnostics/types.js";
import type { Program, SourceHost } from "../language/program.js";
import { formattedIndexText } from "./codegen/index-formatted.js";
import { generateIndexText, type IndexEntry } from "./codegen/index-module.js";
import { formatTypeScript } from "./codegen/format.js";
import type { SourceRef } from "./codegen/header.js";
import { contractBindings, generateModuleText } from "./codegen/module.js";
import type { RuntimeImport } from "./compile-config.js";
import type { CompiledContract } from "./ir.js";
import { sha256Hex } from "./ir-hash.js";
import type { SkippedContract } from "./lower.js";
import { INDEX_FILE, modulePathFor, relativeSpecifier, runtimeSpecifierFor } from "./module-paths.js";
import { runPipeline, type PipelineResult } from "./pipeline.js";

export interface CompileOptions {
  /** Spec root: module paths mirror spec paths relative to it (relative to the working directory, posix). */
  readonly rootDir: string;
  /** Output directory relative to the working directory (posix), used for runtime import paths. */
  readonly outDir: string;
  readonly runtimeImport: RuntimeImport;
  /** The working directory (absolute), to relate `runtimeImport` paths to `outDir`. */
  readonly cwd: string;
  /** Recorded in the IR (default: the package version). Tests pin it. */
  readonly compilerVersion?: string;
}

export interface CompiledModule {
  /** The spec file (relative posix path). */
  readonly source: string;
  /** Output path relative to the output directory (posix). */
  readonly path: string;
  readonly text: string;
  readonly contracts: readonly CompiledContract[];
  /** For index.ts. */
  readonly index: IndexEntry;
}

export interface StageTimings {
  /** Parsing, binding and checking. */
  parse: number;
  /** IR lowering. */
  lower: number;
  /** Building and printing the module text. */
  codegen: number;
  /** prettier. */
  format: number;
}

export interface CompileRun {
  readonly program: Program;
  /** Modules of the spec files that compiled, ordered by output path. */
  readonly modules: readonly CompiledModule[];
  /** Spec files (entries) not compiled because of errors, sorted. */
  readonly failed: readonly string[];
  /** Error diagnostics of the program. */
  readonly errors: readonly Diagnostic[];
  /** Contracts lowering skipped (errors in their files, or internal problems). */
  readonly skipped: readonly SkippedContract[];
  readonly timings: StageTimings;
}

function sourceRef(program: Program, file: string): SourceRef {
  return { file, hash: sha256Hex(program.files.get(file)?.text ?? "") };
}

/** Generates (and formats) the modules of the entries a pipeline run compiled, ordered by output path. */
export async function generateModules(run: PipelineResult, options: CompileOptions, timings: StageTimings): Promise<CompiledModule[]> {
  const { program } = run;
  const failed = new Set(run.failedFiles);
  const byFile = new Map<string, CompiledContract[]>();
  for (const c of run.contracts) byFile.set(c.source.file, [...(byFile.get(c.source.file) ?? []), c]);

  const modules: CompiledModule[] = [];
  for (const file of [...program.entries].sort(compareStrings)) {
    const contracts = byFile.get(file);
    if (failed.has(file) || !contracts || contracts.length === 0) continue;
    const modulePath = modulePathFor(file, options.rootDir);
    const reads = new Set<string>();
    for (const c of contracts) for (const k of c.constraints) if (k.source.file !== file) reads.add(k.source.file);
    let start = performance.now();
    const raw = generateModuleText({
      source: sourceRef(program, file),
      imports: [...reads].sort(compareStrings).map((f) => sourceRef(program, f)),
      contracts,
      runtimeImport: runtimeSpecifierFor(modulePath, options),
    });
    timings.codegen += performance.now() - start;
    start = performance.now();
    const text = await formatTypeScript(raw);
    timings.format += performance.now() - start;
    const bindings = contractBindings(contracts);
    modules.push({
      source: file,
      path: modulePath,
      text,
      contracts,
      index: { specifier: relativeSpecifier(INDEX_FILE, modulePath.replace(/\.ts$/, ".js")), source: sourceRef(program, file), contracts: bindings },
    });
  }
  return modules.sort((a, b) => compareStrings(a.path, b.path));
}

/** Loads, checks and lowers `entries` (relative posix paths, read through `host`; src/compiler/pipeline.ts), then generates their modules. */
export async function compileSpecs(entries: readonly string[], host: SourceHost, options: CompileOptions): Promise<CompileRun> {
  const run = runPipeline({
    files: entries,
    host,
    baseDir: options.cwd,
    ...(options.compilerVersion !== undefined ? { compilerVersion: options.compilerVersion } : {}),
  });
  const timings: StageTimings = { parse: run.timings.check, lower: run.timings.lower, codegen: 0, format: 0 };
  const modules = await generateModules(run, options, timings);
  return { program: run.program, modules, failed: run.failedFiles, errors: run.errors, skipped: run.skipped, timings };
}

/** The formatted `index.ts` for these modules (printed in prettier's layout directly when it can be, see formattedIndexText). */
export async function indexModule(modules: readonly Pick<CompiledModule, "index">[]): Promise<string> {
  const entries = modules.map((m) => m.index);
  return formattedIndexText(entries) ?? formatTypeScript(generateIndexText(entries));
}
