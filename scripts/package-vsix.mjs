/**
 * Packages editors/vscode as a .vsix: bundles the client (with vscode-languageclient) and the
 * hir language server (src/lsp, with the language layer and its dependencies) with esbuild,
 * then writes the zip VS Code installs: [Content_Types].xml, extension.vsixmanifest and
 * extension/... . (@vscode/vsce needs Node 22; this needs nothing beyond the repo's devDependencies.)
 *
 *   (cd editors/vscode && npm ci) && node scripts/package-vsix.mjs
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { spawn } from "node:child_process";
import { build } from "esbuild";
import { zip } from "./zip.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const EXT = join(ROOT, "editors/vscode");
const manifest = JSON.parse(readFileSync(join(EXT, "package.json"), "utf8"));

if (!existsSync(join(EXT, "node_modules/vscode-languageclient"))) {
  console.error("package-vsix: run `npm ci` in editors/vscode first (the client bundles vscode-languageclient)");
  process.exit(2);
}

mkdirSync(join(EXT, "dist"), { recursive: true });
await build({
  entryPoints: [join(EXT, "src/extension.js")],
  outfile: join(EXT, "dist/extension.js"),
  bundle: true, platform: "node", format: "cjs", target: "node20", external: ["vscode"], minify: true, legalComments: "none", logLevel: "warning",
});
await build({
  entryPoints: [join(ROOT, "src/lsp/main.ts")],
  outfile: join(EXT, "dist/server.mjs"),
  bundle: true, platform: "node", format: "esm", target: "node20", minify: true, legalComments: "none", logLevel: "warning",
  // CommonJS dependencies bundled into an ES module still call require().
  banner: { js: "import { createRequire as __hirRequire } from 'node:module'; const require = __hirRequire(import.meta.url);" },
});

const FILES = ["package.json", "README.md", "language-configuration.json", "syntaxes", "snippets", "dist/extension.js", "dist/server.mjs"];
const walk = (p) => (statSync(p).isDirectory() ? readdirSync(p).sort().flatMap((n) => walk(join(p, n))) : [p]);
const files = FILES.flatMap((f) => walk(join(EXT, f))).map((abs) => ({ name: `extension/${relative(EXT, abs).replace(/\\/g, "/")}`, data: readFileSync(abs) }));
const LICENSE = join(ROOT, "LICENSE");
if (existsSync(LICENSE)) files.push({ name: "extension/LICENSE.txt", data: readFileSync(LICENSE) });

const xml = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const contentTypes = `<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
${[...new Set(files.map((f) => f.name.slice(f.name.lastIndexOf(".") + 1)))].sort().map((ext) => `  <Default Extension=".${ext}" ContentType="${{ json: "application/json", md: "text/markdown", js: "application/javascript", mjs: "application/javascript", txt: "text/plain" }[ext] ?? "application/octet-stream"}" />`).join("\n")}
  <Default Extension=".vsixmanifest" ContentType="text/xml" />
</Types>
`;
const vsixmanifest = `<?xml version="1.0" encoding="utf-8"?>
<PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011" xmlns:d="http://schemas.microsoft.com/developer/vsx-schema-design/2011">
  <Metadata>
    <Identity Language="en-US" Id="${xml(manifest.name)}" Version="${xml(manifest.version)}" Publisher="${xml(manifest.publisher)}" />
    <DisplayName>${xml(manifest.displayName)}</DisplayName>
    <Description xml:space="preserve">${xml(manifest.description)}</Description>
    <Tags>contract,hindsight,lsp</Tags>
    <Categories>${xml(manifest.categories.join(","))}</Categories>
    <GalleryFlags>Public</GalleryFlags>
    <Properties>
      <Property Id="Microsoft.VisualStudio.Code.Engine" Value="${xml(manifest.engines.vscode)}" />
      <Property Id="Microsoft.VisualStudio.Code.ExtensionKind" Value="workspace" />
    </Properties>
  </Metadata>
  <Installation>
    <InstallationTarget Id="Microsoft.VisualStudio.Code" />
  </Installation>
  <Dependencies />
  <Assets>
    <Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true" />
    <Asset Type="Microsoft.VisualStudio.Services.Content.Details" Path="extension/README.md" Addressable="true" />
  </Assets>
</PackageManifest>
`;
const out = join(EXT, `${manifest.name}-${manifest.version}.vsix`);
const bytes = zip([
  { name: "[Content_Types].xml", data: Buffer.from(contentTypes) },
  { name: "extension.vsixmanifest", data: Buffer.from(vsixmanifest) },
  ...files,
]);
writeFileSync(out, bytes);
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`${relative(ROOT, out)}: ${kb(bytes.length)} (${files.length + 2} files; server ${kb(statSync(join(EXT, "dist/server.mjs")).size)}, client ${kb(statSync(join(EXT, "dist/extension.js")).size)} uncompressed)`);

/** The bundled server must start and answer `initialize` on its own (no node_modules beside it). */
async function smokeTest(bundle) {
  // Run a copy outside the repository, so nothing can be resolved from the repo's node_modules.
  const dir = mkdtempSync(join(tmpdir(), "hir-vsix-"));
  const server = join(dir, "server.mjs");
  copyFileSync(bundle, server);
  const child = spawn(process.execPath, [server], { stdio: ["pipe", "pipe", "inherit"], cwd: dir });
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } });
  child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  let out = "";
  const ok = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), 60_000);
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes('"capabilities"')) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    child.on("exit", () => resolve(false));
  });
  child.kill();
  rmSync(dir, { recursive: true, force: true });
  if (!ok) {
    console.error(`package-vsix: the bundled server did not answer initialize:\n${out}`);
    process.exit(1);
  }
}
await smokeTest(join(EXT, "dist/server.mjs"));
console.log("bundled server answers initialize");
