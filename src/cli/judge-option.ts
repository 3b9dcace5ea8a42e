/**
 * `--judge URL|none`, shared by the commands that verify soft constraints
 * (check, hindsight, train): validates the value and builds the judge.
 */
import { JUDGE_ENV_VARS } from "../runtime/judge/config.js";
import type { Judge } from "../runtime/judge-interface.js";

/** Builds the HTTP judge for `--judge URL` (the CLI registry plugs it in; tests pass scripted judges). */
export type JudgeFactory = (url: string) => Judge;

export type JudgeOption = { readonly ok: true; readonly judge?: Judge } | { readonly ok: false; readonly message: string };

/** No value or "none": no judge. Otherwise an http(s) URL handed to `factory`. */
export function judgeFromOption(value: string | undefined, factory: JudgeFactory | undefined): JudgeOption {
  if (value === undefined || value === "none") return { ok: true };
  if (!/^https?:\/\//i.test(value)) return { ok: false, message: `--judge takes an http(s) URL or "none", not \`${value}\`` };
  if (!factory) return { ok: false, message: "--judge URL needs the HTTP judge, which this build does not include; use --judge none" };
  try {
    return { ok: true, judge: factory(value) };
  } catch (e) {
    return { ok: false, message: `cannot set up the judge: ${e instanceof Error ? e.message : String(e)}` };
  }
}

const ENV_MEANING: Readonly<Record<keyof typeof JUDGE_ENV_VARS, string>> = {
  url: "base URL of the OpenAI-compatible API (…/v1); --judge URL takes precedence",
  model: "model name sent with each request (required)",
  apiKey: "sent as a Bearer token; an empty HIR_JUDGE_API_KEY sends none and skips OPENAI_API_KEY",
  timeoutMs: "per-request timeout in milliseconds (default 30000)",
  concurrency: "most requests in flight at once (default 4)",
  cacheDir: "folder of the verdict cache (default: no cache)",
};

/** `--help` text naming every environment variable `--judge URL` reads, from the one table the judge reads them by. */
export function judgeEnvHelp(): string {
  const rows = Object.entries(JUDGE_ENV_VARS).map(([field, names]) => `  ${names.join(", ").padEnd(36)} ${ENV_MEANING[field as keyof typeof JUDGE_ENV_VARS]}`);
  return `\nWith --judge URL, the judge reads these environment variables (docs/judges.md):\n${rows.join("\n")}\n`;
}
