/**
 * `hir ir [paths] [--contract NAME] [--out FILE]`: prints the decomposition IR
 * (src/compiler/ir.ts, schema/contract-ir.schema.json) of the contracts in the given
 * files as JSON, for tools that read contracts without TypeScript: one document
 * `{ "irVersion", "contracts": [...] }`, contracts sorted by id, deterministic.
 * Exit 0, 1 when a file has errors (they are printed and its contracts left out),
 * 2 on usage errors.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { compareStrings } from "../../common/order.js";
import { IR_VERSION } from "../../compiler/ir.js";
import { runPipeline } from "../../compiler/pipeline.js";
import { nodeHost } from "../../language/node-host.js";
import { prettyReporter } from "../../language/report/index.js";
import { VERSION } from "../../version.js";
import { FOLLOW_SYMLINKS_FLAG, skippedLinksNote } from "../files.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { writeFileAtomic } from "../../fs/atomic.js";

export interface IrOptions {
  readonly contract?: string;
  readonly out?: string;
  /** Follow links that lead outside the named folders. */
  readonly followSymlinks?: boolean;
}

export async function irCommand(io: CliIO, paths: readonly string[], opts: IrOptions): Promise<number> {
  const run = runPipeline({ paths, host: nodeHost(io.cwd, { followLinksOutside: opts.followSymlinks ?? false }), baseDir: io.cwd });
  if (run.skippedLinks.length > 0) io.stderr(skippedLinksNote("ir", run.skippedLinks));
  if (run.missing.length > 0) {
    io.stderr(`hir ir: no such file or directory: ${run.missing.join(", ")}\n`);
    return EXIT_USAGE;
  }
  const { program, errors } = run;
  if (errors.length > 0) {
    const sources = new Map([...program.files].map(([p, sf]) => [p, sf.text] as const));
    io.stderr(prettyReporter.render({ diagnostics: errors, sources, filesChecked: program.files.size, toolVersion: VERSION }, { color: false }).stdout);
  }
  for (const s of run.skipped) io.stderr(`hir ir: skipped \`${s.contract}\` (${s.file}): ${s.reason}\n`);
  let contracts = [...run.contracts].sort((a, b) => compareStrings(a.id, b.id));
  if (opts.contract !== undefined) {
    contracts = contracts.filter((c) => c.id === opts.contract);
    if (contracts.length === 0) {
      io.stderr(`hir ir: no contract \`${opts.contract}\` in ${paths.join(", ") || "."}\n`);
      return EXIT_USAGE;
    }
  }
  const text = `${JSON.stringify({ irVersion: IR_VERSION, contracts }, null, 2)}\n`;
  if (opts.out === undefined) io.stdout(text);
  else {
    writeFileAtomic(resolve(io.cwd, opts.out), text);
    io.stderr(`hir ir: wrote ${contracts.length} contract${contracts.length === 1 ? "" : "s"} to ${opts.out}\n`);
  }
  return errors.length > 0 || run.skipped.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** Adds `hir ir` to the CLI (call from src/cli/registry.ts). */
export function registerIrCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("ir")
    .description("print the decomposition IR of contracts as JSON (schema/contract-ir.schema.json)")
    .argument("[paths...]", "files or directories (default: .)")
    .option("-c, --contract <name>", "only this contract")
    .option("-o, --out <file>", "write to a file instead of standard output")
    .option(...FOLLOW_SYMLINKS_FLAG)
    .action(async (paths: string[], o: IrOptions) => setExit(await irCommand(io, paths, o)));
}
