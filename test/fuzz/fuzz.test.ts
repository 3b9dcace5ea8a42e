/**
 * The fuzz suite (issue 8): random mutations of every bundled spec and hostile
 * responses through lint, fmt, compile (to module source text), check and
 * hindsight, in-process. Asserts no throw, no hang (a generous per-case budget that
 * only catches runaway cases), fmt idempotent and meaning-preserving (same AST, same
 * comments), and sane heap growth.
 *
 * Seeded and small by default (CI: a few seconds per property). A longer run by hand:
 *   HIR_FUZZ_RUNS=50000 HIR_FUZZ_SEED=1 npx vitest run test/fuzz
 * (HIR_FUZZ_RUNS mutated specs; HIR_FUZZ_RESPONSE_RUNS hostile responses, default four times
 * as many; HIR_FUZZ_BUDGET_MS sets the per-case budget.)
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateModuleText } from "../../src/compiler/codegen/module.js";
import type { CompiledContract, InputValue } from "../../src/compiler/ir.js";
import { lowerProgram } from "../../src/compiler/lower.js";
import { parseDocument } from "../../src/language/ast-builder.js";
import { formatContract } from "../../src/language/format/index.js";
import { memoryHost } from "../../src/language/node-host.js";
import { loadProgram } from "../../src/language/program.js";
import { hindsightSync } from "../../src/runtime/hindsight.js";
import { verifySync } from "../../src/runtime/verify.js";
import { commentTexts, shape } from "../helpers/ast.js";
import { bundledSpecs, hostileResponse, mutate, mutations } from "./hostile.js";

const RUNS = Number(process.env["HIR_FUZZ_RUNS"] ?? 40);
const SEED = Number(process.env["HIR_FUZZ_SEED"] ?? 8);
const RESPONSE_RUNS = Number(process.env["HIR_FUZZ_RESPONSE_RUNS"] ?? RUNS * 4);
/** Per case; generous on purpose (shared CI machines): it detects hangs, it is not a speed test. */
const BUDGET_MS = Number(process.env["HIR_FUZZ_BUDGET_MS"] ?? 5_000);
/** Heap growth allowed over a whole property run. */
const HEAP_GROWTH_LIMIT = 1024 * 1024 * 1024;
const TIMEOUT = Math.max(120_000, (RUNS + RESPONSE_RUNS) * 400);

const SPECS = bundledSpecs();
const PATHS = Object.keys(SPECS);

/** A value of each input's type, so required inputs never block the check. */
function inputsFor(contract: CompiledContract, text: string): Record<string, InputValue> {
  const out = Object.create(null) as Record<string, InputValue>;
  for (const i of contract.inputs) {
    out[i.name] = i.type === "text" ? text.slice(0, 40) : i.type === "text[]" ? [text.slice(0, 10)] : i.type === "bool" ? true : i.type === "int" ? 3 : 2.5;
  }
  return out;
}

function checkAndHindsight(contract: CompiledContract, response: string): void {
  const inputs = inputsFor(contract, response);
  const verdicts = verifySync(contract, response, inputs);
  expect(verdicts.verdicts.length).toBe(contract.constraints.length);
  const h = hindsightSync(contract, verdicts, response, inputs);
  expect(typeof h.outcome).toBe("string");
}

function timed<T>(what: string, f: () => T): T {
  const start = performance.now();
  const out = f();
  const ms = performance.now() - start;
  expect(ms, `${what} took ${ms.toFixed(0)} ms (budget ${BUDGET_MS} ms): a hang?`).toBeLessThan(BUDGET_MS);
  return out;
}

async function timedAsync<T>(what: string, f: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const out = await f();
  const ms = performance.now() - start;
  expect(ms, `${what} took ${ms.toFixed(0)} ms (budget ${BUDGET_MS} ms): a hang?`).toBeLessThan(BUDGET_MS);
  return out;
}

/** The bundled contracts, compiled once, for the response properties. */
const COMPILED: CompiledContract[] = (() => {
  const program = loadProgram(PATHS, memoryHost(SPECS));
  const ifeval = `contract IfevalFuzz {
  prompt "p"
  task kw "K." check ifeval_keywords_existence(keywords: ["(a+)+$", "word"])
  task fw "F." check ifeval_keywords_forbidden_words(forbidden_words: ["(a|aa)+b", "café"])
  task ps "P." check ifeval_detectable_content_postscript(postscript_marker: "(a+)+$")
  task sec "S." check ifeval_detectable_format_multiple_sections(section_spliter: "(SECTION)+", num_sections: 2)
  task re "R." check matches(/(a+)+$/)
}
`;
  const extra = loadProgram(["ifeval-fuzz.contract"], memoryHost({ "ifeval-fuzz.contract": ifeval }));
  return [...lowerProgram(program).contracts, ...lowerProgram(extra).contracts];
})();

describe("fuzz", () => {
  it("has the bundled specs and contracts to fuzz", () => {
    expect(PATHS.length).toBeGreaterThanOrEqual(5);
    expect(COMPILED.length).toBeGreaterThanOrEqual(PATHS.length - 2);
    expect(COMPILED.some((c) => c.id === "IfevalFuzz")).toBe(true);
  });

  it(`mutated specs through lint, fmt, compile, check and hindsight (${RUNS} runs, seed ${SEED})`, async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS), mutations, hostileResponse, async (path, ops, response) => {
        const text = mutate(SPECS[path]!, ops);
        const files = { ...SPECS, [path]: text };
        const program = timed("lint", () => loadProgram([path], memoryHost(files)));
        for (const d of program.diagnostics) expect(d.code).toMatch(/^HIR\d{4}$/);

        const once = await timedAsync("fmt", () => formatContract(text, path));
        expect(once.internalError ?? false, once.diagnostics.map((d) => d.message).join("; ")).toBe(false);
        if (once.formatted !== undefined) {
          const twice = await timedAsync("fmt again", () => formatContract(once.formatted!, path));
          expect(twice.formatted, "fmt is idempotent").toBe(once.formatted);
          const before = parseDocument(text, path).file;
          const after = parseDocument(once.formatted, path).file;
          expect(shape(after), "fmt keeps the AST").toEqual(shape(before));
          expect(commentTexts(after), "fmt keeps every comment").toEqual(commentTexts(before));
        }

        const lowered = timed("compile", () => lowerProgram(program));
        for (const c of lowered.contracts) {
          const source = timed("codegen", () => generateModuleText({ source: c.source, imports: [], contracts: [c], runtimeImport: "hindsight/runtime" }));
          expect(source.length).toBeGreaterThan(0);
          timed("check+hindsight", () => checkAndHindsight(c, response));
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(HEAP_GROWTH_LIMIT);
  }, TIMEOUT);

  it(`hostile responses through check and hindsight of every bundled contract (${RESPONSE_RUNS} runs, seed ${SEED})`, () => {
    const heapBefore = process.memoryUsage().heapUsed;
    fc.assert(
      fc.property(fc.constantFrom(...COMPILED), hostileResponse, (contract, response) => {
        timed(`check+hindsight of ${contract.id}`, () => checkAndHindsight(contract, response));
      }),
      { numRuns: RESPONSE_RUNS, seed: SEED, endOnFailure: true },
    );
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(HEAP_GROWTH_LIMIT);
  }, TIMEOUT);
});
