/**
 * `hir export verl|openrlhf|trl --tasks FILE [--split train|held-out|all] [-o FILE]`:
 * JSON-lines dataset rows for an RL engine (src/engines/export/rows.ts), one per
 * task of a data file (the format of data/hir-train.json). Exit 0, or 2 on usage
 * errors (unknown engine, unreadable or invalid tasks file, unwritable output).
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { writeFileAtomic } from "../../fs/atomic.js";

export interface ExportOptions {
  tasks?: string;
  split: string;
  out?: string;
  dataSource: string;
}

export async function exportCommand(io: CliIO, engine: string, o: ExportOptions): Promise<number> {
  const fail = (m: string) => {
    io.stderr(`hir export: ${m}\n`);
    return EXIT_USAGE;
  };
  const { ENGINES, exportRow } = await import("../../engines/export/rows.js");
  if (!(ENGINES as readonly string[]).includes(engine)) return fail(`unknown engine \`${engine}\` (one of: ${ENGINES.join(", ")})`);
  if (o.tasks === undefined) return fail("--tasks FILE is required (the training data format of data/hir-train.json)");
  if (!["train", "held-out", "all"].includes(o.split)) return fail("--split is train, held-out or all");
  const { loadTasks } = await import("../../trainer/tasks.js");
  let loaded;
  try {
    loaded = loadTasks(o.tasks, io.cwd);
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  const pick = (split: "train" | "held-out") => {
    const specs = split === "train" ? loaded.data.train : loaded.data.heldOut;
    const envs = split === "train" ? loaded.train : loaded.heldOut;
    return specs.map((s, i) => ({ id: s.id, contract: s.contract, inputs: s.inputs, instruction: envs[i]?.instruction() ?? "", split }));
  };
  const tasks = [...(o.split !== "held-out" ? pick("train") : []), ...(o.split !== "train" ? pick("held-out") : [])];
  const text = tasks.map((t, i) => JSON.stringify(exportRow(engine as never, t, i, o.dataSource))).join("\n") + (tasks.length > 0 ? "\n" : "");
  if (o.out === undefined) io.stdout(text);
  else {
    try {
      writeFileAtomic(resolve(io.cwd, o.out), text);
    } catch (e) {
      return fail(`cannot write ${o.out}: ${e instanceof Error ? e.message : String(e)}`);
    }
    io.stderr(`hir export ${engine}: ${tasks.length} rows -> ${o.out}\n`);
  }
  return EXIT_OK;
}

/** Adds `hir export` to the CLI (call from src/cli/registry.ts). */
export function registerExportCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("export")
    .description("dataset rows (JSON lines) for an RL engine from contracts and task inputs: verl, openrlhf or trl (see docs/engines.md)")
    .argument("<engine>", "verl, openrlhf or trl")
    .option("--tasks <file>", "tasks: contracts and inputs in the format of data/hir-train.json")
    .option("--split <split>", "train, held-out or all", "train")
    .option("--data-source <name>", "verl's data_source column", "hindsight")
    .option("-o, --out <file>", "write to a file (atomically) instead of standard output")
    .action(async (engine: string, o: ExportOptions) => setExit(await exportCommand(io, engine, o)));
}
