/** A row's kwargs are validated once per object, and again whenever the object's contents change. */
import { describe, expect, it } from "vitest";
import { runCheck } from "../../../src/runtime/ifeval/index.js";

describe("kwargs validation reuse", () => {
  it("follows changes to a reused kwargs object", () => {
    const kw: Record<string, unknown> = { num_bullets: 2 };
    const text = "* a\n* b";
    expect(runCheck("detectable_format:number_bullet_lists", text, kw).pass).toBe(true);
    expect(runCheck("detectable_format:number_bullet_lists", text, kw).pass).toBe(true);
    kw.num_bullets = 3;
    expect(runCheck("detectable_format:number_bullet_lists", text, kw).pass).toBe(false);
    kw.num_bullets = "three";
    expect(runCheck("detectable_format:number_bullet_lists", text, kw).evidence).toMatch(/invalid kwargs/);
    kw.num_bullets = 2;
    kw.extra = 1;
    expect(runCheck("detectable_format:number_bullet_lists", text, kw).evidence).toMatch(/unknown kwarg/);
  });
  it("follows changes inside a list argument", () => {
    const kw = { keywords: ["tea"] };
    expect(runCheck("keywords:existence", "I like tea.", kw).pass).toBe(true);
    kw.keywords[0] = "coffee";
    expect(runCheck("keywords:existence", "I like tea.", kw).pass).toBe(false);
  });
});
