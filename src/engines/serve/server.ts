/**
 * The HTTP layer of `hir serve` (node's http module): routing, bearer-token
 * authentication, a body size cap, JSON parsing and a bound on requests in
 * flight. Answers are JSON; problems with a request get their status and an
 * `{"error": message}` body, and never stop the server.
 *
 *   GET  /health        {"ok", "version", "contracts"}
 *   POST /v1/verify     {"items": [...]}            -> {"results": [...]}
 *   POST /v1/hindsight  {"items": [...]}            -> {"results": [...]}
 *   POST /v1/select     {"step", "k", "candidates"} -> {"lambda", "selected", "ineligible"}
 *   POST /openrlhf      {"query", "prompts", "labels"} -> {"rewards", "scores", "extra_logs"}
 *
 * The token may also come as `?token=` on /openrlhf only (OpenRLHF posts without
 * headers); URLs are never logged, so the token is not either.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { timingSafeEqual } from "node:crypto";
import { VERSION } from "../../version.js";
import { RequestError, type RewardService } from "./service.js";

export interface ServerOptions {
  /** Required bearer token; undefined = no authentication. */
  readonly token?: string;
  /** Largest accepted request body in bytes (default 8 MiB). */
  readonly maxBodyBytes?: number;
  /** Requests handled at once (default 32); more wait in a queue. */
  readonly maxInFlight?: number;
  /** Requests allowed to wait (default 1024); beyond it the answer is 503. */
  readonly maxQueued?: number;
  /** One line per request (method, route without query, status, ms); default none. */
  readonly log?: (line: string) => void;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** A counting semaphore with a bounded wait queue. */
class Gate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly max: number, private readonly maxQueued: number) {}
  async enter(): Promise<void> {
    if (this.active < this.max) {
      this.active++;
      return;
    }
    if (this.waiting.length >= this.maxQueued) throw new HttpError(503, "server busy: too many requests waiting; retry later");
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > max) {
      reject(new HttpError(413, `request body of ${declared} bytes exceeds the limit of ${max} bytes`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > max) {
        over = true;
        chunks.length = 0;
        reject(new HttpError(413, `request body exceeds the limit of ${max} bytes`));
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on("error", (e) => reject(new HttpError(400, `could not read the request: ${e.message}`)));
  });
}

function parseJson(buf: Buffer): unknown {
  const text = buf.toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new HttpError(400, `malformed JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

type Route = (body: unknown) => unknown;

export function createRewardServer(service: RewardService, opts: ServerOptions = {}): Server {
  const maxBody = opts.maxBodyBytes ?? 8 * 1024 * 1024;
  const gate = new Gate(Math.max(1, opts.maxInFlight ?? 32), Math.max(0, opts.maxQueued ?? 1024));
  const routes: Record<string, Route> = {
    "/v1/verify": (b) => service.verify(b),
    "/v1/hindsight": (b) => service.hindsight(b),
    "/v1/select": (b) => service.select(b),
    "/openrlhf": (b) => service.openrlhf(b),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<number> => {
    if (path === "/health") {
      if (req.method !== "GET") throw new HttpError(405, "use GET /health");
      send(res, 200, { ok: true, version: VERSION, contracts: [...service.contracts.keys()] });
      return 200;
    }
    const route = routes[path];
    if (!route) throw new HttpError(404, `no route ${path} (routes: GET /health, POST ${Object.keys(routes).join(", ")})`);
    if (req.method !== "POST") throw new HttpError(405, `use POST ${path}`);
    if (opts.token !== undefined) {
      const header = req.headers.authorization ?? "";
      const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
      const given = bearer ?? (path === "/openrlhf" ? (query.get("token") ?? undefined) : undefined);
      if (given === undefined || !sameToken(given, opts.token)) throw new HttpError(401, "missing or wrong bearer token");
    }
    const body = parseJson(await readBody(req, maxBody));
    await gate.enter();
    try {
      send(res, 200, await route(body));
    } finally {
      gate.leave();
    }
    return 200;
  };

  return createServer((req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? "/", "http://localhost");
    void handle(req, res, url.pathname, url.searchParams)
      .catch((e: unknown) => {
        const status = e instanceof HttpError ? e.status : e instanceof RequestError ? 400 : 500;
        const message = e instanceof Error ? e.message : String(e);
        if (!res.headersSent) {
          if (status === 413) res.setHeader("connection", "close");
          send(res, status, { error: status === 500 ? `internal error: ${message}` : message });
        }
        return status;
      })
      .then((status) => opts.log?.(`${req.method ?? "?"} ${url.pathname} ${status} ${Date.now() - started}ms`));
  });
}

/** Listens and resolves to the URL actually bound (`port` 0 picks a free port). */
export function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const addr = server.address() as AddressInfo;
      const shownHost = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
      resolve(`http://${shownHost}:${addr.port}`);
    });
  });
}
