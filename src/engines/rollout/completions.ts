/**
 * A client for an OpenAI-compatible `/v1/completions` server (vLLM, SGLang's
 * OpenAI layer, llama.cpp's server...): sampling with per-token log-probs, and
 * scoring a fixed continuation with `echo: true, max_tokens: 0, logprobs`.
 * Protocol problems are returned as errors, never thrown past `CompletionsError`.
 */

export interface SampledText {
  readonly text: string;
  readonly tokens: readonly string[];
  /** log pi(token_t | prompt, tokens_<t) at the sampling temperature. */
  readonly logprobs: readonly number[];
  readonly finishReason: string;
}

export interface SampleOptions {
  readonly n: number;
  readonly maxTokens: number;
  readonly temperature: number;
  readonly seed?: number;
}

export class CompletionsError extends Error {}

interface Choice {
  index?: unknown;
  text?: unknown;
  finish_reason?: unknown;
  logprobs?: { tokens?: unknown; token_logprobs?: unknown; text_offset?: unknown } | null;
}

export class CompletionsClient {
  constructor(
    readonly url: string,
    readonly model: string,
    private readonly apiKey?: string,
    private readonly timeoutMs = 120_000,
  ) {}

  private async post(body: Record<string, unknown>): Promise<Choice[]> {
    const base = this.url.replace(/\/+$/, "");
    const endpoint = /\/v1$/.test(base) ? `${base}/completions` : `${base}/v1/completions`;
    let res: Response;
    try {
      res = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}) },
        body: JSON.stringify({ model: this.model, ...body }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new CompletionsError(`cannot reach ${endpoint}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const text = await res.text();
    if (!res.ok) throw new CompletionsError(`${endpoint} answered HTTP ${res.status}: ${text.slice(0, 300)}`);
    let json: { choices?: unknown };
    try {
      json = JSON.parse(text) as { choices?: unknown };
    } catch {
      throw new CompletionsError(`${endpoint} answered invalid JSON`);
    }
    if (!Array.isArray(json.choices)) throw new CompletionsError(`${endpoint} answered no \`choices\``);
    return json.choices as Choice[];
  }

  /** `n` samples per prompt with log-probs; result[i] are the samples of prompts[i]. */
  async sample(prompts: readonly string[], opts: SampleOptions): Promise<SampledText[][]> {
    const choices = await this.post({
      prompt: [...prompts],
      n: opts.n,
      max_tokens: opts.maxTokens,
      temperature: opts.temperature,
      logprobs: 1,
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    });
    if (choices.length !== prompts.length * opts.n) throw new CompletionsError(`expected ${prompts.length * opts.n} choices, got ${choices.length}`);
    const out: SampledText[][] = prompts.map(() => []);
    // vLLM numbers choices prompt-major: index = prompt * n + sample.
    const ordered = [...choices].sort((a, b) => Number(a.index ?? 0) - Number(b.index ?? 0));
    ordered.forEach((c, i) => {
      const lp = c.logprobs;
      const tokens = Array.isArray(lp?.tokens) ? (lp.tokens as unknown[]).map(String) : [];
      const logprobs = Array.isArray(lp?.token_logprobs) ? (lp.token_logprobs as unknown[]).map((x) => (typeof x === "number" ? x : Number.NaN)) : [];
      if (typeof c.text !== "string" || tokens.length !== logprobs.length) throw new CompletionsError(`choice ${i}: missing text or misaligned log-probs (ask for logprobs)`);
      out[Math.floor(i / opts.n)]?.push({ text: c.text, tokens, logprobs, finishReason: String(c.finish_reason ?? "") });
    });
    return out;
  }

  /**
   * log pi(continuation | prompt), token by token, for several pairs in one request:
   * each prompt + continuation is echoed with `max_tokens: 0`; the tokens from the
   * prompt's end on are the continuation's.
   */
  async score(pairs: ReadonlyArray<{ prompt: string; continuation: string }>): Promise<Array<{ tokens: string[]; logprobs: number[] }>> {
    if (pairs.length === 0) return [];
    const choices = await this.post({ prompt: pairs.map((p) => p.prompt + p.continuation), max_tokens: 0, echo: true, logprobs: 1, temperature: 1 });
    if (choices.length !== pairs.length) throw new CompletionsError(`expected ${pairs.length} echoed choices, got ${choices.length}`);
    const ordered = [...choices].sort((a, b) => Number(a.index ?? 0) - Number(b.index ?? 0));
    return ordered.map((c, i) => {
      const prompt = (pairs[i] as { prompt: string }).prompt;
      const lp = c.logprobs;
      if (!lp || !Array.isArray(lp.tokens) || !Array.isArray(lp.token_logprobs) || !Array.isArray(lp.text_offset)) {
        throw new CompletionsError("the server returned no echoed log-probs (does it support `echo` with `max_tokens: 0`?)");
      }
      const tokens: string[] = [];
      const logprobs: number[] = [];
      (lp.text_offset as unknown[]).forEach((o, t) => {
        // A token straddling the prompt's end belongs to the continuation.
        const token = String((lp.tokens as unknown[])[t]);
        if (Number(o) + token.length > prompt.length) {
          tokens.push(token);
          const v = (lp.token_logprobs as unknown[])[t];
          logprobs.push(typeof v === "number" ? v : Number.NaN);
        }
      });
      return { tokens, logprobs };
    });
  }
}
