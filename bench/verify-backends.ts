/**
 * Verifier backends: the IR interpreter (src/runtime/verify.ts) against the
 * generated code (generated/, `hir compile specs`), on the same responses and
 * inputs, for every bundled contract. Judged constraints get an instant scripted
 * judge on both sides, so the difference is the hard checks, gating and evidence.
 *
 *   npx tsx bench/verify-backends.ts [--responses 300] [--min-ms 1500]
 *
 * Prints hard checks per second for each backend and the ratio (figures only).
 * Before timing, it asserts nothing but counts disagreements (expected: 0).
 */
import type { Judge } from "../src/runtime/judge-interface.js";
import { verify as interpVerify, verifySync as interpVerifySync, type Verdicts } from "../src/runtime/verify.js";
import type { CompiledContract } from "../src/compiler/ir.js";
import { contracts } from "../generated/index.js";
import { mulberry32 } from "./corpus.js";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RESPONSES = arg("--responses", 300);
const MIN_MS = arg("--min-ms", 1500);

const FRAGMENTS = [
  "- first point about the change", "* second point about risk", "+ third point", "1. step one", "Recommendation: approve the change.",
  "Hi Dana,", "Best regards, Support Team", "Thanks.", "# Acme 2.1", "## New", "## Fixed", "Strengths", "Concerns", "Hire",
  "guaranteed", "This is risk-free!", "intranet.acme.com", "4111 1111 1111 1111", '{"invoice_number": "AB-12345", "total": 12.50, "currency": "EUR"}',
  "The data loss was escalated to the on-call team.", "Summary:", "Quick update:", "The budget is on track and the budget owner agrees.",
  "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
  "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.",
  "The rollout plan covers three regions and the migration finishes next week.", "Version 2.1 ships 2.1 fixes.",
];

function responses(seed: number): string[] {
  const rng = mulberry32(seed);
  return Array.from({ length: RESPONSES }, () => {
    const n = 3 + Math.floor(rng() * 14);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(FRAGMENTS[Math.floor(rng() * FRAGMENTS.length)] as string, rng() < 0.3 ? "\n\n" : "\n");
    return parts.join("");
  });
}

function inputsFor(ir: CompiledContract): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const i of ir.inputs) if (i.required) out[i.name] = i.type === "text" ? "Dana" : i.type === "bool" ? false : i.type === "text[]" ? ["x"] : 3;
  return out;
}

const judge: Judge = { judge: async (req) => ({ verdict: req.response.length % 3 === 0 ? "no" : "yes" }) };

interface Generated {
  readonly ir: CompiledContract;
  readonly judged: boolean;
  verify(response: string, inputs: unknown, options?: { judge: Judge }): Verdicts | Promise<Verdicts>;
}

/** Alternates batches of the two backends (cancelling JIT and GC drift) until each ran for `MIN_MS`. */
async function timeBoth(a: () => Promise<number>, b: () => Promise<number>): Promise<[{ ms: number; checks: number }, { ms: number; checks: number }]> {
  for (let k = 0; k < 3; k++) {
    await a();
    await b();
  }
  const ra = { ms: 0, checks: 0 };
  const rb = { ms: 0, checks: 0 };
  while (ra.ms < MIN_MS || rb.ms < MIN_MS) {
    let s = performance.now();
    ra.checks += await a();
    ra.ms += performance.now() - s;
    s = performance.now();
    rb.checks += await b();
    rb.ms += performance.now() - s;
  }
  return [ra, rb];
}

console.log(`Verifier backends: IR interpreter vs generated code (${RESPONSES} responses per contract, >= ${MIN_MS} ms per measurement)\n`);
console.log(`  ${"contract".padEnd(20)} ${"hard".padStart(4)} ${"interpreter".padStart(14)} ${"generated".padStart(14)} ${"ratio".padStart(7)}  agree`);
let totalI = 0;
let totalG = 0;
let sumChecksI = 0;
let sumChecksG = 0;
for (const [name, c] of Object.entries(contracts) as [string, Generated][]) {
  const ir = c.ir;
  const hard = ir.constraints.filter((x) => x.kind === "hard").length;
  const rs = responses(name.length * 7919);
  const inputs = inputsFor(ir);
  // Agreement on the benchmark's own responses (the property tests cover far more).
  let disagreements = 0;
  for (const r of rs) {
    const g = c.judged ? await c.verify(r, inputs, { judge }) : (c.verify(r, inputs) as Verdicts);
    const i = c.judged ? await interpVerify(ir, r, inputs, { judge }) : interpVerifySync(ir, r, inputs);
    if (JSON.stringify(g.verdicts) !== JSON.stringify(i.verdicts)) disagreements++;
  }
  const [interp, gen] = await timeBoth(
    async () => {
      for (const r of rs) {
        if (c.judged) await interpVerify(ir, r, inputs, { judge });
        else interpVerifySync(ir, r, inputs);
      }
      return rs.length * hard;
    },
    async () => {
      for (const r of rs) {
        if (c.judged) await c.verify(r, inputs, { judge });
        else c.verify(r, inputs);
      }
      return rs.length * hard;
    },
  );
  const ci = interp.checks / (interp.ms / 1000);
  const cg = gen.checks / (gen.ms / 1000);
  totalI += interp.ms;
  totalG += gen.ms;
  sumChecksI += interp.checks;
  sumChecksG += gen.checks;
  const fmt = (n: number) => `${Math.round(n).toLocaleString("en-US")}/s`;
  console.log(`  ${name.padEnd(20)} ${String(hard).padStart(4)} ${fmt(ci).padStart(14)} ${fmt(cg).padStart(14)} ${`${(cg / ci).toFixed(2)}x`.padStart(7)}  ${disagreements === 0 ? "yes" : `NO (${disagreements})`}`);
}
const ci = sumChecksI / (totalI / 1000);
const cg = sumChecksG / (totalG / 1000);
console.log(`\n  all contracts: interpreter ${Math.round(ci).toLocaleString("en-US")} hard checks/s, generated ${Math.round(cg).toLocaleString("en-US")} hard checks/s, ratio ${(cg / ci).toFixed(2)}x`);
console.log("  (a hard check = one hard constraint of one response, with gating, evidence and the verdict record)");
