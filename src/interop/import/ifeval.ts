/** Reader for IFEval's input_data.jsonl: `{key, prompt, instruction_id_list, kwargs}`. */
import { dropNulls, readJsonlObjects, type ImportRead, type ImportedRow, type ImportProblem } from "./rows.js";

export function readIfevalInputs(input: string | Uint8Array): ImportRead {
  const { items, problems, warnings } = readJsonlObjects(input);
  const rows: ImportedRow[] = [];
  const more: ImportProblem[] = [];
  for (const { line, value } of items) {
    const key = value["key"] === undefined ? String(line) : String(value["key"]);
    const prompt = value["prompt"];
    const ids = value["instruction_id_list"];
    const kwargs = value["kwargs"];
    if (typeof prompt !== "string") {
      more.push({ line, key, message: "`prompt` must be a string" });
      continue;
    }
    if (!Array.isArray(ids) || !ids.every((x): x is string => typeof x === "string")) {
      more.push({ line, key, message: "`instruction_id_list` must be a list of strings" });
      continue;
    }
    const kwList = Array.isArray(kwargs) ? kwargs : [];
    if (kwargs !== undefined && !Array.isArray(kwargs)) {
      more.push({ line, key, message: "`kwargs` must be a list of objects aligned with `instruction_id_list`" });
      continue;
    }
    if (kwList.length !== 0 && kwList.length !== ids.length) {
      more.push({ line, key, message: `\`kwargs\` has ${kwList.length} entries for ${ids.length} instruction ids` });
      continue;
    }
    const badEntry = kwList.findIndex((k) => k !== null && (typeof k !== "object" || Array.isArray(k)));
    if (badEntry >= 0) {
      more.push({ line, key, message: `\`kwargs\` entry ${badEntry + 1} (for \`${ids[badEntry] ?? "?"}\`) must be an object or null` });
      continue;
    }
    rows.push({ key, line, prompt, constraints: ids.map((id, i) => ({ instructionId: id, kwargs: dropNulls(kwList[i]) })) });
  }
  return { rows, problems: [...problems, ...more].sort((a, b) => a.line - b.line), warnings };
}
