/**
 * A local stand-in for an OpenAI-compatible judge server, for tests and demos. It
 * speaks the real chat-completions protocol over HTTP on 127.0.0.1 (ephemeral port
 * by default), answers according to a configurable behaviour, and records every
 * request it receives.
 *
 *   npx tsx src/testing/judge-stub-server.ts --port 8089 --mode keyword:YES
 *
 * then point the judge at it: HIR_JUDGE_URL=http://127.0.0.1:8089/v1 HIR_JUDGE_MODEL=stub.
 * Modes (see {@link parseStubMode}): yes, no, keyword:WORD, text:REPLY, unparseable,
 * malformed, empty, error:STATUS, flaky:N[:MODE], ratelimit:SECONDS[:MODE],
 * redirect:URL, huge:BYTES, hang, delay:MS[:MODE].
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { extractBlock } from "../runtime/judge/prompt.js";

export type StubBehavior =
  /** Always answer YES (or NO), with a short reason. */
  | { kind: "yes" }
  | { kind: "no" }
  /** YES when the RESPONSE block (or, without fences, the last user message) contains `keyword` (case-sensitive), else NO. */
  | { kind: "keyword"; keyword: string }
  /** Reply with this exact assistant text. */
  | { kind: "text"; content: string; finishReason?: string }
  /** HTTP 200 with a body that is not JSON. */
  | { kind: "malformed" }
  /** HTTP 200 with `choices: []`. */
  | { kind: "empty-choices" }
  /** An HTTP error (or any status) with an OpenAI-style error body unless `body` is given. */
  | { kind: "status"; status: number; body?: string; headers?: Record<string, string> }
  /** Answer with a redirect (default 302) to `location`; a judge must refuse to follow it. */
  | { kind: "redirect"; location: string; status?: number }
  /**
   * HTTP 200 whose body is a valid YES completion padded to `bytes` bytes, streamed in
   * chunks (a judge must stop reading at its size cap and fail closed). `declareLength`
   * sends a Content-Length header; without it the body is chunked.
   */
  | { kind: "huge"; bytes: number; declareLength?: boolean }
  /** Never answer; the connection stays open until the client gives up or the server closes. */
  | { kind: "hang" }
  /** Wait, then behave as `then`. */
  | { kind: "delay"; ms: number; then: StubBehavior }
  /** Hold the request until `until` settles, then behave as `then` (lets tests control ordering without timing). */
  | { kind: "gate"; until: Promise<unknown>; then: StubBehavior }
  /** The n-th request (counted from when this behaviour was set) gets steps[n]; the last step repeats. */
  | { kind: "sequence"; steps: StubBehavior[] }
  /** Decide per request. */
  | { kind: "dynamic"; decide: (req: RecordedRequest) => StubBehavior };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The parsed JSON body, when it parsed. */
  body: unknown;
  /** Content of the system and last user message, when present. */
  systemMessage?: string;
  userMessage?: string;
  /** The text between the RESPONSE fences of the user message, when present. */
  responseBlock?: string;
}

export interface StubServerOptions {
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Defaults to 0 (an ephemeral port). */
  port?: number;
  /** Defaults to `{ kind: "yes" }`. */
  behavior?: StubBehavior;
  /** When set, requests without `Authorization: Bearer <requireApiKey>` get 401. */
  requireApiKey?: string;
  /** Called after each chat-completions request is answered (for logging). */
  onRequest?: (req: RecordedRequest, status: number, content: string | undefined) => void;
}

