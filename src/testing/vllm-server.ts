/**
 * A stand-in for vLLM's OpenAI-compatible completions server, for tests and
 * local runs without a GPU (`hindsight/testing`). It speaks the real
 * `POST /v1/completions` protocol (and `GET /v1/models`):
 *
 * - `prompt`: a string or a list of strings; `n` samples per prompt; choices are
 *   numbered prompt-major (`index = prompt * n + sample`), as vLLM does;
 * - `max_tokens`, `temperature` (0 = greedy), `seed` (same seed, same samples);
 * - `logprobs: k`: per choice `logprobs.{tokens, token_logprobs, top_logprobs,
 *   text_offset}` (top_logprobs: up to k alternatives per position);
 * - `echo: true`: the prompt is prepended to the text and its tokens to the log-probs
 *   (the first token's log-prob is null); with `max_tokens: 0` nothing is generated,
 *   which scores a fixed continuation (log pi(y | q'));
 * - `prompt_logprobs: k`: per choice `prompt_logprobs`, `[null, {id: {logprob,
 *   rank, decoded_token}}, ...]` as vLLM returns them, and `prompt_token_ids`;
 * - `usage.{prompt_tokens, completion_tokens, total_tokens}`.
 *
 * The "model" is small but a real autoregressive distribution: a trie over
 * candidate responses (given per prompt), p(next token | prefix) = the share of
 * candidates that continue the prefix with that token, sharpened by the
 * temperature. Tokens are runs of whitespace or of non-whitespace. When scoring a
 * text (echo), tokens that continue no candidate get a floor log-prob and the walk
 * restarts at the root, so the response part of `prompt + response` is scored by
 * the trie and the prompt part by the floor.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface StubVllmOptions {
  /** Candidate responses for a prompt (the model's support). */
  readonly responses: (prompt: string) => readonly string[];
  /** Model name reported (default `stub-vllm`). */
  readonly model?: string;
  /** Log-prob of a token no candidate continues with (default log(1e-6)). */
  readonly floorLogprob?: number;
}

export interface StubVllm {
  readonly url: string;
  readonly server: Server;
  /** Requests answered so far (for tests). */
  readonly requests: () => number;
  close(): Promise<void>;
}

/** Whitespace runs and non-whitespace runs: the stand-in's tokenizer. */
export function stubTokenize(text: string): string[] {
  return text.match(/\s+|\S+/g) ?? [];
}

interface Trie {
  count: number;
  children: Map<string, Trie>;
}

function buildTrie(candidates: readonly string[]): Trie {
  const root: Trie = { count: 0, children: new Map() };
  for (const c of candidates) {
    let node = root;
    node.count++;
    for (const t of [...stubTokenize(c), EOS]) {
      let next = node.children.get(t);
      if (!next) {
        next = { count: 0, children: new Map() };
        node.children.set(t, next);
      }
      next.count++;
      node = next;
    }
  }
  return root;
}

/** End of sequence: the candidate ends here. */
const EOS = "\u0000eos";

/** The distribution over next tokens at a node, sharpened by temperature (T > 0). */
function distribution(node: Trie, temperature: number): Array<[string, number]> {
  const entries = [...node.children.entries()].map(([t, child]): [string, number] => [t, Math.log(child.count / node.count)]);
  if (temperature === 1 || entries.length === 0) return entries;
  const scaled = entries.map(([t, lp]): [string, number] => [t, lp / temperature]);
  const max = Math.max(...scaled.map(([, lp]) => lp));
  const z = Math.log(scaled.reduce((s, [, lp]) => s + Math.exp(lp - max), 0)) + max;
  return scaled.map(([t, lp]) => [t, lp - z]);
}

/** Deterministic uniform draws from (seed, prompt, sample, step). */
function uniform(seed: number | string, ...parts: Array<number | string>): number {
  const h = createHash("sha256").update([seed, ...parts].join("\u0001")).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

interface TokenLogprob {
  readonly token: string;
  readonly logprob: number | null;
  readonly top: Record<string, number> | null;
}

function topOf(dist: Array<[string, number]>, k: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [t, lp] of [...dist].filter(([t]) => t !== EOS).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, k)) out[t] = lp;
  return out;
}

/** Scores `tokens` with the trie walk-with-restart (first token: null, as vLLM for the first prompt token). */
function scoreTokens(root: Trie, tokens: readonly string[], temperature: number, floor: number, k: number, firstIsNull: boolean): TokenLogprob[] {
  let node = root;
  return tokens.map((token, i) => {
    let dist = distribution(node, temperature);
    let hit = dist.find(([t]) => t === token);
    if (!hit && node !== root) {
      node = root;
      dist = distribution(node, temperature);
      hit = dist.find(([t]) => t === token);
    }
    const top = k > 0 ? topOf(dist, k) : null;
    node = hit ? (node.children.get(token) as Trie) : root;
    if (i === 0 && firstIsNull) return { token, logprob: null, top: null };
    const logprob = hit ? hit[1] : floor;
    return { token, logprob, top: top && !(token in top) ? { ...top, [token]: logprob } : top };
  });
}

