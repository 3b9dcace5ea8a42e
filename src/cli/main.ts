/**
 * The `hir` command line. Thin by design: it parses arguments with commander and
 * calls one command function per subcommand; commands return exit codes
 * (0 clean, 1 findings, 2 usage or internal error) and never exit the process.
 */
import { Command, CommanderError } from "commander";
import { describeWriteError } from "../fs/atomic.js";
import { VERSION } from "../version.js";
import { EXIT_USAGE, processIO, type CliIO } from "./io.js";
import { COMMANDS, findCommand } from "./registry.js";

/** The subcommand argv names (`hir lint ...`, `hir help lint`), if any: only its module is loaded. */
export function requestedCommand(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith("-"));
  return words[0] === "help" ? words[1] : words[0];
}

export async function buildProgram(io: CliIO, setExit: (code: number) => void, argv: readonly string[] = []): Promise<Command> {
  const program = new Command("hir")
    .description("hindsight: output contracts for LLM responses, compiled to verifiers and hindsight rewrite rules")
    .version(VERSION, "-v, --version")
    .showHelpAfterError("(run `hir --help` for usage)")
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride();

  const wanted = findCommand(requestedCommand(argv));
  for (const entry of COMMANDS) {
    if (entry === wanted) (await entry.load())(program, io, setExit);
    // Listed in `hir --help` without loading its module.
    else program.command(entry.name).description(entry.description);
  }
  return program;
}

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let code = 0;
  const program = await buildProgram(io, (c) => {
    code = c;
  }, argv);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version "fail" with exit code 0.
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    // A folder that cannot take a write (read-only, full, no permission) is the user's to fix: one line, no stack.
    const writeError = describeWriteError(err);
    if (writeError !== undefined) {
      io.stderr(`hir: ${writeError}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`hir: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT_USAGE;
  }
}
