/**
 * `hir stub-vllm --responses FILE [--port 8000]`: the vLLM stand-in of
 * `hindsight/testing` as a command, to try `hir rollout` (or any completions
 * client) without a GPU. FILE holds the candidate responses: a JSON list of
 * strings, or JSON lines of strings. Prints `listening on http://HOST:PORT` first
 * and runs until SIGINT/SIGTERM (or `signal`). Exit 0, or 2 on usage errors.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";

export interface StubVllmCliOptions {
  responses?: string;
  port: string;
  model: string;
}

function readResponses(text: string): string[] | string {
  try {
    const whole: unknown = JSON.parse(text);
    if (Array.isArray(whole) && whole.length > 0 && whole.every((x) => typeof x === "string")) return whole;
    if (!Array.isArray(whole)) throw new Error("not a list");
    return "the JSON list must hold at least one string";
  } catch {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
    const out: string[] = [];
    for (const [i, l] of lines.entries()) {
      try {
        const v: unknown = JSON.parse(l);
        if (typeof v !== "string") return `line ${i + 1}: expected a JSON string`;
        out.push(v);
      } catch {
        return `line ${i + 1}: not JSON (expected a JSON list of strings, or one JSON string per line)`;
      }
    }
    return out.length > 0 ? out : "no responses";
  }
}

export async function stubVllmCommand(io: CliIO, o: StubVllmCliOptions, signal?: AbortSignal): Promise<number> {
  const fail = (m: string) => {
    io.stderr(`hir stub-vllm: ${m}\n`);
    return EXIT_USAGE;
  };
  if (o.responses === undefined) return fail("--responses FILE is required");
  const port = Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail("--port must be an integer from 0 to 65535");
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, o.responses), "utf8");
  } catch (e) {
    return fail(`cannot read ${o.responses}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const responses = readResponses(text);
  if (typeof responses === "string") return fail(`${o.responses}: ${responses}`);
  const { startStubVllm } = await import("../../testing/vllm-server.js");
  let stub;
  try {
    stub = await startStubVllm({ responses: () => responses, model: o.model }, port);
  } catch (e) {
    return fail(`cannot listen on port ${o.port}: ${e instanceof Error ? e.message : String(e)}`);
  }
  io.stdout(`listening on ${stub.url}\n`);
  io.stderr(`hir stub-vllm: model \`${o.model}\`, ${responses.length} candidate responses (a stand-in: no real model)\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void stub.close().then(done);
    };
    if (signal) {
      if (signal.aborted) stop();
      else signal.addEventListener("abort", stop, { once: true });
    } else {
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    }
  });
  return EXIT_OK;
}

/** Adds `hir stub-vllm` to the CLI (call from src/cli/registry.ts). */
export function registerStubVllmCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("stub-vllm")
    .description("a local stand-in for vLLM's /v1/completions (n, logprobs, echo) over a list of candidate responses, to try hir rollout without a GPU")
    .option("--responses <file>", "candidate responses: a JSON list of strings, or one JSON string per line")
    .option("-p, --port <port>", "port on 127.0.0.1 (0 picks a free one)", "8000")
    .option("--model <name>", "model name reported by /v1/models", "stub-vllm")
    .action(async (o: StubVllmCliOptions) => setExit(await stubVllmCommand(io, o)));
}
