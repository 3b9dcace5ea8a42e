/**
 * Generated verifiers and the IR interpreter (src/runtime/verify.ts, hindsight.ts)
 * agree on every verdict (status, measured value, evidence, gating) and on every
 * hindsight result, for every bundled spec in specs/ and the fixtures, on random
 * responses built from fragments likely to trigger each constraint, random inputs
 * (sometimes invalid) and a scripted judge that answers yes, no, unknown, garbage or throws.
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompiledContract } from "../../../src/compiler/ir.js";
import { sha256Hex } from "../../../src/compiler/ir-hash.js";
import { hindsight, hindsightSync } from "../../../src/runtime/hindsight.js";
import type { Judge, JudgeRequest } from "../../../src/runtime/judge-interface.js";
import { render } from "../../../src/runtime/render.js";
import { verify, verifySync, type Verdicts } from "../../../src/runtime/verify.js";
import { REPO_ROOT } from "../../helpers/repo.js";
import { build, importModule, removeDir, scratchDir, writeBuild } from "./helpers.js";

interface GeneratedContract {
  readonly id: string;
  readonly ir: CompiledContract;
  readonly judged: boolean;
  render(inputs: unknown, ids?: readonly string[]): string;
  verify(response: string, inputs: unknown, options?: { judge: Judge }): Verdicts | Promise<Verdicts>;
  hindsight(v: Verdicts, response: string, inputs: unknown, options?: { judge: Judge }): unknown;
}

const loaded: { file: string; contract: GeneratedContract }[] = [];
let dir = "";

function specFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(join(REPO_ROOT, d)).sort()) {
      const rel = `${d}/${name}`;
      if (name.endsWith(".contract")) out.push(rel);
      else if (!name.includes(".")) walk(rel);
    }
  };
  walk(root);
  return out;
}

beforeAll(async () => {
  dir = scratchDir("agreement");
  for (const [root, sub] of [["specs", "specs"], ["test/compiler/codegen/fixtures", "fixtures"]] as const) {
    const out = join(dir, sub);
    const r = await build({ entries: specFiles(root), rootDir: root, outDir: relative(REPO_ROOT, out) });
    expect(r.errors).toEqual([]);
    writeBuild(r, out);
    for (const m of r.modules) {
      const mod = await importModule<Record<string, GeneratedContract>>(join(out, m.path));
      for (const c of m.contracts) {
        const binding = Object.values(mod).find((v) => typeof v === "object" && v !== null && (v as GeneratedContract).id === c.id);
        expect(binding, `${m.path} exports ${c.id}`).toBeDefined();
        loaded.push({ file: m.source, contract: binding as GeneratedContract });
        // The IR constant is exactly the lowered IR.
        expect((binding as GeneratedContract).ir).toStrictEqual(c);
      }
    }
  }
}, 120_000);

afterAll(() => removeDir(dir));

// ---- responses ---------------------------------------------------------------------------------------------------

const FRAGMENTS = [
  "- first point", "* second point about risk", "+ third point", "- strength: clear communication", "1. step one", "2) step two",
  "Recommendation: approve the change.", "Recommendation - wait", "recommendation: lower case",
  "Hi Dana,", "Hi ", "Best regards, Support Team", "best regards, support team", "Thanks.", "Cheers", "cheers",
  "# Acme 2.1", "## New", "## Fixed", "### Notes", "Strengths", "Concerns", "Hire", "No hire", "Undecided",
  "guaranteed", "This is risk-free!", "100% compliant", "a guarantee", "intranet.acme.com", "jira.internal/ABC-1",
  "4111 1111 1111 1111", "4111-1111-1111-1111-111", "sk-ABCDEFGHIJKLMNOPQRSTUVWX", "ticket-42", "TICKET-7",
  '{"invoice_number": "AB-12345", "total": 12.50, "currency": "EUR"}', '{"invoice_number":"X-1","total":-3}', "```json", "```", "``` ",
  "The data loss was escalated to the on-call team.", "Wir haben das Problem an das Bereitschaftsteam eskaliert und melden uns bald.",
  "Nous avons transmis votre demande à l'équipe d'astreinte.", "Summary:", "Quick update:", "Next steps follow.",
  "The budget is on track and the budget owner agrees.", "risk", "really", "very", "just", "basically", "Dana", "must",
  "revolutionary", "game-changing", "Best-in-class", "for example, the 2.1 release", "Version 2.1 ships 2.1 fixes.",
  "ALL CAPS HERE", "all lower here", "!", "?", "This is a sentence. And another one! A third?",
  "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
  "", " ", "\t", "émoji 😀 and 👍🏽", "日本語のテキスト。", "\u2028", "x\u0301", "Hire — strong yes",
];

const line = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.lorem({ maxCount: 30 }) },
);
const separator = fc.constantFrom("\n", "\n\n", " ", "\r\n", "\n\n\n");
const response = fc.array(fc.tuple(line, separator), { maxLength: 14 }).map((parts) => parts.map(([l, s]) => l + s).join(""));

// ---- inputs ------------------------------------------------------------------------------------------------------

const TEXTS = ["Dana", "risk", "budget", "2.1", "Acme", "en", "de", "fr", "Thanks.", "Quick update:", "very", "a b", "", "😀"];

function inputsFor(contract: CompiledContract): fc.Arbitrary<Record<string, unknown>> {
  const fields = contract.inputs.map((i) => {
    let value: fc.Arbitrary<unknown>;
    switch (i.type) {
      case "text": value = fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 8 })); break;
      case "int": value = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 400 })); break;
      case "number": value = fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), fc.integer({ min: 0, max: 10 })); break;
      case "bool": value = fc.boolean(); break;
      case "text[]": value = fc.array(fc.constantFrom(...TEXTS), { maxLength: 3 }); break;
    }
    // Omitted (defaults), given, or (rarely) of the wrong type.
    const options: fc.Arbitrary<unknown>[] = [value, value, fc.constant(undefined), fc.constant(42 as unknown), fc.constant("x" as unknown)];
    return fc.tuple(fc.constant(i.name), fc.oneof(...options.slice(0, i.required ? 2 : 3).map((a) => ({ weight: 10, arbitrary: a })), { weight: 1, arbitrary: fc.oneof(...options.slice(3)) }));
  });
  return fc.tuple(fc.tuple(...fields), fc.oneof({ weight: 20, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })).map(([entries, unknownKey]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries as [string, unknown][]) if (v !== undefined) out[k] = v;
    if (unknownKey) out["no_such_input"] = "x";
    return out;
  });
}

// ---- a scripted judge: a pure function of the request --------------------------------------------------------

function scriptedJudge(seed: number): Judge {
  return {
    async judge(req: JudgeRequest) {
      const h = parseInt(sha256Hex(`${seed}\u0000${req.constraintId}\u0000${req.rubric}\u0000${req.response}\u0000${req.instruction}`).slice(0, 8), 16) % 20;
      if (h < 9) return { verdict: "yes", ...(h % 2 === 0 ? { reason: "fine" } : {}) };
      if (h < 15) return { verdict: "no", reason: "  not quite  " };
      if (h < 17) return { verdict: "unknown" };
      if (h < 18) return { verdict: "maybe" } as never;
      if (h < 19) return null as never;
      throw new Error("judge down");
    },
  };
}

function plain(v: unknown): unknown {
  // Drop the generated `byId` (the interpreter's Verdicts do not have it) and normalise through JSON-like cloning.
  if (v && typeof v === "object" && "byId" in v) {
    const { byId: _ignored, ...rest } = v as Record<string, unknown>;
    void _ignored;
    return rest;
  }
  return v;
}

describe("generated verifiers agree with the IR interpreter", () => {
  it("loads every bundled contract", () => {
    const ids = loaded.map((l) => l.contract.id);
    expect(ids).toEqual(expect.arrayContaining(["ComplianceSummary", "InterviewFeedback", "InvoiceExtraction", "ReleaseNotes", "SupportReply"]));
  });

  it("on verdicts and hindsight results, for every contract", async () => {
    expect(loaded.length).toBeGreaterThan(5);
    for (const { file, contract } of loaded) {
      const ir = contract.ir;
      await fc.assert(
        fc.asyncProperty(response, inputsFor(ir), fc.integer({ min: 0, max: 1000 }), async (resp, inputs, seed) => {
          const judge = scriptedJudge(seed);
          const mine = contract.judged
            ? await contract.verify(resp, inputs, { judge })
            : (contract.verify(resp, inputs) as Verdicts);
          const theirs = contract.judged ? await verify(ir, resp, inputs, { judge }) : verifySync(ir, resp, inputs);
          expect(plain(mine), `${file} ${contract.id}`).toStrictEqual(theirs);
          // byId is consistent with the list.
          const byId = (mine as unknown as { byId: Record<string, unknown> }).byId;
          expect(Object.keys(byId)).toEqual(ir.constraints.map((c) => c.id));
          for (const v of mine.verdicts) expect(byId[v.id]).toBe(v);

          const h1 = contract.judged ? await contract.hindsight(mine, resp, inputs, { judge }) : contract.hindsight(mine, resp, inputs);
          const h2 = contract.judged ? await hindsight(ir, theirs, resp, inputs, { judge }) : hindsightSync(ir, theirs, resp, inputs);
          expect(h1, `${file} ${contract.id} hindsight`).toStrictEqual(h2);

          if (theirs.inputErrors.length === 0) expect(contract.render(inputs)).toBe(render(ir, inputs));
        }),
        { numRuns: 150, seed: 20261128 + contract.id.length },
      );
    }
  }, 300_000);

  it("covers rewrites, refusals and every verdict status (the fragments exercise the contracts)", async () => {
    const seen = new Set<string>();
    for (const { contract } of loaded) {
      const samples = fc.sample(fc.tuple(response, inputsFor(contract.ir), fc.integer({ min: 0, max: 1000 })), { numRuns: 150, seed: 7 });
      for (const [resp, inputs, seed] of samples) {
        const judge = scriptedJudge(seed);
        const v = contract.judged ? await contract.verify(resp, inputs, { judge }) : (contract.verify(resp, inputs) as Verdicts);
        for (const x of v.verdicts) seen.add(`status:${x.status}`);
        if (v.verdicts.some((x) => x.gatedBy)) seen.add("gated");
        const h = (contract.judged ? await contract.hindsight(v, resp, inputs, { judge }) : contract.hindsight(v, resp, inputs)) as { outcome: string; reason?: string };
        seen.add(h.outcome === "refused" ? `refused:${h.reason}` : h.outcome);
      }
    }
    for (const k of ["status:pass", "status:fail", "status:unknown", "gated", "rewrite", "refused:immutable-failed", "refused:unknown-verdict"]) {
      expect(seen, k).toContain(k);
    }
  }, 300_000);
});
