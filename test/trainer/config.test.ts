import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/trainer/config.js";

describe("config presets", () => {
  it("default keeps this project's defaults (quality bonus, beta 0.05)", () => {
    const c = resolveConfig({});
    expect(c.preset).toBe("default");
    expect(c.selection.qualityWeight).toBe(0.5);
    expect(c.advantage.klBeta).toBe(0.05);
  });

  it("paper applies the release values, under the input's own fields", () => {
    const c = resolveConfig({ preset: "paper" });
    expect(c.preset).toBe("paper");
    expect(c.selection.qualityWeight).toBe(0);
    expect(c.advantage.klBeta).toBe(0.001);
    expect(c.selection.shortfall).toBe("resample");
    expect(c.selection.scope).toBe("global");
    const o = resolveConfig({ preset: "paper", advantage: { klBeta: 0.01 } });
    expect(o.advantage.klBeta).toBe(0.01);
    expect(o.selection.qualityWeight).toBe(0);
    // A resolved config resolves to itself (resume re-reads config.json).
    expect(resolveConfig(JSON.parse(JSON.stringify(o)))).toEqual(o);
  });

  it("an unknown preset is rejected", () => {
    expect(() => resolveConfig({ preset: "nope" })).toThrow();
  });
});
