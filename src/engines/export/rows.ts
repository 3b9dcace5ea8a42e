/**
 * Dataset rows for the RL engines from contracts and task inputs (the training
 * data format of data/hir-train.json). Each engine gets its documented columns,
 * every column has one type on every row (so parquet/Arrow schemas stay uniform),
 * and every row has a string `id`. The label is the same on every engine: the
 * JSON string of `{"contract", "inputs"}`, which `hir serve` resolves.
 *
 * - verl: `data_source`, `prompt` (chat messages), `ability`,
 *   `reward_model: {style: "rule", ground_truth}`, `extra_info: {index, id, contract, split}`
 *   (and a top-level `id`, which the HiR release's verl fork requires).
 * - OpenRLHF: `id`, `prompt` (text; `--input_key prompt`, chat template applied
 *   by `--apply_chat_template`), `label` (`--label_key label`).
 * - TRL: `id`, `prompt` (conversational: chat messages), `label` (a dataset column
 *   passed to reward functions as `label=`).
 */
export type Engine = "verl" | "openrlhf" | "trl";
export const ENGINES: readonly Engine[] = ["verl", "openrlhf", "trl"];

export interface ExportTask {
  readonly id: string;
  readonly contract: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly instruction: string;
  readonly split: "train" | "held-out";
}

/** The label `hir serve` resolves: `{"contract", "inputs"}` as a JSON string (keys sorted, so equal tasks give equal labels). */
export function taskLabel(t: Pick<ExportTask, "contract" | "inputs">): string {
  const inputs = Object.fromEntries(Object.keys(t.inputs).sort().map((k) => [k, t.inputs[k]]));
  return JSON.stringify({ contract: t.contract, inputs });
}

export function exportRow(engine: Engine, t: ExportTask, index: number, dataSource = "hindsight"): Record<string, unknown> {
  const label = taskLabel(t);
  const messages = [{ role: "user", content: t.instruction }];
  switch (engine) {
    case "verl":
      return {
        id: t.id,
        data_source: dataSource,
        prompt: messages,
        ability: "instruction-following",
        reward_model: { style: "rule", ground_truth: label },
        extra_info: { index, id: t.id, contract: t.contract, split: t.split },
      };
    case "openrlhf":
      return { id: t.id, prompt: t.instruction, label };
    case "trl":
      return { id: t.id, prompt: messages, label };
  }
}
