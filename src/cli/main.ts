/**
 * The `hir` command line. Thin by design: it parses arguments with commander and
 * calls one command function per subcommand; commands return exit codes
 * (0 clean, 1 findings, 2 usage or internal error) and never exit the process.
 */
import { Command, CommanderError, Option } from "commander";
import { VERSION } from "../version.js";
import { builtinsCommand } from "./commands/builtins.js";
import { explainCommand } from "./commands/explain.js";
import { lintCommand } from "./commands/lint.js";
import { EXIT_USAGE, processIO, type CliIO } from "./io.js";
import { registerExtraCommands } from "./registry.js";

export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command("hir")
    .description("hindsight: output contracts for LLM responses, compiled to verifiers and hindsight rewrite rules")
    .version(VERSION, "-v, --version")
    .showHelpAfterError("(run `hir --help` for usage)")
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride();

  program
    .command("lint")
    .description("check contract files and report problems (exit 1 on findings)")
    .argument("[paths...]", "files or directories (default: .)")
    .addOption(new Option("-f, --format <format>", "output format (default: github under GitHub Actions, else pretty)").choices(["pretty", "json", "github", "sarif"]))
    .option("-c, --config <file>", "lint config file (default: nearest hir.config.json)")
    .option("--no-color", "disable colors")
    .addOption(new Option("--fail-on <severity>", "lowest severity that fails the run").choices(["error", "warning", "info"]).default("warning"))
    .option("-q, --quiet", "report errors only")
    .action(async (paths: string[], o: { format?: string; config?: string; color?: boolean; failOn: "error" | "warning" | "info"; quiet?: boolean }) => {
      // commander defaults a `--no-x` flag to true; only an explicit --no-color may override the TTY check.
      const { color, ...rest } = o;
      setExit(await lintCommand(io, paths, { ...rest, ...(color === false ? { color: false } : {}) }));
    });

  program
    .command("explain")
    .description("explain a diagnostic code or rule id (e.g. HIR2002 or unknown-input)")
    .argument("<code>")
    .action((code: string) => setExit(explainCommand(io, code)));

  program
    .command("builtins")
    .description("list the built-in measures, selectors and predicates")
    .argument("[name]", "show one built-in in detail")
    .option("--json", "machine-readable list")
    .action((name: string | undefined, o: { json?: boolean }) => setExit(builtinsCommand(io, name, Boolean(o.json))));

  registerExtraCommands(program, io, setExit);
  return program;
}

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version "fail" with exit code 0.
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    io.stderr(`hir: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT_USAGE;
  }
}
