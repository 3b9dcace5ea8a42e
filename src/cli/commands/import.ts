/**
 * `hir import ifeval <input_data.jsonl> [--out FILE]` and
 * `hir import open-instruct <file.jsonl> [--out FILE]`: convert dataset rows into
 * contract source (src/language/import/), one contract per row whose constraints
 * call the IFEval compatibility built-ins, formatted canonically (as `hir fmt`).
 * The source goes to standard output, or atomically to FILE. Rows that cannot be converted (malformed JSONL line, unknown
 * instruction id, bad kwargs) are reported on stderr as `file:line: ...` and
 * skipped; the others are converted. Exit 0 clean, 1 when rows were skipped (or
 * invalid UTF-8 was replaced),
 * 2 on usage errors (unreadable file).
 */
import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import type { Command } from "commander";
import { formatContract } from "../../language/format/index.js";
import { rowsToContractSource } from "../../language/import/contracts.js";
import { readIfevalInputs } from "../../language/import/ifeval.js";
import { readOpenInstructRows } from "../../language/import/open-instruct.js";
import type { ImportProblem, ImportRead } from "../../language/import/rows.js";
import { decodeUtf8Lines } from "../../interop/eval-ifeval.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { writeFileAtomic } from "../../fs/atomic.js";

export type ImportFormat = "ifeval" | "open-instruct";

const READERS: Record<ImportFormat, { read: (text: string) => ImportRead; prefix: string }> = {
  ifeval: { read: readIfevalInputs, prefix: "ifeval" },
  "open-instruct": { read: readOpenInstructRows, prefix: "rlvr" },
};

export interface ImportOptions {
  readonly out?: string;
}

/** Reads a file (or standard input for `-`) as bytes; undefined when unreadable (reported). */
export async function readInputBytes(io: CliIO, command: string, file: string): Promise<Uint8Array | undefined> {
  try {
    if (file === "-") return new TextEncoder().encode(await io.readStdin());
    return await readFile(resolve(io.cwd, file));
  } catch (e) {
    io.stderr(`${command}: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return undefined;
  }
}

export async function importCommand(io: CliIO, format: ImportFormat, file: string, opts: ImportOptions): Promise<number> {
  const reader = READERS[format];
  const bytes = await readInputBytes(io, "hir import", file);
  if (bytes === undefined) return EXIT_USAGE;
  const shown = file === "-" ? "<stdin>" : file;
  const decoded = decodeUtf8Lines(bytes);
  for (const w of decoded.warnings) io.stderr(`${shown}:${w.line}: warning: ${w.message}\n`);
  const read = reader.read(decoded.text);
  const generated = rowsToContractSource(read.rows, { prefix: reader.prefix, origin: file === "-" ? "standard input" : basename(file) });
  const problems: ImportProblem[] = [...read.problems, ...generated.problems].sort((a, b) => a.line - b.line);
  for (const p of problems) io.stderr(`${shown}:${p.line}: ${p.key !== undefined ? `key ${p.key}: ` : ""}${p.message}\n`);
  // Canonical layout, so the output also passes `hir fmt --check` (the generated text is kept if formatting fails).
  const source = (await formatContract(generated.source, opts.out ?? "import.contract")).formatted ?? generated.source;
  if (opts.out === undefined) io.stdout(source);
  else {
    try {
      writeFileAtomic(resolve(io.cwd, opts.out), source);
    } catch (e) {
      io.stderr(`hir import: cannot write ${opts.out}: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT_USAGE;
    }
  }
  const n = generated.converted.length;
  io.stderr(
    `hir import ${format}: ${n} contract${n === 1 ? "" : "s"} from ${shown}${opts.out !== undefined ? ` -> ${opts.out}` : ""}` +
      `${problems.length > 0 ? `; ${problems.length} row${problems.length === 1 ? "" : "s"} skipped` : ""}\n`,
  );
  return problems.length > 0 || decoded.warnings.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** Adds `hir import` to the CLI (call from src/cli/registry.ts). */
export function registerImportCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const cmd = program.command("import").description("convert dataset rows (IFEval, open-instruct RLVR) into contract source");
  cmd
    .command("ifeval")
    .description("IFEval input_data.jsonl ({key, prompt, instruction_id_list, kwargs}) -> one contract per row")
    .argument("<file>", "input_data.jsonl (- for standard input)")
    .option("-o, --out <file>", "write the contract source to a file (atomically) instead of standard output")
    .action(async (file: string, o: ImportOptions) => setExit(await importCommand(io, "ifeval", file, o)));
  cmd
    .command("open-instruct")
    .description("open-instruct RLVR rows (messages, ground_truth) -> one contract per row")
    .argument("<file>", "JSONL file (- for standard input)")
    .option("-o, --out <file>", "write the contract source to a file (atomically) instead of standard output")
    .action(async (file: string, o: ImportOptions) => setExit(await importCommand(io, "open-instruct", file, o)));
}
