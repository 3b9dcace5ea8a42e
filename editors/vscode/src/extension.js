// @ts-check
/**
 * The VS Code client: starts the hir language server for `.contract` files. Which server:
 * the `hir.server.path` setting, else the workspace's own `node_modules/.bin/hir` (the
 * version the project pins), else the server bundled with this extension.
 */
const fs = require("node:fs");
const path = require("node:path");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

/** @type {LanguageClient | undefined} */
let client;

/** @param {vscode.ExtensionContext} context */
function serverOptions(context) {
  const configured = vscode.workspace.getConfiguration("hir").get("server.path", "");
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const local = folder ? path.join(folder, "node_modules", ".bin", process.platform === "win32" ? "hir.cmd" : "hir") : undefined;
  const command = configured || (local && fs.existsSync(local) ? local : undefined);
  if (command) return { command, args: ["lsp", "--stdio"], options: folder ? { cwd: folder } : {} };
  const bundled = context.asAbsolutePath(path.join("dist", "server.mjs"));
  return { module: bundled, transport: TransportKind.stdio, options: folder ? { cwd: folder } : {} };
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  client = new LanguageClient("hir", "hindsight contracts", serverOptions(context), {
    documentSelector: [{ scheme: "file", language: "contract" }, { scheme: "untitled", language: "contract" }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.contract,hir.config.json,.hirrc.json}") },
  });
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
