/** docs/judges.md quotes the prompt verbatim; keep it in sync with the code. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { judgeConfigFrom } from "../../../src/runtime/judge/config.js";
import { buildUserMessage, JUDGE_PROMPT_VERSION, JUDGE_SYSTEM_PROMPT } from "../../../src/runtime/judge/prompt.js";
import { parseStubMode } from "../../../src/testing/judge-stub-server.js";
import { REPO_ROOT } from "../../helpers/repo.js";

const doc = readFileSync(join(REPO_ROOT, "docs/judges.md"), "utf8");

describe("docs/judges.md", () => {
  it("quotes the current system prompt, user message layout and prompt version", () => {
    expect(doc).toContain(JUDGE_SYSTEM_PROMPT);
    expect(doc).toContain(buildUserMessage({ instruction: "{instruction}", response: "{response}", rubric: "{rubric}" }));
    expect(doc).toContain(`Version \`${JUDGE_PROMPT_VERSION}\``);
  });

  it("shows the config defaults the code uses", () => {
    const json = /All fields, with defaults:\n\n```json\n([\s\S]*?)```/.exec(doc)?.[1];
    const shown = JSON.parse(json ?? "{}") as Record<string, unknown>;
    const defaults = judgeConfigFrom({}, { url: "http://localhost:8000/v1", model: "m" });
    for (const [field, value] of Object.entries(defaults)) {
      if (field === "url" || field === "model") continue;
      expect(shown[field], field).toEqual(value);
    }
  });

  it("lists stub modes that all parse", () => {
    const table = doc.slice(doc.indexOf("| mode | behaviour |"));
    const lines = table.split("\n").slice(2);
    const rows = lines.slice(0, lines.findIndex((line) => !line.startsWith("|")));
    const modes = rows.flatMap((row) => [...(row.split("|")[1] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ""));
    expect(modes.length).toBeGreaterThanOrEqual(12);
    for (const mode of modes) {
      const concrete = mode.replace("[:MODE]", ":no").replace("WORD", "OK").replace("REPLY", "I think yes").replace("STATUS", "503").replace("SECONDS", "1").replace(/\bMS\b/, "5").replace(/\bN\b/, "2").replace("URL", "http://127.0.0.1:1/").replace("BYTES", "2048");
      expect(() => parseStubMode(concrete), mode).not.toThrow();
    }
  });
});
