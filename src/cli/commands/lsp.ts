/**
 * `hir lsp`: the contract language server on standard input and output. The server module
 * (and vscode-languageserver) is imported only when the command runs, so other commands do
 * not pay for it.
 */
import type { Command } from "commander";
import type { CliIO } from "../io.js";

export function registerLspCommand(program: Command, _io: CliIO, setExit: (code: number) => void): void {
  program
    .command("lsp")
    .description("run the language server for editors (LSP over stdio)")
    .option("--stdio", "talk over standard input and output (the default and only transport)")
    .action(async () => {
      const { startStdioServer } = await import("../../lsp/stdio.js");
      startStdioServer();
      setExit(0);
    });
}
