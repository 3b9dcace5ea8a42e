/** The repository's contract files, and seeded text edits of them, for the parser's differential tests. */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";

/** The `.contract` files under `dir`, recursively. */
export function contractFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...contractFiles(path));
    else if (name.endsWith(".contract")) out.push(path);
  }
  return out;
}

/** One to three edits (delete up to 12 characters, insert one of `pieces`) of one of `texts`: the edited text. */
export function editedText(texts: readonly string[], pieces: readonly string[]): fc.Arbitrary<string> {
  return fc.record({
    file: fc.nat({ max: texts.length - 1 }),
    edits: fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 12 }), insert: fc.oneof(fc.constantFrom(...pieces), fc.constant("")) }), { minLength: 1, maxLength: 3 }),
  }).map(({ file, edits }) => {
    let text = texts[file]!;
    for (const e of edits) {
      const at = e.at % (text.length + 1);
      text = text.slice(0, at) + e.insert + text.slice(at + e.del);
    }
    return text;
  });
}
