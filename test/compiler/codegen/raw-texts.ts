/**
 * The raw (unformatted) text of a few generated modules and registries, the exact bytes
 * the printer lays out (src/compiler/codegen/printer.ts) and what is written for modules
 * too large for prettier. The code generation functions are passed in, so the same cases
 * can be printed by another build of the compiler (the goldens in goldens/raw were first
 * written by the ts-morph printer this printer replaced, and matched byte for byte).
 */
import { createHash } from "node:crypto";
import type { contractBindings, generateModuleText } from "../../../src/compiler/codegen/module.js";
import type { generateIndexText } from "../../../src/compiler/codegen/index-module.js";
import type { CompiledContract } from "../../../src/compiler/ir.js";
import type { runPipeline } from "../../../src/compiler/pipeline.js";
import type { nodeHost } from "../../../src/language/node-host.js";

export interface CodegenApi {
  readonly runPipeline: typeof runPipeline;
  readonly generateModuleText: typeof generateModuleText;
  readonly generateIndexText: typeof generateIndexText;
  readonly contractBindings: typeof contractBindings;
  readonly nodeHost: typeof nodeHost;
}

const FIXTURES = "test/compiler/codegen/fixtures";
const RUNTIME = "../runtime/compiled.js";

/** Doc texts at the edges of the doc comment layout: empty lines first, last and inside, `*​/`, CR, separators. */
export const EDGE_DOCS = ["\n", "\nx", "x\n", "a\n\nb", "\n\nx\n\n", "  ", " x ", "x */ y", "a\r\nb", "@x\n @y", "`${a}`", "\u2028", "a\n*\n/", "日本\n😀"];

/** Golden file name -> raw text. */
export function rawTexts(api: CodegenApi, repoRoot: string): Map<string, string> {
  const out = new Map<string, string>();
  const index: Parameters<typeof generateIndexText>[0][number][] = [];
  let kitchenSink: CompiledContract | undefined;
  for (const name of ["all-hard", "kitchen-sink"]) {
    const file = `${FIXTURES}/${name}.contract`;
    const run = api.runPipeline({ files: [file], host: api.nodeHost(repoRoot), baseDir: repoRoot, compilerVersion: "0.0.0-test" });
    if (run.errors.length > 0) throw new Error(`${file}: ${run.errors.map((d) => d.message).join("; ")}`);
    const ref = (f: string) => ({ file: f, hash: createHash("sha256").update(run.program.files.get(f)?.text ?? "", "utf8").digest("hex") });
    const contracts = run.contracts.filter((c) => c.source.file === file);
    const reads = [...new Set(contracts.flatMap((c) => c.constraints.map((k) => k.source.file)).filter((f) => f !== file))].sort();
    out.set(`${name}.ts`, api.generateModuleText({ source: ref(file), imports: reads.map(ref), contracts, runtimeImport: RUNTIME }));
    index.push({ specifier: `./${name}.js`, source: ref(file), contracts: api.contractBindings(contracts) });
    if (name === "kitchen-sink") kitchenSink = contracts[0];
  }
  out.set("index.ts", api.generateIndexText(index));
  out.set("index-empty.ts", api.generateIndexText([]));

  // One contract per edge doc, as its own doc and (shifted) as its inputs' docs; a hostile runtime specifier.
  // Only the first constraint is kept, to keep the golden small.
  const c = kitchenSink as CompiledContract;
  const edges = EDGE_DOCS.map((doc, i): CompiledContract => ({
    ...c,
    id: `Edge${i}`,
    doc,
    constraints: c.constraints.slice(0, 1),
    inputs: c.inputs.map((x, j) => ({ ...x, doc: EDGE_DOCS[(i + j + 1) % EDGE_DOCS.length] as string })),
  }));
  out.set("edge-docs.ts", api.generateModuleText({ source: { file: "edge */ `${docs}`.contract", hash: "0" }, imports: [], contracts: edges, runtimeImport: "rt\n`${x}`*/" }));
  return out;
}
