import { describe, expect, it } from "vitest";
import { chevrotain, chevrotainBuild } from "../../grammar/chevrotain.js";
import { parseContractText } from "../../grammar/parser.js";

describe("chevrotain's single-file build", () => {
  it("is the build the grammar loads where chevrotain is installed as a package", () => {
    // The entry point costs ~0.5 s of every command's start; falling back to it silently would undo that.
    expect(chevrotainBuild).toBe("single-file");
  });

  it("provides the API the grammar uses, and parses with it", () => {
    expect(typeof chevrotain.EmbeddedActionsParser).toBe("function");
    const parsed = parseContractText('contract C {\n  prompt "p"\n  task t "x" check words >= 1\n}\n');
    expect(parsed.lexErrors).toEqual([]);
    expect(parsed.parseErrors).toEqual([]);
  });
});
