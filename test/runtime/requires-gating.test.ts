/**
 * `requires` gating in verify: the effective verdicts of an explicit-stack walk agree with
 * a plain recursive reference on random graphs (cycles included, which the checker forbids but
 * hand-written IR may hold), and a 12,000-long chain declared in reverse order (t0 requires t1,
 * t1 requires t2, ...) settles without exhausting the call stack (issue 8).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CompiledConstraint, CompiledContract, HardConstraint } from "../../src/compiler/ir.js";
import type { Node } from "../../src/runtime/nodes.js";
import { verifySync, type Own, type Verdict } from "../../src/runtime/verify.js";
import { compileOne } from "./helpers.js";

type Outcome = "pass" | "fail" | "unknown";

/** Own results on demand: `true`/`false` checks, or a non-boolean value (the verdict is then unknown). */
function backendFor(outcomes: ReadonlyMap<string, Outcome>) {
  return () => (c: HardConstraint): Node => {
    const o = outcomes.get(c.id) ?? "pass";
    return { value: o === "unknown" ? 1 : o === "pass", text: `${c.id} was ${o}` };
  };
}

function ticks(ids: readonly string[]): string {
  const q = ids.map((id) => `\`${id}\``);
  return q.length <= 1 ? (q[0] ?? "") : `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]}`;
}

/** The recursive gating verify.ts used before (kept here as the reference; hard constraints only). */
function referenceVerdicts(constraints: readonly CompiledConstraint[], own: ReadonlyMap<string, Own>): Verdict[] {
  const byId = new Map(constraints.map((c) => [c.id, c]));
  const out = new Map<string, Verdict>();
  const visiting = new Set<string>();
  const effective = (id: string): Verdict => {
    const done = out.get(id);
    if (done) return done;
    const c = byId.get(id) as CompiledConstraint;
    if (visiting.has(id)) return { id, status: "unknown", kind: c.kind, evidence: "not verified: its prerequisites form a cycle" };
    visiting.add(id);
    const pre = c.requires.filter((p) => byId.has(p)).map((p) => [p, effective(p)] as const);
    visiting.delete(id);
    const o = own.get(id) as Own;
    const note = `; its own check: ${o.evidence}`;
    const failed = pre.filter(([, v]) => v.status === "fail").map(([p]) => p);
    const unknown = pre.filter(([, v]) => v.status === "unknown").map(([p]) => p);
    let v: Verdict;
    if (failed.length > 0) v = { id, status: "fail", kind: c.kind, evidence: `failed because its prerequisite${failed.length > 1 ? "s" : ""} ${ticks(failed)} failed${note}`, gatedBy: failed };
    else if (unknown.length > 0) v = { id, status: "unknown", kind: c.kind, evidence: `unknown because its prerequisite${unknown.length > 1 ? "s" : ""} ${ticks(unknown)} ${unknown.length > 1 ? "are" : "is"} unknown${note}`, gatedBy: unknown };
    else v = { id, status: o.status, kind: c.kind, evidence: o.evidence };
    out.set(id, v);
    return v;
  };
  return constraints.map((c) => effective(c.id));
}

/** A contract of `n` copies of one compiled constraint, `t0` to `t<n-1>` (compiling 12,000 would be slow). */
function contractOf(n: number): CompiledContract {
  const one = compileOne('contract C {\n  prompt "p"\n  task t "Step." check words >= 1\n}\n');
  const c = one.constraints[0] as CompiledConstraint;
  return { ...one, constraints: Array.from({ length: n }, (_, i) => ({ ...c, id: `t${i}` })) };
}

function withRequires(contract: CompiledContract, edges: ReadonlyMap<string, readonly string[]>): CompiledContract {
  return { ...contract, constraints: contract.constraints.map((c) => ({ ...c, requires: [...(edges.get(c.id) ?? [])] })) };
}

describe("requires gating", () => {
  it("agrees with the recursive reference on random graphs, cycles and unknown prerequisites included", () => {
    const base = contractOf(8);
    const ids = base.constraints.map((c) => c.id);
    const outcome = fc.constantFrom<Outcome>("pass", "fail", "unknown");
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 4 }), { minLength: 8, maxLength: 8 }),
        fc.array(outcome, { minLength: 8, maxLength: 8 }),
        (targets, outcomes) => {
          // Indices 8 and 9 name constraints outside the contract (ignored by gating).
          const edges = new Map(ids.map((id, i) => [id, (targets[i] ?? []).map((t) => `t${t}`)]));
          const contract = withRequires(base, edges);
          const results = new Map(ids.map((id, i) => [id, outcomes[i] as Outcome]));
          const got = verifySync(contract, "one two", {}, { backend: backendFor(results) }).verdicts;
          const own = new Map(ids.map((id, i): [string, Own] => {
            const o = outcomes[i] as Outcome;
            return [id, o === "unknown"
              ? { status: "unknown", evidence: "could not evaluate: the check evaluates to 1, not true or false" }
              : { status: o, evidence: `${id} was ${o}` }];
          }));
          expect(got).toEqual(referenceVerdicts(contract.constraints, own));
        },
      ),
      { seed: 8, numRuns: 400 },
    );
  });

  it("settles a 12,000-long chain declared in reverse order (t0 requires t1, ...) without exhausting the stack", () => {
    const n = 12_000;
    const base = contractOf(n);
    const edges = new Map(Array.from({ length: n - 1 }, (_, i) => [`t${i}`, [`t${i + 1}`]] as const));
    const contract = withRequires(base, edges);
    const last = `t${n - 1}`;
    const verdicts = verifySync(contract, "one two", {}, { backend: backendFor(new Map([[last, "fail"]])) }).verdicts;
    expect(verdicts).toHaveLength(n);
    expect(verdicts[n - 1]).toMatchObject({ id: last, status: "fail" });
    expect(verdicts[0]).toMatchObject({ id: "t0", status: "fail", gatedBy: ["t1"] });
    expect(verdicts.every((v) => v.status === "fail")).toBe(true);
  });
});
