// Cold in-process breakdown of what the commands do after parsing and checking, in CPU
// milliseconds (user + system, GC threads included) per phase, for one built tree:
//
//   node bench/after-parse-phases.mjs <tree, built> <spec> <response file>
//
// Phases: parse (load + check), lower (IR + content hash), verify, format (verdict text),
// vJson (verdict JSON), hindsight, hFormat (hindsight text + JSON), irJson (`hir ir`'s
// document), codegen (module text, unformatted). Run it on a baseline tree and this one
// alternately, a few times each, and compare minima: one process per sample, so every
// phase runs cold, as in a CLI command. Inputs: see bench/chain-cli-ab.sh.
const [root, spec, respFile] = process.argv.slice(2);
const { pathToFileURL } = await import('node:url');
const { resolve } = await import('node:path');
const imp = (p) => import(pathToFileURL(resolve(root, 'dist/src', p)).href);
const { loadPaths } = await imp('language/load-paths.js');
const { lowerProgram } = await imp('compiler/lower.js');
const { nodeHost } = await imp('language/node-host.js');
const { verify } = await imp('runtime/verify.js');
const { formatVerdicts, formatHindsight, verdictsJson, hindsightJson } = await imp('runtime/format.js');
const { hindsight } = await imp('runtime/hindsight.js');
const { generateModuleText } = await imp('compiler/codegen/module.js');
const fs = await import('node:fs');
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const out = {}; let t = cpu();
const lap = (k) => { const n = cpu(); out[k] = (out[k] ?? 0) + n - t; t = n; };
const { program } = loadPaths({ files: [spec], host: nodeHost(process.cwd()) }); lap('parse');
const c = lowerProgram(program, { baseDir: process.cwd() }).contracts[0]; lap('lower');
const resp = fs.readFileSync(respFile, 'utf8');
const v = await verify(c, resp, {}); lap('verify');
const _txt = formatVerdicts(c, v, { color: false }); lap('format');
const _j = JSON.stringify(verdictsJson(c, v), null, 2); lap('vJson');
const h = await hindsight(c, v, resp, {}); lap('hindsight');
const _ht = formatHindsight(c, h, { color: false }) + JSON.stringify(hindsightJson(c, v, h), null, 2); lap('hFormat');
const _ir = JSON.stringify({ irVersion: c.irVersion, contracts: [c] }, null, 2); lap('irJson');
const _mod = generateModuleText({ source: { file: 'x', hash: 'h' }, imports: [], contracts: [c], runtimeImport: 'r' }); lap('codegen');
console.log(Object.entries(out).map(([k, v]) => `${k}=${v.toFixed(0)}`).join(' '));
