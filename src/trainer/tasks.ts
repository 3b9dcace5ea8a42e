/** Builds the TaskEnvs of a data file on the compiler and runtime. */
import { readTextFile } from "../fs/text.js";
import { resolve } from "node:path";
import { nodeHost } from "../language/node-host.js";
import { CompiledTaskEnv, compileContracts, type TaskEnvOptions } from "./compiled-env.js";
import { DataFileError, parseDataFile, type DataSet } from "./data.js";
import type { TaskEnv } from "./env.js";

export interface LoadedTasks {
  readonly data: DataSet;
  readonly train: readonly TaskEnv[];
  readonly heldOut: readonly TaskEnv[];
}

/** Reads `file` (relative to `cwd`), compiles its contracts and builds one env per task (with `options.judge` for judged constraints). */
export function loadTasks(file: string, cwd: string, options: TaskEnvOptions = {}): LoadedTasks {
  let json: unknown;
  try {
    json = JSON.parse(readTextFile(resolve(cwd, file)).text);
  } catch (e) {
    throw new DataFileError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const data = parseDataFile(json, file);
  const contracts = compileContracts(data.contractPaths, nodeHost(cwd), { baseDir: cwd });
  const build = (t: DataSet["train"][number]): TaskEnv => {
    const c = contracts.get(t.contract);
    if (!c) throw new DataFileError(`${file}: task \`${t.id}\` uses unknown contract \`${t.contract}\` (known: ${[...contracts.keys()].join(", ")})`);
    try {
      return new CompiledTaskEnv(t.id, c, t.inputs, options);
    } catch (e) {
      throw new DataFileError(`${file}: task \`${t.id}\`: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return { data, train: data.train.map(build), heldOut: data.heldOut.map(build) };
}