function sample(root: Trie, maxTokens: number, temperature: number, draw: (step: number) => number, k: number): { tokens: TokenLogprob[]; finish: "stop" | "length" } {
  const out: TokenLogprob[] = [];
  let node = root;
  for (let step = 0; step < maxTokens; step++) {
    const dist = distribution(node, temperature > 0 ? temperature : 1);
    if (dist.length === 0) return { tokens: out, finish: "stop" };
    let choice: [string, number];
    if (temperature <= 0) {
      choice = [...dist].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] as [string, number];
    } else {
      let u = draw(step);
      choice = dist[dist.length - 1] as [string, number];
      for (const d of dist) {
        u -= Math.exp(d[1]);
        if (u < 0) {
          choice = d;
          break;
        }
      }
    }
    if (choice[0] === EOS) return { tokens: out, finish: "stop" };
    out.push({ token: choice[0], logprob: choice[1], top: k > 0 ? topOf(dist, k) : null });
    node = node.children.get(choice[0]) as Trie;
  }
  return { tokens: out, finish: "length" };
}

class BadRequest extends Error {}

function int(v: unknown, name: string, dflt: number, min = 0): number {
  if (v === undefined || v === null) return dflt;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) throw new BadRequest(`${name} must be an integer >= ${min}`);
  return v;
}

/** A stable token id for the stand-in's vocabulary (`prompt_logprobs` and `prompt_token_ids` need ids). */
function tokenId(token: string): number {
  return createHash("sha256").update(token).digest().readUInt32BE(0) % 1_000_000;
}

function completions(body: Record<string, unknown>, opts: StubVllmOptions, counter: number): unknown {
  const prompts = typeof body["prompt"] === "string" ? [body["prompt"]] : body["prompt"];
  if (!Array.isArray(prompts) || prompts.length === 0 || !prompts.every((p): p is string => typeof p === "string")) {
    throw new BadRequest("prompt must be a string or a non-empty list of strings (token-id prompts are not supported by the stand-in)");
  }
  const n = int(body["n"], "n", 1, 1);
  const maxTokens = int(body["max_tokens"], "max_tokens", 16);
  const k = body["logprobs"] === undefined || body["logprobs"] === null ? -1 : int(body["logprobs"], "logprobs", 0);
  const promptK = body["prompt_logprobs"] === undefined || body["prompt_logprobs"] === null ? -1 : int(body["prompt_logprobs"], "prompt_logprobs", 0);
  const temperature = body["temperature"] === undefined ? 1 : Number(body["temperature"]);
  if (!Number.isFinite(temperature) || temperature < 0) throw new BadRequest("temperature must be a number >= 0");
  const echo = body["echo"] === true;
  const seed = typeof body["seed"] === "number" ? body["seed"] : `request-${counter}`;
  const floor = opts.floorLogprob ?? Math.log(1e-6);
  const choices: unknown[] = [];
  let promptTokens = 0;
  let completionTokens = 0;
  prompts.forEach((prompt, p) => {
    const root = buildTrie(opts.responses(prompt));
    const pTokens = stubTokenize(prompt);
    promptTokens += pTokens.length * n;
    const scoredPrompt = echo || promptK >= 0 ? scoreTokens(root, pTokens, temperature > 0 ? temperature : 1, floor, Math.max(k, promptK, 0), true) : [];
    for (let s = 0; s < n; s++) {
      const gen = sample(root, maxTokens, temperature, (step) => uniform(seed, p, s, step), Math.max(k, 0));
      completionTokens += gen.tokens.length;
      const all = echo ? [...scoredPrompt, ...gen.tokens] : gen.tokens;
      const text = (echo ? prompt : "") + gen.tokens.map((t) => t.token).join("");
      let offset = 0;
      const offsets = all.map((t) => {
        const o = offset;
        offset += t.token.length;
        return o;
      });
      choices.push({
        index: p * n + s,
        text,
        logprobs: k < 0 ? null : { text_offset: offsets, token_logprobs: all.map((t) => t.logprob), tokens: all.map((t) => t.token), top_logprobs: all.map((t) => (t.logprob === null ? null : t.top)) },
        finish_reason: gen.finish,
        stop_reason: null,
        prompt_logprobs:
          promptK < 0
            ? null
            : scoredPrompt.map((t) => (t.logprob === null ? null : { [String(tokenId(t.token))]: { logprob: t.logprob, rank: 1, decoded_token: t.token } })),
        ...(promptK >= 0 ? { prompt_token_ids: pTokens.map(tokenId) } : {}),
      });
    }
  });
  return {
    id: `cmpl-stub-${counter}`,
    object: "text_completion",
    created: 0,
    model: opts.model ?? "stub-vllm",
    choices,
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown);
      } catch (e) {
        reject(new BadRequest(`invalid JSON: ${e instanceof Error ? e.message : String(e)}`));
      }
    });
    req.on("error", reject);
  });
}

/** Starts the stand-in on 127.0.0.1 (port 0: a free port). */
export async function startStubVllm(opts: StubVllmOptions, port = 0): Promise<StubVllm> {
  let counter = 0;
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method === "GET" && path === "/v1/models") return send(200, { object: "list", data: [{ id: opts.model ?? "stub-vllm", object: "model" }] });
    if (req.method !== "POST" || path !== "/v1/completions") return send(404, { object: "error", message: `no route ${req.method} ${path}`, code: 404 });
    readJson(req)
      .then((body) => {
        if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequest("the body must be a JSON object");
        send(200, completions(body as Record<string, unknown>, opts, ++counter));
      })
      .catch((e: unknown) => send(e instanceof BadRequest ? 400 : 500, { object: "error", message: e instanceof Error ? e.message : String(e), type: "BadRequestError", code: 400 }));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const addr = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${addr.port}`,
    server,
    requests: () => counter,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
