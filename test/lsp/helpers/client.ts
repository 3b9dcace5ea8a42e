/**
 * A minimal LSP client for tests: spawns `hir lsp` and speaks JSON-RPC with Content-Length
 * framing over its stdio. Written independently of vscode-languageserver so the tests check
 * the wire protocol, not the library against itself.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";

const ENTRY = fileURLToPath(new URL("./server-entry.ts", import.meta.url));
/** tsx by absolute URL: the server runs in the workspace directory, which has no node_modules. */
const TSX = new URL("../../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: { range: Range; code?: string; message: string; severity?: number; tags?: number[]; codeDescription?: { href: string }; relatedInformation?: unknown[]; data?: unknown; source?: string }[];
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class LspClient {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly diagnosticWaiters: { uri: string; version?: number; resolve: (d: PublishedDiagnostics) => void }[] = [];
  readonly published: PublishedDiagnostics[] = [];
  /** Errors the server logged (window/logMessage of type Error): a feature that failed. */
  readonly errors: string[] = [];
  stderr = "";
  exited: number | null | undefined;

  constructor(readonly root: string) {
    this.proc = spawn(process.execPath, ["--import", TSX, ENTRY], { cwd: root, stdio: "pipe", env: { ...process.env, NO_COLOR: "1" } });
    this.proc.stdout.on("data", (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.proc.on("exit", (code) => {
      this.exited = code;
      for (const p of this.pending.values()) p.reject(new Error(`server exited (${code}): ${this.stderr}`));
      this.pending.clear();
    });
  }

  uri(rel: string): string {
    return pathToFileURL(join(this.root, rel)).href;
  }

  async initialize(): Promise<{ capabilities: Record<string, unknown> }> {
    const r = (await this.request("initialize", { processId: process.pid, rootUri: pathToFileURL(this.root).href, capabilities: {} })) as { capabilities: Record<string, unknown> };
    this.notify("initialized", {});
    return r;
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    this.send({ jsonrpc: "2.0", id, method, params });
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: "2.0", method, params });
  }

  open(rel: string, text: string, version = 1): void {
    this.notify("textDocument/didOpen", { textDocument: { uri: this.uri(rel), languageId: "contract", version, text } });
  }

  change(rel: string, version: number, changes: { range?: Range; text: string }[]): void {
    this.notify("textDocument/didChange", { textDocument: { uri: this.uri(rel), version }, contentChanges: changes });
  }

  /** Resolves with the first diagnostics published for the document at (at least) this version. */
  diagnostics(rel: string, version?: number): Promise<PublishedDiagnostics> {
    const uri = this.uri(rel);
    const hit = [...this.published].reverse().find((p) => p.uri === uri && (version === undefined || (p.version ?? 0) >= version));
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve) => this.diagnosticWaiters.push({ uri, ...(version !== undefined ? { version } : {}), resolve }));
  }

  async shutdown(): Promise<void> {
    if (this.exited !== undefined) return;
    const exited = new Promise<void>((resolve) => this.proc.on("exit", () => resolve()));
    await this.request("shutdown", null);
    this.notify("exit", null);
    await exited;
  }

  kill(): void {
    if (this.exited === undefined) this.proc.kill();
  }

  private send(msg: unknown): void {
    const body = Buffer.from(JSON.stringify(msg), "utf8");
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString("ascii");
      const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8");
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string; code: number } });
    }
  }

  private dispatch(msg: { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string; code: number } }): void {
    if (msg.method === undefined && msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) p?.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
      else p?.resolve(msg.result);
      return;
    }
    if (msg.method === "textDocument/publishDiagnostics") {
      const d = msg.params as PublishedDiagnostics;
      this.published.push(d);
      for (let i = this.diagnosticWaiters.length - 1; i >= 0; i--) {
        const w = this.diagnosticWaiters[i];
        if (w && w.uri === d.uri && (w.version === undefined || (d.version ?? 0) >= w.version)) {
          this.diagnosticWaiters.splice(i, 1);
          w.resolve(d);
        }
      }
      return;
    }
    if (msg.method === "window/logMessage") {
      const p = msg.params as { type: number; message: string };
      if (p.type === 1) this.errors.push(p.message);
      return;
    }
    // Server-to-client requests (e.g. configuration): answer with null so the server goes on.
    if (msg.method !== undefined && msg.id !== undefined) this.send({ jsonrpc: "2.0", id: msg.id, result: null });
  }
}
