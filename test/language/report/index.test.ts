import { describe, expect, it } from "vitest";
import { chooseDefaultFormat, getReporter, isReportFormat, REPORT_FORMATS } from "../../../src/language/report/index.js";

describe("reporter registry", () => {
  it("returns a reporter per format, named after it", () => {
    for (const f of REPORT_FORMATS) expect(getReporter(f).name).toBe(f);
  });

  it("rejects unknown formats", () => {
    expect(isReportFormat("xml")).toBe(false);
    expect(() => getReporter("xml")).toThrow(/unknown report format "xml"/);
  });

  it("defaults to github inside GitHub Actions only", () => {
    expect(chooseDefaultFormat({ GITHUB_ACTIONS: "true" })).toBe("github");
    expect(chooseDefaultFormat({ GITHUB_ACTIONS: "false" })).toBe("pretty");
    expect(chooseDefaultFormat({})).toBe("pretty");
  });

  it("only the github reporter produces a step summary", () => {
    const input = { diagnostics: [], sources: new Map<string, string>(), filesChecked: 0, toolVersion: "0" };
    for (const f of REPORT_FORMATS) {
      const out = getReporter(f).render(input, { color: false });
      expect(out.stepSummary !== undefined).toBe(f === "github");
      expect(out.stdout.endsWith("\n")).toBe(true);
    }
  });
});
