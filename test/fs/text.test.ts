/** Issue 8, item 12: one decode rule for files read as text (strip one BOM; invalid UTF-8 is a warning with its byte offset). */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoryIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import { decodeLines, decodeText, firstInvalidUtf8 } from "../../src/fs/text.js";

const BOM = [0xef, 0xbb, 0xbf];
const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("decodeText: the one file decode rule", () => {
  it("strips exactly one leading byte-order mark", () => {
    expect(decodeText(bytes(BOM, "# Title"))).toEqual({ text: "# Title", bomStripped: true });
    expect(decodeText(bytes(BOM, BOM, "x")).text).toBe("\uFEFFx");
    expect(decodeText(bytes("a", BOM)).text).toBe("a\uFEFF");
    expect(decodeText(bytes("plain"))).toEqual({ text: "plain", bomStripped: false });
  });

  it("decodes invalid UTF-8 with U+FFFD and reports the byte offset of the first bad sequence", () => {
    expect(decodeText(bytes("ok ", [0xff], " then"))).toEqual({ text: "ok \uFFFD then", bomStripped: false, invalidUtf8At: 3 });
    expect(decodeText(bytes(BOM, "ab", [0xc3]))).toMatchObject({ bomStripped: true, invalidUtf8At: 5 });
    expect(decodeText(bytes([0xed, 0xa0, 0x80]))).toMatchObject({ invalidUtf8At: 0 }); // an encoded surrogate
    expect(decodeText(bytes([0xc0, 0x80]))).toMatchObject({ invalidUtf8At: 0 }); // overlong
  });

  it("decodeLines (JSONL): strips the BOM, and locates bad bytes by line and file offset", () => {
    expect(decodeLines(bytes(BOM, '{"a":1}\n{"b":"', [0xff], '"}\n'))).toEqual({
      lines: ['{"a":1}', '{"b":"\uFFFD"}', ""],
      warnings: [{ line: 2, message: "invalid UTF-8 at byte 17; undecodable bytes were replaced by U+FFFD" }],
    });
  });

  it("the validator agrees with the platform's fatal decoder on random bytes", () => {
    const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        let valid = true;
        try {
          fatal.decode(b);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(b) < 0).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("a response file with a byte-order mark: every built-in sees the same first line", () => {
  const CONTRACT = [
    "contract Doc {",
    '  prompt "Write a document."',
    '  task heading "Start with a heading."',
    "    check headings >= 1",
    '  task first "The first line is the title."',
    '    check first_line == "# Title"',
    '  task starts "Starts with the title."',
    '    check starts_with("# Title")',
    "}",
    "",
  ].join("\n");

  async function check(response: Buffer) {
    const dir = mkdtempSync(join(tmpdir(), "hir-bom-"));
    writeFileSync(join(dir, "package.json"), "{}");
    writeFileSync(join(dir, "doc.contract"), Buffer.concat([Buffer.from(BOM), Buffer.from(CONTRACT)]));
    writeFileSync(join(dir, "response.md"), response);
    const io = memoryIO({ cwd: dir, env: { NO_COLOR: "1" } });
    const code = await run(["check", "doc.contract", "response.md", "--json"], io);
    return { code, out: io.out, err: io.err };
  }

  it("headings, first_line and starts_with all pass (BOM in the contract file too)", async () => {
    const r = await check(bytes(BOM, "# Title\n\nBody text.\n"));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
  });

  it("invalid UTF-8 in the response file is a warning with the byte offset, and the check still runs", async () => {
    const r = await check(bytes("# Title\n\nBad ", [0xfe], " byte.\n"));
    expect(r.err).toBe("hir check: warning: response.md: invalid UTF-8 at byte 13; undecodable bytes were replaced by U+FFFD\n");
    expect(r.code).toBe(0);
  });
});
