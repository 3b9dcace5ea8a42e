/**
 * docs/images/editor-hover.png: a bundled spec highlighted by the extension's TextMate grammar
 * (tokenized by vscode-textmate, coloured with a Dark+-like theme), with the hover the
 * language server returns for a constraint and a diagnostic the server publishes, drawn in an
 * HTML page and captured by headless Chromium.
 *
 *   npx tsx scripts/editors-screenshot.ts
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { hoverAt } from "../src/lsp/hover.js";
import { SymbolIndex } from "../src/lsp/symbol-index.js";
import { Workspace } from "../src/lsp/workspace.js";
import { tokenizeLines } from "./textmate.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SPEC = "specs/release-notes.contract";
const OUT = join(ROOT, "docs/images/editor-hover.png");
/** The hover shown: the `sections` target of a `requires`. */
const HOVER_NEEDLE = "bullets_per_section requires sections";
const HOVER_DELTA = "bullets_per_section requires ".length + 3;

/** Scope prefix -> colour, most specific first (VS Code Dark+ palette). */
const THEME: ReadonlyArray<readonly [string, string]> = [
  ["comment.line.documentation", "#6A9955"], ["comment", "#6A9955"],
  ["keyword.other.suppression", "#C586C0"],
  ["constant.character.escape", "#D7BA7D"],
  ["punctuation.section.interpolation", "#569CD6"], ["variable.other.input", "#9CDCFE"],
  ["string.regexp", "#D16969"], ["string", "#CE9178"],
  ["constant.numeric", "#B5CEA8"], ["constant.language", "#569CD6"],
  ["storage.modifier", "#569CD6"], ["storage.type", "#569CD6"],
  ["keyword.control", "#C586C0"], ["keyword.operator.logical", "#569CD6"], ["keyword.operator", "#D4D4D4"], ["keyword", "#C586C0"],
  ["entity.name.type", "#4EC9B0"], ["entity.name.function.constraint", "#DCDCAA"],
  ["support.function", "#DCDCAA"], ["support.type", "#4EC9B0"],
  ["variable.parameter", "#9CDCFE"], ["variable", "#9CDCFE"],
];

function colour(scopes: readonly string[]): string {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const hit = THEME.find(([prefix]) => scopes[i]?.startsWith(prefix));
    if (hit) return hit[1];
  }
  return "#D4D4D4";
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The few markdown forms hover text uses: code fences, quotes, **bold**, *italic*, `code`, links. */
function markdown(md: string): string {
  return md.split("\n\n").map((block) => {
    const fence = /^```\w*\n([\s\S]*?)\n```$/.exec(block);
    if (fence) return `<pre class="sig">${esc(fence[1] ?? "")}</pre>`;
    const inline = esc(block.replace(/^> /gm, ""))
      .replace(/`([^`]+)`/g, "<code>$1</code>")
      .replace(/\*\*([^*]+)\*\*/g, "<b>$1</b>")
      .replace(/\*([^*]+)\*/g, "<i>$1</i>")
      .replace(/\[([^\]]+)\]\([^)]+\)/g, '<a>$1</a>');
    return block.startsWith("> ") ? `<blockquote>${inline}</blockquote>` : `<p>${inline}</p>`;
  }).join("");
}

const text = readFileSync(join(ROOT, SPEC), "utf8");
const workspace = new Workspace(ROOT);
const hoverOffset = text.indexOf(HOVER_NEEDLE) + HOVER_DELTA;
const hover = hoverAt(new SymbolIndex(workspace.programFor(SPEC)), SPEC, hoverOffset);
if (!hover || typeof hover.contents !== "object" || !("value" in hover.contents)) throw new Error("no hover");
const hoverLine = text.slice(0, hoverOffset).split("\n").length - 1;

const lines = await tokenizeLines(text);
const rows = lines.map((tokens, i) => {
  const code = tokens.map((t) => `<span style="color:${colour(t.scopes)}">${esc(t.text)}</span>`).join("");
  const popup = i === hoverLine ? `<div class="hover">${markdown(hover.contents.value as string)}</div>` : "";
  return `<div class="row"><span class="ln">${i + 1}</span><span class="code">${code || " "}</span>${popup}</div>`;
});

const html = `<!doctype html><meta charset="utf-8"><style>
body{margin:0;background:#1e1e1e;font:13px/19px "DejaVu Sans Mono",monospace;color:#d4d4d4}
.tab{background:#252526;color:#fff;padding:6px 14px;font-family:"DejaVu Sans",sans-serif;font-size:12px;border-bottom:1px solid #333}
.row{position:relative;white-space:pre}.ln{display:inline-block;width:38px;text-align:right;padding-right:18px;color:#858585}
.hover{position:absolute;left:330px;bottom:21px;z-index:2;width:560px;white-space:normal;background:#252526;border:1px solid #454545;padding:4px 10px;font-family:"DejaVu Sans",sans-serif;font-size:12.5px;line-height:18px;box-shadow:0 2px 8px #000}
.hover pre.sig{font-family:"DejaVu Sans Mono",monospace;color:#569cd6;margin:6px 0}.hover code{font-family:"DejaVu Sans Mono",monospace;color:#dcdcaa}
.hover blockquote{margin:6px 0;padding-left:8px;border-left:3px solid #555;color:#ce9178}.hover p{margin:6px 0}
</style><div class="tab">release-notes.contract — hir lsp</div><div style="padding:8px 0">${rows.join("")}</div>`;

const dir = mkdtempSync(join(tmpdir(), "hir-shot-"));
try {
  const page = join(dir, "editor.html");
  writeFileSync(page, html);
  mkdirSync(join(ROOT, "docs/images"), { recursive: true });
  const browser = ["chromium", "chromium-browser"].find((b) => {
    try {
      execFileSync("which", [b], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  });
  if (!browser) throw new Error("no chromium on PATH (apt-get install -y chromium)");
  execFileSync(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", `--user-data-dir=${join(dir, "profile")}`, "--window-size=940,660", `--screenshot=${OUT}`, pathToFileURL(page).href], { stdio: "ignore" });
  console.log(`wrote ${OUT}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