export interface StubJudgeServer {
  /** Base URL to give the judge, e.g. http://127.0.0.1:41234/v1. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in arrival order (chat completions and others). */
  readonly requests: RecordedRequest[];
  /** Chat-completions requests being handled now, and the most at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  setBehavior(behavior: StubBehavior): void;
  /** Stops listening and drops open connections (including hanging requests). */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

function errorBody(message: string, type: string, code: string | null = null): string {
  return JSON.stringify({ error: { message, type, param: null, code } });
}

function completionBody(model: string, content: string, finishReason: string, n: number): string {
  return JSON.stringify({
    id: `chatcmpl-stub-${n}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finishReason }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  });
}

function messageText(content: unknown): string | undefined {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part) => (part && typeof part === "object" && typeof (part as { text?: unknown }).text === "string" ? (part as { text: string }).text : "")).join("");
  }
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolveBody(tooLarge ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Streams a YES completion padded to `bytes` bytes, honouring backpressure; stops when the client goes away. */
async function streamHugeBody(res: ServerResponse, model: string, bytes: number, declareLength: boolean): Promise<void> {
  const head = completionBody(model, "YES", "stop", 0).replace(/}$/, ',"padding":"');
  const tail = '"}';
  const padding = Math.max(0, bytes - Buffer.byteLength(head) - tail.length);
  res.writeHead(200, { "content-type": "application/json", ...(declareLength ? { "content-length": String(Buffer.byteLength(head) + padding + tail.length) } : {}) });
  const chunk = Buffer.alloc(64 * 1024, "x");
  const write = (data: string | Buffer): Promise<boolean> =>
    new Promise((done) => {
      if (res.destroyed) return done(false);
      if (res.write(data)) return done(true);
      const onDrain = () => finish(true);
      const onClose = () => finish(false);
      const finish = (ok: boolean) => {
        res.off("drain", onDrain);
        res.off("close", onClose);
        done(ok);
      };
      res.once("drain", onDrain);
      res.once("close", onClose);
    });
  if (!(await write(head))) return;
  for (let left = padding; left > 0; left -= chunk.length) {
    if (!(await write(left >= chunk.length ? chunk : chunk.subarray(0, left)))) return;
  }
  if (!res.destroyed) res.end(tail);
}

/** Starts a stub server; resolves once it is listening. */
export async function startStubJudgeServer(options: StubServerOptions = {}): Promise<StubJudgeServer> {
  let behavior: StubBehavior = options.behavior ?? { kind: "yes" };
  const sequenceCounters = new WeakMap<StubBehavior, number>();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let maxInFlight = 0;
  let served = 0;
  let closed = false;

  /** Resolves sequences and dynamic behaviours to the behaviour for this request. */
  function pick(b: StubBehavior, rec: RecordedRequest): StubBehavior {
    if (b.kind === "sequence") {
      const n = sequenceCounters.get(b) ?? 0;
      sequenceCounters.set(b, n + 1);
      const step = b.steps[Math.min(n, b.steps.length - 1)];
      return step ? pick(step, rec) : { kind: "status", status: 500, body: errorBody("empty stub sequence", "server_error") };
    }
    if (b.kind === "dynamic") return pick(b.decide(rec), rec);
    return b;
  }

  function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(body);
  }

  async function respond(b: StubBehavior, rec: RecordedRequest, res: ServerResponse, model: string): Promise<{ status: number; content?: string } | undefined> {
    const chosen = pick(b, rec);
    switch (chosen.kind) {
      case "yes":
      case "no":
      case "keyword":
      case "text": {
        let content: string;
        let finish = "stop";
        if (chosen.kind === "text") {
          content = chosen.content;
          finish = chosen.finishReason ?? "stop";
        } else {
          const yes = chosen.kind === "yes" || (chosen.kind === "keyword" && (rec.responseBlock ?? rec.userMessage ?? "").includes(chosen.keyword));
          content = yes ? "YES. The response satisfies the requirement (stub judge)." : "NO. The response does not satisfy the requirement (stub judge).";
        }
        send(res, 200, completionBody(model, content, finish, ++served));
        return { status: 200, content };
      }
      case "malformed":
        send(res, 200, '{"id": "chatcmpl-stub", "choices": [ {"message": ');
        return { status: 200 };
      case "empty-choices":
        send(res, 200, JSON.stringify({ id: "chatcmpl-stub", object: "chat.completion", created: 0, model, choices: [] }));
        return { status: 200 };
      case "status":
        send(res, chosen.status, chosen.body ?? errorBody(`stub error ${chosen.status}`, chosen.status === 429 ? "rate_limit_error" : "server_error"), chosen.headers);
        return { status: chosen.status };
      case "redirect":
        send(res, chosen.status ?? 302, errorBody("moved", "redirect"), { location: chosen.location });
        return { status: chosen.status ?? 302 };
      case "huge":
        await streamHugeBody(res, model, chosen.bytes, chosen.declareLength ?? false);
        return { status: 200 };
      case "hang":
        return undefined;
      case "delay":
        await new Promise<void>((done) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            done();
          }, chosen.ms);
          timers.add(timer);
        });
        if (closed || res.destroyed) return undefined;
        return respond(chosen.then, rec, res, model);
      case "gate":
        await chosen.until.then(
          () => undefined,
          () => undefined,
        );
        if (closed || res.destroyed) return undefined;
        return respond(chosen.then, rec, res, model);
      case "sequence":
      case "dynamic":
        return respond(chosen, rec, res, model);
    }
  }

  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      const raw = await readBody(req).catch(() => undefined);
      const rec: RecordedRequest = { method: req.method ?? "GET", path, headers: req.headers, rawBody: raw ?? "", body: undefined };
      requests.push(rec);
      if (raw === undefined) return send(res, 413, errorBody("request body too large", "invalid_request_error"));
      if (req.method === "GET" && (path === "/v1/models" || path === "/models")) {
        return send(res, 200, JSON.stringify({ object: "list", data: [{ id: "stub", object: "model", created: 0, owned_by: "hindsight" }] }));
      }
      if (!(req.method === "POST" && (path === "/v1/chat/completions" || path === "/chat/completions"))) {
        return send(res, 404, errorBody(`no route ${req.method} ${path}`, "invalid_request_error"));
      }
      if (options.requireApiKey !== undefined && req.headers.authorization !== `Bearer ${options.requireApiKey}`) {
        return send(res, 401, errorBody("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
      }
      try {
        rec.body = JSON.parse(raw);
      } catch {
        return send(res, 400, errorBody("request body is not valid JSON", "invalid_request_error"));
      }
      const body = rec.body as { model?: unknown; messages?: unknown };
      if (typeof body !== "object" || body === null || typeof body.model !== "string" || !Array.isArray(body.messages) || body.messages.length === 0) {
        return send(res, 400, errorBody("expected a JSON object with a string `model` and a non-empty `messages` array", "invalid_request_error"));
      }
      const messages = body.messages as Array<{ role?: unknown; content?: unknown }>;
      const system = messages.find((m) => m?.role === "system");
      const user = [...messages].reverse().find((m) => m?.role === "user");
      const systemMessage = messageText(system?.content);
      const userMessage = messageText(user?.content);
      if (systemMessage !== undefined) rec.systemMessage = systemMessage;
      if (userMessage !== undefined) {
        rec.userMessage = userMessage;
        const block = extractBlock(userMessage, "RESPONSE");
        if (block !== undefined) rec.responseBlock = block;
      }

      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let settled = false;
      const settle = () => {
        if (!settled) {
          settled = true;
          inFlight--;
        }
      };
      res.on("close", settle);
      try {
        const outcome = await respond(behavior, rec, res, body.model);
        if (outcome) options.onRequest?.(rec, outcome.status, outcome.content);
      } finally {
        if (res.writableEnded) settle();
      }
    })().catch((error: unknown) => {
      send(res, 500, errorBody(`stub failure: ${error instanceof Error ? error.message : String(error)}`, "server_error"));
    });
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}/v1`,
    port,
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    setBehavior(next: StubBehavior) {
      behavior = next;
    },
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
    },
  };
}

/**
 * Parses a `--mode` string:
 *
 * | mode | behaviour |
 * | --- | --- |
 * | `yes`, `no` | always YES / always NO |
 * | `keyword:WORD` | YES when the response contains WORD (case-sensitive), else NO |
 * | `text:REPLY` | reply with REPLY verbatim (e.g. `text:Maybe.` to test parsing) |
 * | `unparseable` | reply "I cannot decide." |
 * | `malformed` | HTTP 200 with a truncated JSON body |
 * | `empty` | HTTP 200 with no choices |
 * | `error:STATUS` | always HTTP STATUS |
 * | `flaky:N[:MODE]` | the first N requests get HTTP 500, then MODE (default yes) |
 * | `ratelimit:SECONDS[:MODE]` | the first request gets 429 with Retry-After: SECONDS, then MODE |
 * | `redirect:URL` | HTTP 302 to URL |
 * | `huge:BYTES` | HTTP 200, a YES completion padded to BYTES bytes |
 * | `hang` | never answer |
 * | `delay:MS[:MODE]` | wait MS milliseconds, then MODE |
 */
export function parseStubMode(mode: string): StubBehavior {
  const colon = mode.indexOf(":");
  const head = colon < 0 ? mode : mode.slice(0, colon);
  const rest = colon < 0 ? undefined : mode.slice(colon + 1);
  const intArg = (text: string | undefined, what: string): { n: number; tail: string | undefined } => {
    const [first, ...others] = (text ?? "").split(":");
    if (first === undefined || !/^\d+$/.test(first)) throw new Error(`stub mode ${JSON.stringify(mode)}: ${what} must be a whole number`);
    return { n: Number(first), tail: others.length > 0 ? others.join(":") : undefined };
  };
  switch (head) {
    case "yes":
    case "no":
      if (rest !== undefined) break;
      return { kind: head };
    case "keyword":
      if (!rest) throw new Error(`stub mode ${JSON.stringify(mode)}: keyword:WORD needs a word`);
      return { kind: "keyword", keyword: rest };
    case "text":
      return { kind: "text", content: rest ?? "" };
    case "unparseable":
      return { kind: "text", content: "I cannot decide." };
    case "malformed":
      return { kind: "malformed" };
    case "empty":
      return { kind: "empty-choices" };
    case "hang":
      return { kind: "hang" };
    case "redirect":
      if (!rest) throw new Error(`stub mode ${JSON.stringify(mode)}: redirect:URL needs a URL`);
      return { kind: "redirect", location: rest };
    case "huge": {
      const { n } = intArg(rest, "BYTES");
      return { kind: "huge", bytes: n };
    }
    case "error": {
      const { n } = intArg(rest, "STATUS");
      return { kind: "status", status: n };
    }
    case "flaky": {
      const { n, tail } = intArg(rest, "N");
      const then = parseStubMode(tail ?? "yes");
      return { kind: "sequence", steps: [...Array.from({ length: n }, (): StubBehavior => ({ kind: "status", status: 500 })), then] };
    }
    case "ratelimit": {
      const { n, tail } = intArg(rest, "SECONDS");
      return { kind: "sequence", steps: [{ kind: "status", status: 429, headers: { "retry-after": String(n) } }, parseStubMode(tail ?? "yes")] };
    }
    case "delay": {
      const { n, tail } = intArg(rest, "MS");
      return { kind: "delay", ms: n, then: parseStubMode(tail ?? "yes") };
    }
  }
  throw new Error(`unknown stub mode ${JSON.stringify(mode)} (expected yes, no, keyword:WORD, text:REPLY, unparseable, malformed, empty, error:STATUS, flaky:N[:MODE], ratelimit:SECONDS[:MODE], redirect:URL, huge:BYTES, hang or delay:MS[:MODE])`);
}

const USAGE = `usage: npx tsx src/testing/judge-stub-server.ts [--port N] [--host 127.0.0.1] [--mode MODE] [--api-key KEY] [--quiet]

A stand-in OpenAI-compatible judge server for tests and demos (not a model).
Modes: yes, no, keyword:WORD (default keyword:YES), text:REPLY, unparseable, malformed, empty,
       error:STATUS, flaky:N[:MODE], ratelimit:SECONDS[:MODE], redirect:URL, huge:BYTES, hang, delay:MS[:MODE]`;

/** Command-line entry point. Returns the process exit code, or undefined while serving. */
export async function main(argv: string[]): Promise<number | undefined> {
  let port = 0;
  let host = "127.0.0.1";
  let mode = "keyword:YES";
  let apiKey: string | undefined;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === "--port") port = Number(value());
    else if (arg === "--host") host = value();
    else if (arg === "--mode") mode = value();
    else if (arg === "--api-key") apiKey = value();
    else if (arg === "--quiet") quiet = true;
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      return 0;
    } else throw new Error(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("--port must be a whole number from 0 to 65535");
  const behavior = parseStubMode(mode);
  const server = await startStubJudgeServer({
    host,
    port,
    behavior,
    ...(apiKey === undefined ? {} : { requireApiKey: apiKey }),
    onRequest: (rec, status, content) => {
      if (!quiet) console.error(`${new Date().toISOString()} ${rec.method} ${rec.path} -> ${status}${content === undefined ? "" : ` ${JSON.stringify(content)}`}`);
    },
  });
  console.log(`stub judge listening on ${server.url} (mode ${mode})`);
  console.log(`  HIR_JUDGE_URL=${server.url} HIR_JUDGE_MODEL=stub${apiKey === undefined ? "" : " HIR_JUDGE_API_KEY=<the key>"}`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return undefined;
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(resolve(script)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== undefined) process.exit(code);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(2);
    },
  );
}
