/** The server on standard input and output: what `hir lsp` runs. */
import { createConnection, ProposedFeatures, type Connection } from "vscode-languageserver/node";
import { startServer, type ServerOptions } from "./server.js";

export function startStdioServer(options: ServerOptions = {}): Connection {
  return startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout), options);
}
