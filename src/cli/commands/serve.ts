/**
 * `hir serve [paths...]`: serve rewards and hindsight replays over HTTP to RL
 * engines (verl, OpenRLHF, TRL; see docs/engines.md and src/engines/serve/).
 * Loads and compiles the contracts once, prints `listening on http://HOST:PORT`
 * as its first stdout line, and runs until SIGINT/SIGTERM (or `signal`).
 * Exit 0 after a clean shutdown, 2 on usage errors (bad option, no contract
 * compiled, port in use). The engine code is imported inside the action so
 * registering the command stays cheap.
 */
import { Option, type Command } from "commander";
import { EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { judgeFromOption, type JudgeFactory } from "../judge-option.js";

export interface ServeOptions {
  host: string;
  port: string;
  token?: string;
  judge?: string;
  maxBody: string;
  timeout: string;
  concurrency: string;
  log?: boolean;
}

export interface ServeHooks {
  readonly judgeFactory?: JudgeFactory;
  /** Stops the server (tests); the CLI stops on SIGINT/SIGTERM. */
  readonly signal?: AbortSignal;
}

function positiveInt(raw: string, name: string): number | string {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : `${name} must be a non-negative integer, not \`${raw}\``;
}

export async function serveCommand(io: CliIO, paths: readonly string[], o: ServeOptions, hooks: ServeHooks = {}): Promise<number> {
  const fail = (m: string) => {
    io.stderr(`hir serve: ${m}\n`);
    return EXIT_USAGE;
  };
  const port = positiveInt(o.port, "--port");
  const maxBody = positiveInt(o.maxBody, "--max-body");
  const timeout = positiveInt(o.timeout, "--timeout");
  const concurrency = positiveInt(o.concurrency, "--concurrency");
  for (const v of [port, maxBody, timeout, concurrency]) if (typeof v === "string") return fail(v);
  if ((port as number) > 65535) return fail("--port must be at most 65535");
  const judge = judgeFromOption(o.judge, hooks.judgeFactory);
  if (!judge.ok) return fail(judge.message);
  const token = o.token ?? io.env["HIR_SERVE_TOKEN"];
  if (token !== undefined && token.trim() === "") return fail("the token is empty");

  const [{ runPipeline }, { nodeHost }] = await Promise.all([import("../../compiler/pipeline.js"), import("../../language/node-host.js")]);
  const loaded = runPipeline({ paths, host: nodeHost(io.cwd), baseDir: io.cwd });
  if (loaded.missing.length > 0) return fail(`no such file or directory: ${loaded.missing.join(", ")}`);
  const { RewardService, createRewardServer, listen } = await import("../../engines/serve/index.js");
  for (const d of loaded.errors) io.stderr(`${d.file}: ${d.code} ${d.message}\n`);
  for (const s of loaded.skipped) io.stderr(`hir serve: skipping \`${s.contract}\`: ${s.reason}\n`);
  const contracts = new Map(loaded.contracts.map((c) => [c.id, c]));
  const service = new RewardService(contracts, {
    ...(judge.judge ? { judge: judge.judge } : {}),
    itemTimeoutMs: timeout as number,
  });
  const server = createRewardServer(service, {
    ...(token !== undefined ? { token } : {}),
    maxBodyBytes: maxBody as number,
    maxInFlight: concurrency as number,
    ...(o.log ? { log: (line: string) => io.stderr(`${line}\n`) } : {}),
  });
  let url: string;
  try {
    url = await listen(server, o.host, port as number);
  } catch (e) {
    return fail(`cannot listen on ${o.host}:${o.port}: ${e instanceof Error ? e.message : String(e)}`);
  }
  io.stdout(`listening on ${url}\n`);
  io.stderr(`hir serve: ${contracts.size} contract${contracts.size === 1 ? "" : "s"}${token !== undefined ? ", bearer token required" : ""}${o.host !== "127.0.0.1" && o.host !== "localhost" && token === undefined ? " (warning: reachable from other hosts without a token)" : ""}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      server.close(() => resolve());
      server.closeAllConnections();
    };
    if (hooks.signal) {
      if (hooks.signal.aborted) stop();
      else hooks.signal.addEventListener("abort", stop, { once: true });
    } else {
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    }
  });
  return EXIT_OK;
}

/** Adds `hir serve` to the CLI (call from src/cli/registry.ts). */
export function registerServeCommand(program: Command, io: CliIO, setExit: (code: number) => void, hooks: ServeHooks = {}): void {
  program
    .command("serve")
    .description("serve verification rewards, hindsight replays and replay selection over HTTP (verl, OpenRLHF, TRL; see docs/engines.md)")
    .argument("[paths...]", "contract files or directories (default: .)")
    .option("--host <host>", "address to bind (other hosts can reach anything but 127.0.0.1: set a token)", "127.0.0.1")
    .option("-p, --port <port>", "port (0 picks a free one)", "8080")
    .option("--token <token>", "require `Authorization: Bearer TOKEN` (default: $HIR_SERVE_TOKEN)")
    .option("--judge <url>", 'judge for soft constraints ("none": they are unknown, so never pass)')
    .addOption(new Option("--max-body <bytes>", "largest request body (413 beyond)").default(String(8 * 1024 * 1024)))
    .option("--timeout <ms>", "per-item time limit; an item over it scores 0 with an error", "30000")
    .option("--concurrency <n>", "requests handled at once (more wait in a queue)", "32")
    .option("--log", "one line per request on stderr (method, route, status, time; never the query string)")
    .action(async (paths: string[], o: ServeOptions) => setExit(await serveCommand(io, paths, o, hooks)));
}
