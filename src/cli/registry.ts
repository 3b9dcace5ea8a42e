/**
 * Subcommands beyond lint/explain/builtins register here, one function per
 * command module, so main.ts stays a table of contents.
 */
import type { Command } from "commander";
import type { CliIO } from "./io.js";

export function registerExtraCommands(program: Command, io: CliIO, setExit: (code: number) => void): void {
  void program;
  void io;
  void setExit;
}
