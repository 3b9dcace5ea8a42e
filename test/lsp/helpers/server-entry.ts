// Runs the language server from the sources (no build needed) through the same function
// `hir lsp` calls, without loading the rest of the CLI.
import { startStdioServer } from "../../../src/lsp/stdio.js";

startStdioServer();
