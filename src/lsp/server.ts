/**
 * The contract language server: wires LSP requests to the feature modules. Documents sync
 * incrementally; diagnostics are published per open document after a short quiet period.
 * Handlers never throw on user input: a failed feature answers empty and logs the error.
 */
import { fileURLToPath } from "node:url";
import {
  createConnection, ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind,
  type Connection, type InitializeParams, type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { codeActions } from "./code-actions.js";
import { complete } from "./completion.js";
import { DebouncedPublisher, toLspDiagnostic } from "./diagnostics.js";
import { formatDocument } from "./formatting.js";
import { hoverAt } from "./hover.js";
import { definitionAt, referencesAt } from "./navigation.js";
import { documentSymbols, foldingRanges } from "./outline.js";
import { prepareRename, renameAt } from "./rename.js";
import { SEMANTIC_LEGEND, semanticTokens } from "./semantic-tokens.js";
import { SymbolIndex } from "./symbol-index.js";
import { Workspace } from "./workspace.js";

export interface ServerOptions {
  /** Quiet period before diagnostics are published, in ms. */
  readonly debounceMs?: number;
}

export function startServer(connection: Connection = createConnection(ProposedFeatures.all), options: ServerOptions = {}): Connection {
  const documents = new TextDocuments(TextDocument);
  let workspace = new Workspace(process.cwd());

  const pathOf = (uri: string): string | undefined => workspace.paths.toPath(uri);
  const guard = <T>(what: string, fallback: T, f: () => T): T => {
    try {
      return f();
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      connection.console.error(`hir lsp: ${what} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return fallback;
    }
  };

  const publish = (uri: string): void => {
    const doc = documents.get(uri);
    const path = pathOf(uri);
    if (!doc || path === undefined) return;
    const diagnostics = guard("diagnostics", [], () => workspace.diagnosticsFor(path).filter((d) => d.file === path).map((d) => toLspDiagnostic(d, workspace.paths)));
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  };
  const publisher = new DebouncedPublisher(options.debounceMs ?? 150, publish);
  /** An edit can change what other open documents see through their imports. */
  const scheduleAll = (): void => {
    for (const d of documents.all()) publisher.schedule(d.uri);
  };

  /** The document's program and a symbol index over the workspace (for cross-file names). */
  const workspaceIndex = (): SymbolIndex => new SymbolIndex(workspace.workspaceProgram());
  const offsetOf = (uri: string, pos: { line: number; character: number }): number | undefined => documents.get(uri)?.offsetAt(pos);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const rootUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    if (rootUri?.startsWith("file:")) workspace = new Workspace(fileURLToPath(rootUri));
    else if (params.rootPath) workspace = new Workspace(params.rootPath);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ["{", ".", "\"", "/", " "] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        codeActionProvider: { codeActionKinds: ["quickfix"] },
      },
      serverInfo: { name: "hir-lsp" },
    };
  });

  documents.onDidOpen((e) => {
    const path = pathOf(e.document.uri);
    if (path !== undefined) workspace.sources.setOpen(path, e.document.getText());
    publish(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    const path = pathOf(e.document.uri);
    if (path !== undefined) workspace.sources.setOpen(path, e.document.getText());
    scheduleAll();
  });
  documents.onDidClose((e) => {
    const path = pathOf(e.document.uri);
    publisher.cancel(e.document.uri);
    if (path !== undefined) {
      workspace.sources.close(path);
      workspace.forget(path);
    }
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    scheduleAll();
  });
  connection.onDidChangeWatchedFiles(() => {
    workspace.invalidate();
    scheduleAll();
  });
  documents.onDidSave(() => {
    workspace.invalidate();
  });

  connection.onHover((p) => guard("hover", null, () => {
    const path = pathOf(p.textDocument.uri);
    const offset = offsetOf(p.textDocument.uri, p.position);
    if (path === undefined || offset === undefined) return null;
    return hoverAt(new SymbolIndex(workspace.programFor(path)), path, offset);
  }));

  connection.onCompletion((p) => guard("completion", [], () => {
    const doc = documents.get(p.textDocument.uri);
    const path = pathOf(p.textDocument.uri);
    if (!doc || path === undefined) return [];
    return complete({ program: workspace.programFor(path), file: path, text: doc.getText(), offset: doc.offsetAt(p.position), paths: workspace.paths, positionAt: (o) => doc.positionAt(o) });
  }));

  connection.onDefinition((p) => guard("definition", null, () => {
    const path = pathOf(p.textDocument.uri);
    const offset = offsetOf(p.textDocument.uri, p.position);
    if (path === undefined || offset === undefined) return null;
    return definitionAt(new SymbolIndex(workspace.programFor(path)), path, offset, workspace.paths);
  }));

  connection.onReferences((p) => guard("references", [], () => {
    const path = pathOf(p.textDocument.uri);
    const offset = offsetOf(p.textDocument.uri, p.position);
    if (path === undefined || offset === undefined) return [];
    return referencesAt(workspaceIndex(), path, offset, p.context.includeDeclaration, workspace.paths);
  }));

  connection.onPrepareRename((p) => guard("prepareRename", null, () => {
    const path = pathOf(p.textDocument.uri);
    const offset = offsetOf(p.textDocument.uri, p.position);
    if (path === undefined || offset === undefined) return null;
    return prepareRename(new SymbolIndex(workspace.programFor(path)), path, offset);
  }));

  connection.onRenameRequest((p) => guard("rename", null, () => {
    const path = pathOf(p.textDocument.uri);
    const offset = offsetOf(p.textDocument.uri, p.position);
    if (path === undefined || offset === undefined) return null;
    return renameAt(workspaceIndex(), path, offset, p.newName, workspace.paths);
  }));

  connection.onDocumentSymbol((p) => guard("documentSymbol", [], () => {
    const path = pathOf(p.textDocument.uri);
    const sf = path === undefined ? undefined : workspace.programFor(path).files.get(path);
    return sf ? documentSymbols(sf) : [];
  }));

  connection.onFoldingRanges((p) => guard("foldingRange", [], () => {
    const path = pathOf(p.textDocument.uri);
    const sf = path === undefined ? undefined : workspace.programFor(path).files.get(path);
    return sf ? foldingRanges(sf) : [];
  }));

  connection.languages.semanticTokens.on((p) => guard("semanticTokens", { data: [] }, () => {
    const path = pathOf(p.textDocument.uri);
    return path === undefined ? { data: [] } : semanticTokens(new SymbolIndex(workspace.programFor(path)), path);
  }));

  connection.onDocumentFormatting(async (p) => {
    const doc = documents.get(p.textDocument.uri);
    const path = pathOf(p.textDocument.uri);
    return doc && path !== undefined ? formatDocument(doc, path) : [];
  });
  connection.onDocumentRangeFormatting(async (p) => {
    const doc = documents.get(p.textDocument.uri);
    const path = pathOf(p.textDocument.uri);
    return doc && path !== undefined ? formatDocument(doc, path, p.range) : [];
  });

  connection.onCodeAction((p) => guard("codeAction", [], () => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? codeActions(doc, p.context.diagnostics) : [];
  }));

  documents.listen(connection);
  connection.listen();
  return connection;
}
