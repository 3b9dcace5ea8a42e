/**
 * The language server over real JSON-RPC on stdio: a workspace with a contract that
 * imports a policy file, opened, edited and queried as an editor would.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintFiles } from "../../src/language/lint/files.js";
import { formatContract } from "../../src/language/format/index.js";
import { expectGolden } from "../helpers/golden.js";
import { REPO_ROOT } from "../helpers/repo.js";
import { LspClient, type Position } from "./helpers/client.js";

const GOLDEN = join(REPO_ROOT, "test/lsp/golden");
const MAIN = "release-notes.contract";
const POLICY = "policies/no-guarantees.contract";

let root: string;
let client: LspClient;
let text: string;
/** The document version: every change to MAIN increments it, so a wait never matches an older publish. */
let version = 1;

/** The position of the `n`th occurrence of `needle` (plus `delta` characters) in `source`. */
function posOf(source: string, needle: string, delta = 0, n = 1): Position {
  let at = -1;
  for (let i = 0; i < n; i++) at = source.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`no ${needle}`);
  const before = source.slice(0, at + delta);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - before.lastIndexOf("\n") - 1 };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "hir-lsp-"));
  cpSync(join(REPO_ROOT, "specs/release-notes.contract"), join(root, MAIN));
  cpSync(join(REPO_ROOT, "specs", POLICY), join(root, POLICY));
  text = (await import("node:fs")).readFileSync(join(root, MAIN), "utf8");
  client = new LspClient(root);
  await client.initialize();
  client.open(MAIN, text);
}, 120_000);

afterAll(async () => {
  expect(client.errors).toEqual([]);
  await client?.shutdown().catch(() => client.kill());
  rmSync(root, { recursive: true, force: true });
});

