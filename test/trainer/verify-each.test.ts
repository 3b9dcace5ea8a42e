/** The held-out evaluation verifies each distinct (task, response) once, and never shares a judged verdict. */
import { describe, expect, it } from "vitest";
import type { ConstraintVerdict } from "../../src/trainer/env.js";
import { verifyEach } from "../../src/trainer/trainer.js";
import { toyTasks, type ToyEnv } from "./helpers/toy-env.js";

/** Counts verify calls; `judged` answers through a promise, as an env with soft constraints does. */
function counting(env: ToyEnv, judged = false): { env: ToyEnv; calls: string[] } {
  const calls: string[] = [];
  const verify = env.verify.bind(env);
  const wrapped = Object.create(env) as ToyEnv;
  wrapped.verify = ((text: string) => {
    calls.push(text);
    return judged ? Promise.resolve(verify(text)) : verify(text);
  }) as ToyEnv["verify"];
  return { env: wrapped, calls };
}

describe("verifyEach", () => {
  const [a, b] = toyTasks(2) as [ToyEnv, ToyEnv];
  const texts = ["risk and timeline", "- a\n- b", "risk and timeline", "- a\n- b", "risk and timeline", "other"];

  it("verifies a response once per task, with the same verdicts as verifying every sample", async () => {
    const ca = counting(a);
    const cb = counting(b);
    const items = texts.flatMap((text) => [{ env: ca.env, text }, { env: cb.env, text }]);
    const got = await Promise.all(verifyEach(items));
    expect(got).toEqual(items.map(({ text }, i) => (i % 2 === 0 ? a : b).verify(text)));
    expect(ca.calls).toEqual(["risk and timeline", "- a\n- b", "other"]);
    expect(cb.calls).toEqual(["risk and timeline", "- a\n- b", "other"]);
  });

  it("asks a judged (asynchronous) env for every sample", async () => {
    const judged = counting(a, true);
    const got: ConstraintVerdict[][] = await Promise.all(verifyEach(texts.map((text) => ({ env: judged.env, text }))));
    expect(judged.calls).toEqual(texts);
    expect(got).toEqual(texts.map((t) => a.verify(t)));
  });
});
