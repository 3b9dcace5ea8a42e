/**
 * Property: whatever the edits, the server stays up, answers requests, and every published
 * diagnostic lies inside the document it is about.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/repo.js";
import { LspClient, type Position } from "./helpers/client.js";

const FILE = "edited.contract";
const SEED_TEXT = readFileSync(join(REPO_ROOT, "specs/support-reply.contract"), "utf8");
const PIECES = ["{", "}", "\"", "\"\"\"", "{{", "}}", "\n", " ", "task x \"y\" check words < 3\n", "requires ", "use ", "import \"", "//", "/*", "é", "😀", "\r\n", "(", ")", "..", "not", "contract", "1e999", "/a+/"];

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

let root: string;
let client: LspClient;
let version = 1;
let text = SEED_TEXT;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "hir-lsp-prop-"));
  client = new LspClient(root);
  await client.initialize();
  client.open(FILE, text, version);
  await client.diagnostics(FILE, version);
}, 120_000);

afterAll(async () => {
  await client?.shutdown().catch(() => client.kill());
  rmSync(root, { recursive: true, force: true });
});

const edit = fc.record({
  start: fc.nat(),
  length: fc.nat({ max: 40 }),
  insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 12 })),
});

it("random edits never crash the server and diagnostics stay inside the document", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), fc.nat(), async (edits, probe) => {
      for (const e of edits) {
        // Edits at code-unit offsets, like an editor sending a change between two characters;
        // never between the halves of a surrogate pair or of a \r\n (editors do not split those).
        let start = e.start % (text.length + 1);
        let end = Math.min(text.length, start + e.length);
        const split = (i: number): boolean => (/[\uDC00-\uDFFF]/.test(text[i] ?? "") || (text[i] === "\n" && text[i - 1] === "\r"));
        while (start > 0 && split(start)) start--;
        while (end < text.length && split(end)) end++;
        const range = { start: positionAt(text, start), end: positionAt(text, end) };
        text = text.slice(0, start) + e.insert + text.slice(end);
        client.change(FILE, ++version, [{ range, text: e.insert }]);
      }
      const published = await client.diagnostics(FILE, version);
      const lines = text.split(/\r\n|\r|\n/);
      for (const d of published.diagnostics) {
        for (const p of [d.range.start, d.range.end]) {
          expect(p.line).toBeGreaterThanOrEqual(0);
          expect(p.line).toBeLessThan(lines.length);
          expect(p.character).toBeGreaterThanOrEqual(0);
          expect(p.character).toBeLessThanOrEqual((lines[p.line] ?? "").length);
        }
      }
      const at = positionAt(text, probe % (text.length + 1));
      await client.request("textDocument/hover", { textDocument: { uri: client.uri(FILE) }, position: at });
      await client.request("textDocument/completion", { textDocument: { uri: client.uri(FILE) }, position: at });
      await client.request("textDocument/semanticTokens/full", { textDocument: { uri: client.uri(FILE) } });
      expect(client.exited).toBeUndefined();
      expect(client.errors).toEqual([]);
    }),
    { numRuns: 30, seed: 1307 },
  );
  expect(client.stderr).toBe("");
});
