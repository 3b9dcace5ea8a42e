/**
 * `hir import ifeval <input_data.jsonl> [--out FILE]` and
 * `hir import open-instruct <file.jsonl> [--out FILE]`: convert dataset rows into
 * contract source (src/interop/import/), one contract per row whose constraints
 * call the IFEval compatibility built-ins, formatted canonically (as `hir fmt`).
 * The source goes to standard output, or atomically to FILE. Rows that cannot be converted (malformed JSONL line, unknown
 * instruction id, bad kwargs) are reported on stderr as `file:line: ...` and
 * skipped; the others are converted. Exit 0 clean, 1 when rows were skipped (or
 * invalid UTF-8 was replaced),
 * 2 on usage errors (unreadable file).
 */
import { readFile } from "node:fs/promises";
import { basename, dirname, relative, resolve } from "node:path";
import type { Command } from "commander";
import { formatContract } from "../../language/format/index.js";
import { rowsToContractSource } from "../../interop/import/contracts.js";
import { readIfevalInputs } from "../../interop/import/ifeval.js";
import { readOpenInstructRows } from "../../interop/import/open-instruct.js";
import { hir16kTrainingData, readHir16kRows, type Hir16kRead } from "../../interop/hir16k.js";
import type { ImportProblem, ImportRead } from "../../interop/import/rows.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { writeFileAtomic } from "../../fs/atomic.js";

export type ImportFormat = "ifeval" | "ifbench" | "open-instruct" | "hir16k";

const READERS: Record<ImportFormat, { read: (input: Uint8Array) => ImportRead; prefix: string }> = {
  ifeval: { read: readIfevalInputs, prefix: "ifeval" },
  // IFBench rows share IFEval's schema; their kwargs name every argument, null where unused (dropped on reading).
  ifbench: { read: readIfevalInputs, prefix: "ifbench" },
  "open-instruct": { read: readOpenInstructRows, prefix: "rlvr" },
  hir16k: { read: readHir16kRows, prefix: "hir16k" },
};

export interface ImportOptions {
  readonly out?: string;
  /** hir16k: also write the training data file (tasks) here; needs --out. */
  readonly tasks?: string;
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
  if (opts.tasks !== undefined && (format !== "hir16k" || opts.out === undefined)) {
    io.stderr(`hir import: --tasks needs \`hir import hir16k\` and --out (the tasks file names the contract file)\n`);
    return EXIT_USAGE;
  }
  const bytes = await readInputBytes(io, "hir import", file);
  if (bytes === undefined) return EXIT_USAGE;
  const shown = file === "-" ? "<stdin>" : file;
  const read = reader.read(bytes);
  for (const w of read.warnings) io.stderr(`${shown}:${w.line}: warning: ${w.message}\n`);
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
  if (opts.tasks !== undefined && opts.out !== undefined) {
    const tasksPath = resolve(io.cwd, opts.tasks);
    const contractRef = relative(dirname(tasksPath), resolve(io.cwd, opts.out)).split("\\").join("/");
    const tasks = hir16kTrainingData(contractRef, generated.converted.map((c) => ({ key: c.row.key, name: c.name })), shown);
    try {
      writeFileAtomic(tasksPath, tasks);
    } catch (e) {
      io.stderr(`hir import: cannot write ${opts.tasks}: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT_USAGE;
    }
  }
  if (format === "hir16k") {
    const h = read as Hir16kRead;
    for (const [id, count] of h.unknownIds) io.stderr(`hir import hir16k: unknown instruction id \`${id}\` in ${count} row${count === 1 ? "" : "s"} (skipped, never passed)\n`);
    if (h.judgedRows > 0) io.stderr(`hir import hir16k: ${h.judgedRows} row${h.judgedRows === 1 ? "" : "s"} with rubric criteria imported as judged constraints (need a judge: hir train --judge URL)\n`);
  }
  const n = generated.converted.length;
  io.stderr(
    `hir import ${format}: ${n} contract${n === 1 ? "" : "s"} from ${shown}${opts.out !== undefined ? ` -> ${opts.out}` : ""}` +
      `${problems.length > 0 ? `; ${problems.length} row${problems.length === 1 ? "" : "s"} skipped` : ""}\n`,
  );
  return problems.length > 0 || read.warnings.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** Adds `hir import` to the CLI (call from src/cli/registry.ts). */
export function registerImportCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const cmd = program.command("import").description("convert dataset rows (IFEval, IFBench, open-instruct RLVR) into contract source");
  cmd
    .command("ifeval")
    .description("IFEval input_data.jsonl ({key, prompt, instruction_id_list, kwargs}) -> one contract per row")
    .argument("<file>", "input_data.jsonl (- for standard input)")
    .option("-o, --out <file>", "write the contract source to a file (atomically) instead of standard output")
    .action(async (file: string, o: ImportOptions) => setExit(await importCommand(io, "ifeval", file, o)));
  cmd
    .command("ifbench")
    .description("IFBench rows (IFBench_test.jsonl: {key, prompt, instruction_id_list, kwargs}) -> one contract per row")
    .argument("<file>", "IFBench JSONL (- for standard input)")
    .option("-o, --out <file>", "write the contract source to a file (atomically) instead of standard output")
    .action(async (file: string, o: ImportOptions) => setExit(await importCommand(io, "ifbench", file, o)));
  cmd
    .command("hir16k")
    .description("HIR-16K rows (prompt, instruction_id_list, kwargs, extra_info.question, criteria, q_type) -> contracts and training tasks")
    .argument("<file>", "HIR-16K JSONL (- for standard input)")
    .option("-o, --out <file>", "write the contract source to a file (atomically) instead of standard output")
    .option("--tasks <file>", "also write a training data file (docs/trainer.md) with one task per imported row; needs --out")
    .action(async (file: string, o: ImportOptions) => setExit(await importCommand(io, "hir16k", file, o)));
  cmd
    .command("open-instruct")
    .description("open-instruct RLVR rows (messages, ground_truth) -> one contract per row")
    .argument("<file>", "JSONL file (- for standard input)")
    .option("-o, --out <file>", "write the contract source to a file (atomically) instead of standard output")
    .action(async (file: string, o: ImportOptions) => setExit(await importCommand(io, "open-instruct", file, o)));
}
