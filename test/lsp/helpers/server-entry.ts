// Runs the language server from the sources (no build needed) through the same function
// `hir lsp` calls, without loading the rest of the CLI.
import "../../../src/lsp/main.js";
