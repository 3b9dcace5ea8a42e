/**
 * `--judge URL|none`, shared by the commands that verify soft constraints
 * (check, hindsight, train): validates the value and builds the judge.
 */
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
