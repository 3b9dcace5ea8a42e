/**
 * The training set file (data/hir-train.json): which contracts to load and the
 * tasks (contract x input assignment) of the train and held-out sets. Tasks are
 * listed one by one or as a grid (the cartesian product of input values, in the
 * order written). Held-out tasks must never appear in training; the loader
 * refuses a file where one does. See docs/trainer.md for the format.
 */
import { dirname, join, posix } from "node:path";
import { z } from "zod";

const InputValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
const InputsSchema = z.record(z.string(), InputValueSchema);

const TaskItemSchema = z
  .object({
    id: z.string().min(1).optional().describe("Task id (default: the contract and its inputs)."),
    contract: z.string().min(1),
    inputs: InputsSchema.default({}),
  })
  .strict();

const GridItemSchema = z
  .object({
    contract: z.string().min(1),
    /** Inputs shared by every task of the grid. */
    fixed: InputsSchema.default({}),
    /** Input -> the values to combine; every combination is a task. */
    grid: z.record(z.string(), z.array(InputValueSchema).min(1)),
  })
  .strict();

const SetItemSchema = z.union([TaskItemSchema, GridItemSchema]);

export const DataFileSchema = z
  .object({
    description: z.string().optional(),
    /** Contract files, relative to this file's directory. */
    contracts: z.array(z.string().min(1)).min(1),
    train: z.array(SetItemSchema).min(1),
    heldOut: z.array(SetItemSchema).default([]),
  })
  .strict();

export type DataFile = z.infer<typeof DataFileSchema>;
export type InputValue = z.infer<typeof InputValueSchema>;

export interface TaskSpec {
  readonly id: string;
  readonly contract: string;
  readonly inputs: Readonly<Record<string, InputValue>>;
  readonly split: "train" | "heldOut";
}

export interface DataSet {
  /** Contract files, resolved against the data file's directory. */
  readonly contractPaths: readonly string[];
  readonly train: readonly TaskSpec[];
  readonly heldOut: readonly TaskSpec[];
}

export class DataFileError extends Error {
  override readonly name = "DataFileError";
}

function valueText(v: InputValue): string {
  return Array.isArray(v) ? `[${v.join("|")}]` : String(v);
}

/** A readable, canonical id: `Contract{a=1,b=x}` with inputs sorted by name. */
export function taskKey(contract: string, inputs: Readonly<Record<string, InputValue>>): string {
  const parts = Object.keys(inputs)
    .sort()
    .map((k) => `${k}=${valueText(inputs[k] as InputValue)}`);
  return `${contract}{${parts.join(",")}}`;
}

function expand(items: DataFile["train"], split: TaskSpec["split"]): TaskSpec[] {
  const out: TaskSpec[] = [];
  for (const item of items) {
    if ("grid" in item) {
      let combos: Record<string, InputValue>[] = [{ ...item.fixed }];
      for (const [name, values] of Object.entries(item.grid)) {
        const next: Record<string, InputValue>[] = [];
        for (const c of combos) for (const v of values) next.push({ ...c, [name]: v });
        combos = next;
      }
      for (const inputs of combos) out.push({ id: taskKey(item.contract, inputs), contract: item.contract, inputs, split });
    } else {
      out.push({ id: item.id ?? taskKey(item.contract, item.inputs), contract: item.contract, inputs: item.inputs, split });
    }
  }
  return out;
}

/** Validates and expands a parsed data file. `file` is its path (for resolving contract paths). */
export function parseDataFile(json: unknown, file: string): DataSet {
  const r = DataFileSchema.safeParse(json);
  if (!r.success) {
    throw new DataFileError(`${file}: ${r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  }
  const train = expand(r.data.train, "train");
  const heldOut = expand(r.data.heldOut, "heldOut");
  const problems: string[] = [];
  for (const [name, set] of [["train", train], ["heldOut", heldOut]] as const) {
    const seen = new Set<string>();
    for (const t of set) {
      if (seen.has(t.id)) problems.push(`${name}: duplicate task \`${t.id}\``);
      seen.add(t.id);
    }
  }
  const trainKeys = new Set(train.map((t) => taskKey(t.contract, t.inputs)));
  for (const t of heldOut) {
    if (trainKeys.has(taskKey(t.contract, t.inputs))) problems.push(`heldOut: \`${t.id}\` also appears in train (held-out tasks must be unseen)`);
  }
  if (problems.length > 0) throw new DataFileError(`${file}: ${problems.join("; ")}`);
  const base = dirname(file);
  const contractPaths = r.data.contracts.map((c) => posix.normalize(join(base, c).replace(/\\/g, "/")));
  return { contractPaths, train, heldOut };
}
