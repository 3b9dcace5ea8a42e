/**
 * Loads a set of spec files and everything they import, parses them, and runs
 * the binder and checker. The one entry point tools use: lint, fmt --check,
 * compile and the runtime all start from a Program.
 */
import { normalizePath, resolveImport } from "./paths.js";
import type * as A from "./ast.js";
import { parseDocument, type ParseResult } from "./ast-builder.js";
import { CATALOG } from "./diagnostics/catalog.js";
import { makeDiagnostic } from "./diagnostics/builder.js";
import { compareDiagnostics, type Diagnostic } from "./diagnostics/types.js";
import { bindProgram } from "./binder.js";
import { checkProgramWithTyping } from "./checker.js";
import type { Typing } from "./typing/table.js";
import type { ExpandResult } from "./files.js";
import type { ConstraintSetModel, ContractModel } from "./model.js";

/** File access, swappable for tests and editors (in-memory documents). */
export interface SourceHost {
  /** Returns the text, or undefined when the file does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /**
   * Whether an import target may be read: it lies inside the project root (after
   * resolving links). Hosts without the notion (in-memory documents) omit it.
   */
  isInsideProject?(path: string): boolean;
  /**
   * The spec files the paths a user named stand for (folders walked, sorted). Hosts
   * without folders (in-memory documents) omit it: every path is then a file.
   */
  expandPaths?(paths: readonly string[]): ExpandResult;
}

/** Only contract files are ever read through an import, so no other file's text reaches a code frame. */
const CONTRACT_EXTENSION = ".contract";

export interface Program {
  /** Parsed files by normalised path, in load order (entries first, then imports). */
  readonly files: ReadonlyMap<string, A.SourceFile>;
  /** The files named by the caller (not reached only through imports). */
  readonly entries: readonly string[];
  /** Resolved imports: file -> imported files (existing ones only). */
  readonly imports: ReadonlyMap<string, readonly string[]>;
  readonly contracts: readonly ContractModel[];
  readonly sets: readonly ConstraintSetModel[];
  /** Every diagnostic, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** Types, name resolutions and constants of every check expression. */
  readonly typing: Typing;
}

export interface LoadOptions {
  /**
   * Parses one file; defaults to `parseDocument`. An editor passes a cache keyed by path and
   * text so that unchanged files are not parsed again on every keystroke.
   */
  readonly parse?: (text: string, path: string) => ParseResult;
}

/** Parses `entries` and their imports, binds and checks them. Never throws on user input. */
export function loadProgram(entries: readonly string[], host: SourceHost, options: LoadOptions = {}): Program {
  const parse = options.parse ?? parseDocument;
  // Each file is read (and decoded) once: an entry or import is first read to see that it
  // exists, then again to parse it, and a large spec's decoding is not free.
  const texts = new Map<string, string | undefined>();
  const readFile = (path: string): string | undefined => {
    if (!texts.has(path)) texts.set(path, host.readFile(path));
    return texts.get(path);
  };
  const files = new Map<string, A.SourceFile>();
  const imports = new Map<string, string[]>();
  const diagnostics: Diagnostic[] = [];
  const normalizedEntries = [...new Set(entries.map(normalizePath))];
  const queue = [...normalizedEntries];

  for (const entry of normalizedEntries) {
    if (readFile(entry) === undefined) {
      diagnostics.push(makeDiagnostic(CATALOG.importNotFound, entry, zeroRange(), `cannot read \`${entry}\``, { hint: "Check the path." }));
    }
  }

  while (queue.length > 0) {
    const path = queue.shift() as string;
    if (files.has(path)) continue;
    const text = readFile(path);
    texts.delete(path);
    if (text === undefined) continue;
    const parsed = parse(text, path);
    files.set(path, parsed.file);
    for (const d of parsed.diagnostics) diagnostics.push(d);
    const targets: string[] = [];
    const seen = new Map<string, A.ImportDecl>();
    for (const d of parsed.file.declarations) {
      if (d.kind !== "Import") continue;
      const target = resolveImport(path, d.path.value);
      const earlier = seen.get(target);
      if (earlier) {
        diagnostics.push(makeDiagnostic(CATALOG.duplicateImport, path, d.range, `\`${d.path.value}\` is already imported`, {
          related: [{ file: path, range: earlier.range, message: "first imported here" }],
        }));
        continue;
      }
      seen.set(target, d);
      // Checked before reading, and in this order, so the error never depends on what the file holds
      // (nor, outside the project, on whether it exists); it names the path only.
      if (!target.endsWith(CONTRACT_EXTENSION)) {
        diagnostics.push(makeDiagnostic(CATALOG.importNotContract, path, d.path.range, `cannot import \`${d.path.value}\`: only \`${CONTRACT_EXTENSION}\` files can be imported (the file was not read)`, {
          hint: "Import the `.contract` file that holds the constraints.",
        }));
        continue;
      }
      if (host.isInsideProject !== undefined && !host.isInsideProject(target)) {
        diagnostics.push(makeDiagnostic(CATALOG.importOutsideProject, path, d.path.range, `cannot import \`${d.path.value}\`: \`${target}\` is outside the project root (the file was not read)`, {
          hint: "Imports resolve only inside the project (the folder of hir.config.json or package.json). Move the file into the project, or set `imports.root` in hir.config.json.",
        }));
        continue;
      }
      if (readFile(target) === undefined) {
        diagnostics.push(makeDiagnostic(CATALOG.importNotFound, path, d.path.range, `cannot find \`${d.path.value}\` (looked for \`${target}\`)`, {
          hint: "Import paths are relative to the importing file.",
        }));
        continue;
      }
      targets.push(target);
      queue.push(target);
    }
    imports.set(path, targets);
  }

  diagnostics.push(...findImportCycles(files, imports));
  const bound = bindProgram(files, imports);
  for (const d of bound.diagnostics) diagnostics.push(d);
  const checked = checkProgramWithTyping({ files, imports, contracts: bound.contracts, sets: bound.sets });
  for (const d of checked.diagnostics) diagnostics.push(d);
  return {
    files,
    entries: normalizedEntries,
    imports,
    contracts: bound.contracts,
    sets: bound.sets,
    diagnostics: dedupe(diagnostics).sort(compareDiagnostics),
    typing: checked.typing,
  };
}

function zeroRange(): A.SourceFile["range"] {
  const p = { offset: 0, line: 1, column: 1 };
  return { start: p, end: p };
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}\u0000${d.range.start.offset}\u0000${d.range.end.offset}\u0000${d.code}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Reports each import cycle once, at the import that closes it. */
function findImportCycles(files: ReadonlyMap<string, A.SourceFile>, imports: ReadonlyMap<string, readonly string[]>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "active");
    stack.push(file);
    for (const target of imports.get(file) ?? []) {
      const s = state.get(target);
      if (s === "active") {
        const cycle = [...stack.slice(stack.indexOf(target)), target];
        const decl = files.get(file)?.declarations.find((d): d is A.ImportDecl => d.kind === "Import" && resolveImport(file, d.path.value) === target);
        out.push(makeDiagnostic(CATALOG.importCycle, file, decl?.range ?? zeroRange(), `import cycle: ${cycle.join(" -> ")}`, {
          hint: "Move what both files need into a third file that both import.",
        }));
      } else if (s === undefined) {
        visit(target);
      }
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const f of files.keys()) if (!state.has(f)) visit(f);
  return out;
}

export { normalizePath, resolveImport };
