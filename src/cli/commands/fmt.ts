/**
 * `hir fmt [paths...]`: formats contract files in the canonical style
 * (docs/formatting.md).
 *
 * - Directories expand to their `.contract` files (sorted; node_modules and other
 *   build folders skipped, like `hir lint`). `-` formats standard input to stdout.
 * - Default: rewrite files in place (atomically: a temp file in the same directory is
 *   renamed over the original, so a crash never leaves a half-written file), and list
 *   the files that changed.
 * - `--check`: change nothing; list the files that are not formatted.
 * - Exit code: 0 clean; 1 when a file is not formatted (`--check`) or has syntax
 *   errors (reported as `file:line:col: message [code]`, the file is left alone);
 *   2 when a path does not exist, a file cannot be read or written, or the formatter
 *   fails on a file (an internal error; the file is left alone).
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import type { Diagnostic } from "../../language/diagnostics/types.js";
import { formatContract } from "../../language/format/index.js";
import { writeFileAtomic } from "../../fs/atomic.js";
import { readTextFile } from "../../fs/text.js";
import { FOLLOW_SYMLINKS_FLAG, skippedLinksNote } from "../files.js";
import { nodeHost } from "../../language/node-host.js";
import { describeFormatDifference } from "../format-diff.js";
import type { CliIO } from "../io.js";

export interface FmtOptions {
  /** Report unformatted files instead of rewriting them. */
  readonly check: boolean;
  /** Rewrite files in place (default true). With `false` and no `check`, formatted text goes to stdout. */
  readonly write?: boolean;
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
  /** Reads standard input, for the `-` path (default: process.stdin). */
  readonly readStdin?: () => Promise<string>;
  /** Follow links that lead outside the named folders. */
  readonly followSymlinks?: boolean;
}

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_TROUBLE = 2;

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

function describe(d: Diagnostic, file: string): string {
  return `${file}:${d.range.start.line}:${d.range.start.column}: ${d.message} [${d.code}]\n`;
}

export async function fmtCommand(paths: string[], opts: FmtOptions): Promise<number> {
  const write = opts.write ?? true;
  let code = EXIT_OK;
  const raise = (c: number) => {
    code = Math.max(code, c);
  };

  const wantsStdin = paths.includes("-");
  const filePaths = paths.filter((p) => p !== "-");

  if (wantsStdin) {
    let text: string;
    try {
      text = await (opts.readStdin ?? readProcessStdin)();
    } catch (err) {
      opts.stderr(`hir fmt: cannot read standard input: ${err instanceof Error ? err.message : String(err)}\n`);
      return EXIT_TROUBLE;
    }
    const result = await formatContract(text, "<stdin>");
    if (result.formatted === undefined) {
      for (const d of result.diagnostics.filter((x) => x.severity === "error")) opts.stderr(describe(d, "<stdin>"));
      raise(result.internalError ? EXIT_TROUBLE : EXIT_FINDINGS);
    } else if (opts.check) {
      if (result.formatted !== text) {
        opts.stdout("<stdin>\n");
        opts.stderr(`hir fmt: ${describeFormatDifference("<stdin>", text, result.formatted)}\n`);
        raise(EXIT_FINDINGS);
      }
    } else {
      opts.stdout(result.formatted);
    }
    if (filePaths.length === 0) return code;
  }

  const { files, missing, skippedLinks } = nodeHost(opts.cwd, { followLinksOutside: opts.followSymlinks ?? false }).expandPaths(filePaths);
  if (skippedLinks.length > 0) opts.stderr(skippedLinksNote("fmt", skippedLinks));
  for (const m of missing) {
    opts.stderr(`hir fmt: ${m}: no such file or directory\n`);
    raise(EXIT_TROUBLE);
  }

  for (const file of files) {
    const abs = resolve(opts.cwd, file);
    let text: string;
    try {
      text = readTextFile(abs).text;
    } catch (err) {
      opts.stderr(`hir fmt: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
      raise(EXIT_TROUBLE);
      continue;
    }
    const result = await formatContract(text, file);
    if (result.formatted === undefined) {
      for (const d of result.diagnostics.filter((x) => x.severity === "error")) opts.stderr(describe(d, file));
      raise(result.internalError ? EXIT_TROUBLE : EXIT_FINDINGS);
      continue;
    }
    if (result.formatted === text) continue;
    if (opts.check) {
      // stdout lists the files (for scripts); stderr says what is wrong with each.
      opts.stdout(`${file}\n`);
      opts.stderr(`hir fmt: ${describeFormatDifference(file, text, result.formatted)}\n`);
      raise(EXIT_FINDINGS);
    } else if (write) {
      try {
        writeFileAtomic(abs, result.formatted);
        opts.stdout(`${file}\n`);
      } catch (err) {
        opts.stderr(`hir fmt: cannot write ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
        raise(EXIT_TROUBLE);
      }
    } else {
      opts.stdout(result.formatted);
    }
  }
  return code;
}

/** Adds `hir fmt` to the CLI (call from src/cli/registry.ts). */
export function registerFmtCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("fmt")
    .description("format contract files in place; `-` formats stdin to stdout (exit 1 on syntax errors or, with --check, unformatted files)")
    .argument("[paths...]", "files or directories (default: .)")
    .option("--check", "do not write; list files that are not formatted")
    .option(...FOLLOW_SYMLINKS_FLAG)
    .action(async (paths: string[], o: { check?: boolean; followSymlinks?: boolean }) => {
      setExit(
        await fmtCommand(paths, {
          check: Boolean(o.check),
          followSymlinks: Boolean(o.followSymlinks),
          stdout: (s) => io.stdout(s),
          stderr: (s) => io.stderr(s),
          cwd: io.cwd,
          readStdin: () => io.readStdin(),
        }),
      );
    });
}
