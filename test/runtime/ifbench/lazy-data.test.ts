/**
 * The IFBench tables (data/ifbench/, 1.9 MB with the POS tagger) are read when a checker
 * first needs one, never when the runtime is imported: every `hir check` and every
 * generated verifier imports the runtime, and most never run an IFBench checker.
 */
import { describe, expect, it, vi } from "vitest";
import { compileOne } from "../helpers.js";

const reads = vi.hoisted(() => [] as string[]);
vi.mock("../../../src/common/package-data.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../src/common/package-data.js")>();
  return {
    readPackageData: (...path: string[]) => {
      reads.push(path.join("/"));
      return real.readPackageData(...path);
    },
  };
});

const PLAIN = `contract Plain {
  prompt "Answer."
  task some "Use words." check words >= 2
  task count "Use an exact count." check ifbench_count_word_count_range(min_words: 1, max_words: 9)
}`;
const TAGGED = `contract Tagged {
  prompt "Answer."
  task verb "Start with a verb." check ifbench_words_start_verb
}`;

describe("IFBench data", () => {
  it("is not read by importing the runtime or verifying a contract that needs no table", async () => {
    const { verifySync } = await import("../../../src/runtime/verify.js");
    await import("../../../src/runtime/compiled.js");
    const v = verifySync(compileOne(PLAIN), "one two three", {});
    expect(v.verdicts.map((x) => x.status)).toEqual(["pass", "pass"]);
    expect(reads).toEqual([]);
  });

  it("reads a table once, when the first checker that needs it runs", async () => {
    const { verifySync } = await import("../../../src/runtime/verify.js");
    const c = compileOne(TAGGED);
    expect(verifySync(c, "Write a poem about tea.", {}).verdicts[0]?.status).toBe("pass");
    expect(verifySync(c, "The store is open.", {}).verdicts[0]?.status).toBe("fail");
    expect(reads).toEqual(["ifbench/pos-tagger.json"]);
  });

  it("names the file when a table is missing (an incomplete installation)", async () => {
    const { readPackageData } = await import("../../../src/common/package-data.js");
    expect(() => readPackageData("ifbench", "no-such-table.txt")).toThrow(/data\/ifbench\/no-such-table\.txt could not be read/);
  });
});
