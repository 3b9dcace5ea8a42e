/**
 * The server's view of the workspace, built on the same services as `hir lint`: programs come
 * from the one pipeline (src/compiler/pipeline.ts `runPipeline`, stopped at its `checked`
 * stage) over a host that prefers open buffers, diagnostics from `lintProgram` with the
 * workspace's config. Caches keep a keystroke cheap:
 * - parses, keyed by path and text, so files that did not change are not parsed again;
 * - one program per open document (the document and what it imports), reused until a file
 *   of it changes; an edit re-checks only the programs that contain the edited file.
 */
import { runPipeline } from "../compiler/pipeline.js";
import { parseDocument, type ParseResult } from "../language/ast-builder.js";
import type { Diagnostic } from "../language/diagnostics/types.js";
import { expandContractPaths } from "../language/files.js";
import { defaultConfig, isIgnored, lintProgram, loadConfigFor, type ConfigLoadResult, type LintConfig } from "../language/lint/index.js";
import { resolveImport, type Program } from "../language/program.js";
import { PathMapper } from "./convert.js";
import { SourceStore } from "./documents.js";

export class Workspace {
  readonly paths: PathMapper;
  readonly sources: SourceStore;
  private readonly parses = new Map<string, ParseResult>();
  private readonly programs = new Map<string, Program>();
  private whole: Program | undefined;
  private configCache: ConfigLoadResult | undefined;

  constructor(readonly root: string) {
    this.paths = new PathMapper(root);
    this.sources = new SourceStore(this.paths);
  }

  /** Parses through the cache: same path and text, same result. */
  readonly parse = (text: string, path: string): ParseResult => {
    const hit = this.parses.get(path);
    if (hit && hit.file.text === text) return hit;
    const parsed = parseDocument(text, path);
    this.parses.set(path, parsed);
    return parsed;
  };

  /** The program rooted at one document: the file and everything it imports. */
  programFor(path: string): Program {
    const cached = this.programs.get(path);
    if (cached && this.isCurrent(cached)) return cached;
    const program = this.check([path]);
    this.programs.set(path, program);
    return program;
  }

  /** Every contract file of the workspace on disk plus the open ones: for references and rename. */
  workspaceProgram(): Program {
    if (this.whole && this.isCurrent(this.whole) && this.sources.openPaths().every((p) => this.whole?.files.has(p))) return this.whole;
    const onDisk = expandContractPaths([], this.root).files.filter((f) => !isIgnored(f, this.config().config, this.root));
    const entries = [...new Set([...onDisk, ...this.sources.openPaths()])].sort();
    this.whole = this.check(entries);
    return this.whole;
  }

  /** What `hir lint` run at the root reports for this file; nothing when the config ignores it. */
  diagnosticsFor(path: string): Diagnostic[] {
    const loaded = this.config();
    if (isIgnored(path, loaded.config, this.root)) return [];
    return lintProgram(this.programFor(path), loaded.config, { files: new Set([path]) });
  }

  config(): { readonly config: LintConfig; readonly diagnostics: readonly Diagnostic[] } {
    this.configCache ??= loadConfigFor(this.root, this.root);
    return { config: this.configCache.config ?? defaultConfig(this.root), diagnostics: this.configCache.diagnostics };
  }

  /** A config file or a file on disk changed: forget what depended on it. */
  invalidate(): void {
    this.configCache = undefined;
    this.whole = undefined;
  }

  forget(path: string): void {
    this.programs.delete(path);
  }

  /** Checks `entries` and their imports: the pipeline over the open buffers and the parse cache, without lowering. */
  private check(entries: readonly string[]): Program {
    return runPipeline({ files: entries, host: this.sources, parse: this.parse, until: "checked" }).program;
  }

  /** Whether every file the program read still has the same text, and no missing import appeared. */
  private isCurrent(program: Program): boolean {
    for (const [path, sf] of program.files) {
      if (this.sources.readFile(path) !== sf.text) return false;
      for (const d of sf.declarations) {
        if (d.kind !== "Import") continue;
        const target = resolveImport(path, d.path.value);
        if (!program.files.has(target) && this.sources.readFile(target) !== undefined) return false;
      }
    }
    for (const entry of program.entries) if (!program.files.has(entry) && this.sources.readFile(entry) !== undefined) return false;
    return true;
  }
}
