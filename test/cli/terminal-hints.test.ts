import { describe, expect, it } from "vitest";
import { describeFormatDifference } from "../../src/cli/format-diff.js";
import { memoryIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import { JUDGE_ENV_VARS } from "../../src/runtime/judge/config.js";
import { REPO_ROOT } from "../helpers/repo.js";

const SPEC = "specs/release-notes.contract";
const INPUTS = ["-i", "version=2.4", "-i", "changes=x"];

describe("what the CLI says in a terminal", () => {
  it("check with no response file on an interactive terminal says it reads standard input", async () => {
    const tty = memoryIO({ cwd: REPO_ROOT, stdin: "# Acme 2.4\n", stdinIsTTY: true });
    await run(["check", SPEC, ...INPUTS], tty);
    expect(tty.err).toContain("reading the response from standard input");
    expect(tty.err).toContain("Ctrl-D");
    const piped = memoryIO({ cwd: REPO_ROOT, stdin: "# Acme 2.4\n" });
    await run(["check", SPEC, ...INPUTS], piped);
    expect(piped.err).not.toContain("standard input");
  });

  it("fmt --check names the first differing line of a file", () => {
    expect(describeFormatDifference("a.contract", "x\n  y\nz\n", "x\ny\nz\n")).toBe('a.contract:2: not formatted: "  y" should be "y"');
    expect(describeFormatDifference("a.contract", "x\n", "x\n\n")).toBe('a.contract:3: not formatted: (end of file) should be ""');
  });

  for (const command of ["check", "hindsight", "train"]) {
    it(`${command} --help names every variable the judge reads`, async () => {
      const io = memoryIO({ cwd: REPO_ROOT });
      await run([command, "--help"], io);
      for (const name of Object.values(JUDGE_ENV_VARS).flat()) expect(io.out, name).toContain(name);
    });
  }
});
