import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { memoryIO } from "../../src/cli/io.js";
import { requestedCommand } from "../../src/cli/main.js";
import { COMMANDS } from "../../src/cli/registry.js";

describe("the command table", () => {
  it("describes each command as the command itself does (help without loading stays true)", async () => {
    for (const entry of COMMANDS) {
      const program = new Command("hir");
      (await entry.load())(program, memoryIO({ cwd: process.cwd() }), () => {});
      const cmd = program.commands.find((c) => c.name() === entry.name);
      expect(cmd, entry.name).toBeDefined();
      expect(cmd!.description(), entry.name).toBe(entry.description);
    }
  });

  it("has unique names", () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });

  it("finds the command to load from argv", () => {
    expect(requestedCommand(["--version"])).toBeUndefined();
    expect(requestedCommand(["lint", "specs", "-f", "json"])).toBe("lint");
    expect(requestedCommand(["help", "compile"])).toBe("compile");
  });
});