describe("hir lsp over stdio", () => {
  it("publishes what hir lint reports for an opened document", async () => {
    const published = await client.diagnostics(MAIN, version);
    const lint = lintFiles(root, [MAIN]);
    if ("usageError" in lint) throw new Error(lint.usageError);
    const expected = lint.diagnostics.filter((d) => d.file === MAIN).map((d) => `${d.code} ${d.range.start.line - 1}:${d.range.start.column - 1} ${d.message}`);
    expect(published.diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message.split("\n")[0]}`)).toEqual(expected);
  });

  it("re-checks after an incremental edit and offers the did-you-mean fix as a code action", async () => {
    const at = posOf(text, "short_bullets requires sections", "short_bullets requires ".length);
    text = text.replace("short_bullets requires sections", "short_bullets requires sectons");
    client.change(MAIN, ++version, [{ range: { start: at, end: { line: at.line, character: at.character + "sections".length } }, text: "sectons" }]);
    const published = await client.diagnostics(MAIN, version);
    const d = published.diagnostics.find((x) => x.code === "HIR2001");
    expect(d?.message).toContain("no constraint `sectons` in this contract");
    expect(d?.message).toContain("Did you mean `sections`?");
    expect(d?.codeDescription?.href).toMatch(/docs\/diagnostics\.md#hir2001-unknown-constraint$/);
    expect(d?.range).toEqual({ start: at, end: { line: at.line, character: at.character + "sectons".length } });
    const actions = (await client.request("textDocument/codeAction", { textDocument: { uri: client.uri(MAIN) }, range: d?.range, context: { diagnostics: [d] } })) as { title: string; isPreferred?: boolean; edit: { changes: Record<string, { newText: string }[]> } }[];
    const fix = actions.find((a) => a.isPreferred);
    expect(fix?.title).toBe("Change to `sections`");
    expect(fix?.edit.changes[client.uri(MAIN)]?.[0]?.newText).toBe("sections");
    expect(actions.map((a) => a.title)).toContain("Suppress `unknown-constraint` on this line (with a reason)");
    // Undo the typo for the following tests.
    text = text.replace("short_bullets requires sectons", "short_bullets requires sections");
    client.change(MAIN, ++version, [{ text }]);
    const clean = await client.diagnostics(MAIN, version);
    expect(clean.diagnostics.filter((x) => x.code === "HIR2001")).toEqual([]);
  });

  it("offers to declare the missing target of a requires", async () => {
    const broken = text.replace("short_bullets requires sections", "short_bullets requires glossary");
    client.change(MAIN, ++version, [{ text: broken }]);
    const d = (await client.diagnostics(MAIN, version)).diagnostics.find((x) => x.code === "HIR2001");
    expect(d?.data).toEqual({ rule: "unknown-constraint" });
    const actions = (await client.request("textDocument/codeAction", { textDocument: { uri: client.uri(MAIN) }, range: d?.range, context: { diagnostics: [d] } })) as { title: string; edit: { changes: Record<string, { range: { start: Position }; newText: string }[]> } }[];
    const declare = actions.find((a) => a.title === "Declare constraint `glossary`");
    const edit = declare?.edit.changes[client.uri(MAIN)]?.[0];
    expect(edit?.range.start).toEqual({ line: posOf(broken, "short_bullets requires").line, character: 0 });
    expect(edit?.newText).toBe('  task glossary "TODO: what glossary asks for."\n    check words >= 1\n');
    client.change(MAIN, ++version, [{ text }]);
    await client.diagnostics(MAIN, version);
  });

  it("tags unused declarations, honours suppressions and offers to add a missing reason", async () => {
    const withUnused = text.replace("  input product: text = \"Acme\"", "  input product: text = \"Acme\"\n  input audience: text");
    client.change(MAIN, ++version, [{ text: withUnused }]);
    const d = (await client.diagnostics(MAIN, version)).diagnostics.find((x) => x.code === "HIR9001");
    expect(d?.tags).toEqual([1]);
    const suppressed = withUnused.replace("  input audience: text", "  input audience: text // hir-ignore unused-input");
    client.change(MAIN, ++version, [{ text: suppressed }]);
    const after = (await client.diagnostics(MAIN, version)).diagnostics;
    expect(after.map((x) => x.code)).not.toContain("HIR9001");
    const noReason = after.find((x) => x.code === "HIR9006");
    expect(noReason).toBeDefined();
    const actions = (await client.request("textDocument/codeAction", { textDocument: { uri: client.uri(MAIN) }, range: noReason?.range, context: { diagnostics: [noReason] } })) as { title: string; edit: { changes: Record<string, { newText: string }[]> } }[];
    expect(actions[0]?.title).toBe("Add a reason to this suppression");
    expect(actions[0]?.edit.changes[client.uri(MAIN)]?.[0]?.newText).toBe(" -- explain why this is fine");
    client.change(MAIN, ++version, [{ text }]);
    await client.diagnostics(MAIN, version);
  });

  it("hovers built-ins, constraints, inputs and suppressed rules (golden)", async () => {
    const hover = async (label: string, source: string, needle: string, delta: number): Promise<string> => {
      const r = (await client.request("textDocument/hover", { textDocument: { uri: client.uri(MAIN) }, position: posOf(source, needle, delta) })) as { contents: { value: string } } | null;
      return `## ${label}\n\n${r?.contents.value ?? "(none)"}\n`;
    };
    const parts = [
      await hover("built-in starts_with", text, "starts_with", 2),
      await hover("built-in contains_any", text, "contains_any", 3),
      await hover("constraint sections (in requires)", text, "requires sections", "requires ".length + 1),
      await hover("constraint short_bullets (declaration)", text, "task short_bullets", 6),
      await hover("input product (interpolation)", text, "{{product}}", 3),
      await hover("input version (check)", text, "count(version,", 7),
      await hover("set NoGuarantees (use)", text, "use NoGuarantees", 5),
      await hover("contract", text, "contract ReleaseNotes", 10),
    ];
    const suppressed = text.replace("  input product:", "  // hir-ignore unused-input -- filled by the template\n  input product:");
    client.change(MAIN, ++version, [{ text: suppressed }]);
    parts.push(await hover("rule in a suppression comment", suppressed, "unused-input", 3));
    client.change(MAIN, ++version, [{ text }]);
    expectGolden(parts.join("\n"), join(GOLDEN, "hover.md"));
  });

  it("completes by context (golden)", async () => {
    const complete = async (label: string, source: string, needle: string, delta: number): Promise<string> => {
      client.change(MAIN, ++version, [{ text: source }]);
      const r = (await client.request("textDocument/completion", { textDocument: { uri: client.uri(MAIN) }, position: posOf(source, needle, delta) })) as { label: string; insertText?: string }[];
      const items = r.map((i) => (i.insertText && i.insertText !== i.label ? `${i.label} -> ${i.insertText}` : i.label));
      return `## ${label}\n\n${items.join("\n")}\n`;
    };
    const parts = [
      await complete("interpolation", text.replace("Changes: {{changes}}", "Changes: {{ch"), "{{ch", 4),
      await complete("after requires", text.replace("short_bullets requires sections", "short_bullets requires s"), "short_bullets requires s", 24),
      await complete("after use", text.replace("use NoGuarantees", "use No"), "use No", 6),
      await complete("after use Set.", text.replace("use NoGuarantees", "use NoGuarantees.n"), "use NoGuarantees.n", 18),
      await complete("import path", text.replace('import "policies/no-guarantees.contract"', 'import "pol'), 'import "pol', 11),
      await complete("import path in a directory", text.replace('import "policies/no-guarantees.contract"', 'import "policies/'), 'import "policies/', 17),
      await complete("member keywords", text.replace("  use NoGuarantees", "  \n  use NoGuarantees"), "  \n  use", 2),
      await complete("top level", `${text}\nzz`, "\nzz", 1),
      await complete("replay layout", text.replace("layout inline", "layout "), "layout ", 7),
    ];
    const checkItems = await complete("check (built-ins with snippets, inputs, keywords)", text.replace("check bullets >= 4", "check b"), "check b", 7);
    parts.push(checkItems);
    expect(checkItems).toContain("contains_all -> contains_all(${1:phrases})");
    expectGolden(parts.join("\n"), join(GOLDEN, "completion.md"));
    client.change(MAIN, ++version, [{ text }]);
  });

  it("goes to definitions across files and finds references", async () => {
    const defUse = (await client.request("textDocument/definition", { textDocument: { uri: client.uri(MAIN) }, position: posOf(text, "use NoGuarantees", 6) })) as { uri: string; range: { start: Position } };
    expect(defUse.uri).toBe(client.uri(POLICY));
    expect(defUse.range.start).toEqual({ line: 1, character: 12 });
    const defReq = (await client.request("textDocument/definition", { textDocument: { uri: client.uri(MAIN) }, position: posOf(text, "requires sections", 10) })) as { uri: string; range: { start: Position } };
    expect(defReq).toMatchObject({ uri: client.uri(MAIN), range: { start: posOf(text, "task sections", 5) } });
    const defImport = (await client.request("textDocument/definition", { textDocument: { uri: client.uri(MAIN) }, position: posOf(text, "policies/", 2) })) as { uri: string };
    expect(defImport.uri).toBe(client.uri(POLICY));
    const refs = (await client.request("textDocument/references", { textDocument: { uri: client.uri(MAIN) }, position: posOf(text, "input version", 7), context: { includeDeclaration: true } })) as { range: { start: Position } }[];
    // The declaration, `{{version}}` in the prompt, in a clause, and `count(version, ...)`.
    expect(refs.map((r) => r.range.start)).toEqual([posOf(text, "input version", 6), posOf(text, "{{version}}", 2), posOf(text, "{{version}}", 2, 2), posOf(text, "{{version}}", 2, 3), posOf(text, "count(version,", 6)]);
  });

  it("renames a constraint of a policy in every file, and refuses invalid names", async () => {
    const edit = (await client.request("textDocument/rename", { textDocument: { uri: client.uri(MAIN) }, position: posOf(text, "requires sections", 10), newName: "layout_sections" })) as { changes: Record<string, { newText: string }[]> };
    expect(Object.keys(edit.changes)).toEqual([client.uri(MAIN)]);
    expect(edit.changes[client.uri(MAIN)]).toHaveLength(3);
    await expect(client.request("textDocument/rename", { textDocument: { uri: client.uri(MAIN) }, position: posOf(text, "requires sections", 10), newName: "task" })).rejects.toThrow("keyword");
    await expect(client.request("textDocument/rename", { textDocument: { uri: client.uri(MAIN) }, position: posOf(text, "requires sections", 10), newName: "bullets_per_section" })).rejects.toThrow("already has a constraint");
    await expect(client.request("textDocument/rename", { textDocument: { uri: client.uri(MAIN) }, position: posOf(text, "requires sections", 10), newName: "2x" })).rejects.toThrow("not a valid name");
    const policyText = (await import("node:fs")).readFileSync(join(root, POLICY), "utf8");
    client.open(POLICY, policyText);
    const other = 'import "policies/no-guarantees.contract"\ncontract Other {\n  prompt "p"\n  use NoGuarantees.no_guarantees\n  task t "T." check words < 9\n  t requires no_guarantees\n}\n';
    client.open("other.contract", other);
    const cross = (await client.request("textDocument/rename", { textDocument: { uri: client.uri(POLICY) }, position: posOf(policyText, "no_guarantees", 2), newName: "no_promises" })) as { changes: Record<string, { range: { start: Position }; newText: string }[]> };
    expect(cross.changes[client.uri(POLICY)]).toHaveLength(1);
    // The unsaved buffer that uses and requires it is renamed too; release-notes uses the whole set, so it has nothing to change.
    expect(cross.changes[client.uri("other.contract")]?.map((e) => e.range.start)).toEqual([posOf(other, "no_guarantees", 0, 1), posOf(other, "no_guarantees", 0, 2)]);
    expect(Object.keys(cross.changes).sort()).toEqual([client.uri("other.contract"), client.uri(POLICY)].sort());
    const refs = (await client.request("textDocument/references", { textDocument: { uri: client.uri("other.contract") }, position: posOf(other, "requires no_guarantees", 12), context: { includeDeclaration: false } })) as { uri: string }[];
    expect(refs.map((r) => r.uri)).toEqual([client.uri("other.contract"), client.uri("other.contract")]);
  });

  it("formats through hir fmt's formatter", async () => {
    const messy = text.replace("  input version: text", "input    version :text");
    client.change(MAIN, ++version, [{ text: messy }]);
    const edits = (await client.request("textDocument/formatting", { textDocument: { uri: client.uri(MAIN) }, options: { tabSize: 2, insertSpaces: true } })) as { range: { start: Position; end: Position }; newText: string }[];
    expect(edits).toHaveLength(1);
    const lines = messy.split("\n");
    const e = edits[0] as (typeof edits)[0];
    const offset = (p: Position): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    const applied = messy.slice(0, offset(e.range.start)) + e.newText + messy.slice(offset(e.range.end));
    expect(applied).toBe((await formatContract(messy, MAIN)).formatted);
    client.change(MAIN, ++version, [{ text }]);
  });

  it("resolves imports against unsaved buffers before the disk", async () => {
    const draft = 'import "drafts/new-policy.contract"\ncontract Draft {\n  prompt "Hi"\n  use Fresh\n  task brief "Be brief." check words <= 50\n}\n';
    client.open("draft.contract", draft);
    const before = await client.diagnostics("draft.contract", 1);
    expect(before.diagnostics.map((d) => d.code)).toContain("HIR4001");
    client.open("drafts/new-policy.contract", 'constraints Fresh {\n  quality calm "Stay calm." check not contains("!")\n}\n');
    client.change("draft.contract", 2, [{ text: draft }]);
    const after = await client.diagnostics("draft.contract", 2);
    expect(after.diagnostics.map((d) => d.code)).not.toContain("HIR4001");
    expect(after.diagnostics.map((d) => d.code)).not.toContain("HIR2004");
  });

  it("honours the workspace's hir.config.json, re-read when the client reports it changed", async () => {
    const withUnused = text.replace("  input product: text = \"Acme\"", "  input product: text = \"Acme\"\n  input audience: text");
    client.change(MAIN, ++version, [{ text: withUnused }]);
    expect((await client.diagnostics(MAIN, version)).diagnostics.map((d) => d.code)).toContain("HIR9001");
    writeFileSync(join(root, "hir.config.json"), JSON.stringify({ rules: { "unused-input": "off", "HIR9004": "error" } }));
    client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: client.uri("hir.config.json"), type: 1 }] });
    client.change(MAIN, ++version, [{ text: withUnused.replace(/ {2}prompt .*\n/, "") }]);
    const codes = (await client.diagnostics(MAIN, version)).diagnostics;
    expect(codes.map((d) => d.code)).not.toContain("HIR9001");
    expect(codes.find((d) => d.code === "HIR9004")?.severity).toBe(1);
    rmSync(join(root, "hir.config.json"));
    client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: client.uri("hir.config.json"), type: 3 }] });
    client.change(MAIN, ++version, [{ text }]);
    await client.diagnostics(MAIN, version);
  });

  it("lists symbols, folding ranges and semantic tokens", async () => {
    const symbols = (await client.request("textDocument/documentSymbol", { textDocument: { uri: client.uri(MAIN) } })) as { name: string; children: { name: string }[] }[];
    expect(symbols.map((s) => s.name)).toEqual(["ReleaseNotes"]);
    expect(symbols[0]?.children.map((c) => c.name)).toEqual(["version", "changes", "product", "prompt", "heading", "sections", "bullets_per_section", "short_bullets", "version_mentioned", "plain", "no_exclaim", "replay"]);
    const folds = (await client.request("textDocument/foldingRange", { textDocument: { uri: client.uri(MAIN) } })) as { startLine: number; endLine: number }[];
    expect(folds[0]).toEqual({ startLine: posOf(text, "contract ReleaseNotes").line, endLine: text.trimEnd().split("\n").length - 1 });
    const tokens = (await client.request("textDocument/semanticTokens/full", { textDocument: { uri: client.uri(MAIN) } })) as { data: number[] };
    expect(tokens.data.length % 5).toBe(0);
    expect(tokens.data.length / 5).toBeGreaterThan(20);
  });
});
