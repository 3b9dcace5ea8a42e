/**
 * `hir fmt` (src/cli/commands/fmt.ts), run in-process on a temporary directory.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Command } from "commander";
import { fmtCommand, registerFmtCommand } from "../../src/cli/commands/fmt.js";
import { memoryIO } from "../../src/cli/io.js";
import { parseDocument } from "../../src/language/ast-builder.js";

const MESSY = "contract A{task t \"x\" check words<3}\n";
const CLEAN = 'contract A {\n  task t "x"\n    check words < 3\n}\n';
const BROKEN = "contract B {\n  tsk x \"y\" check words < 3\n}\n";

let dir: string;

function run(paths: string[], extra: { check?: boolean; write?: boolean; stdin?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = fmtCommand(paths, {
    check: extra.check ?? false,
    ...(extra.write !== undefined ? { write: extra.write } : {}),
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    cwd: dir,
    readStdin: async () => extra.stdin ?? "",
  });
  return code.then((c) => ({ code: c, out: out.join(""), err: err.join("") }));
}

function write(rel: string, text: string): void {
  const p = join(dir, rel);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, text);
}

const read = (rel: string) => readFileSync(join(dir, rel), "utf8");

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hir-fmt-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("hir fmt", () => {
  it("formats files in place and lists what changed", async () => {
    write("a.contract", MESSY);
    write("b.contract", CLEAN);
    const r = await run(["."]);
    expect(r).toEqual({ code: 0, out: "a.contract\n", err: "" });
    expect(read("a.contract")).toBe(CLEAN);
    expect(read("b.contract")).toBe(CLEAN);
    // No temp files are left behind.
    expect(readdirSync(dir).sort()).toEqual(["a.contract", "b.contract"]);
  });

  it("keeps file permissions", async () => {
    write("a.contract", MESSY);
    chmodSync(join(dir, "a.contract"), 0o640);
    await run(["a.contract"]);
    expect(statSync(join(dir, "a.contract")).mode & 0o777).toBe(0o640);
  });

  it("--check lists unformatted files, changes nothing, exits 1", async () => {
    write("specs/z.contract", MESSY);
    write("specs/a.contract", MESSY);
    write("specs/ok.contract", CLEAN);
    const r = await run(["specs"], { check: true });
    const says = (f: string) => `hir fmt: ${f}:1: not formatted (5 lines differ): "contract A{task t \\"x\\" check words<3}" should be "contract A {"\n`;
    expect(r).toEqual({ code: 1, out: "specs/a.contract\nspecs/z.contract\n", err: says("specs/a.contract") + says("specs/z.contract") });
    expect(read("specs/a.contract")).toBe(MESSY);
  });

  it("--check exits 0 when everything is formatted", async () => {
    write("x/ok.contract", CLEAN);
    expect(await run(["x"], { check: true })).toEqual({ code: 0, out: "", err: "" });
  });

  it("expands directories to sorted .contract files and skips node_modules", async () => {
    write("d/b.contract", MESSY);
    write("d/a/c.contract", MESSY);
    write("d/node_modules/pkg/x.contract", MESSY);
    write("d/notes.txt", "not a contract");
    const r = await run(["d"], { check: true });
    expect(r.out).toBe("d/a/c.contract\nd/b.contract\n");
  });

  it("reports syntax errors as file:line:col, leaves the file alone, exits 1", async () => {
    write("bad.contract", BROKEN);
    write("good.contract", MESSY);
    const r = await run(["."]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^bad\.contract:2:3: .+ \[HIR1001\]\n/);
    expect(read("bad.contract")).toBe(BROKEN);
    expect(read("good.contract")).toBe(CLEAN);
  });

  it("exits 2 for a path that does not exist (and still formats the others)", async () => {
    write("a.contract", MESSY);
    const r = await run(["missing.contract", "a.contract"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("missing.contract");
    expect(read("a.contract")).toBe(CLEAN);
  });

  it("formats standard input to standard output for `-`", async () => {
    expect(await run(["-"], { stdin: MESSY })).toEqual({ code: 0, out: CLEAN, err: "" });
    expect(await run(["-"], { stdin: MESSY, check: true })).toEqual({
      code: 1,
      out: "<stdin>\n",
      err: 'hir fmt: <stdin>:1: not formatted (5 lines differ): "contract A{task t \\"x\\" check words<3}" should be "contract A {"\n',
    });
    expect(await run(["-"], { stdin: CLEAN, check: true })).toEqual({ code: 0, out: "", err: "" });
    const bad = await run(["-"], { stdin: BROKEN });
    expect(bad.code).toBe(1);
    expect(bad.out).toBe("");
    expect(bad.err).toMatch(/^<stdin>:2:3: /);
  });

  it("prints formatted text instead of writing with write: false", async () => {
    write("a.contract", MESSY);
    expect(await run(["a.contract"], { write: false })).toEqual({ code: 0, out: CLEAN, err: "" });
    expect(read("a.contract")).toBe(MESSY);
  });
});

describe("hir fmt on a comment between a method name and its arguments", () => {
  // The AST builder used to drop the argument list of `a.f /* c */ (1)`, and the formatter's
  // meaning check refused the file; now the arguments stay with their method.
  it("formats the file and keeps the arguments", async () => {
    const text = "contract A {\n  task t\n    check a.f /* c */ (1)\n}\n";
    write("odd.contract", text);
    const body = parseDocument(text, "odd.contract").file.declarations[0];
    const expr = body?.kind === "Contract" && body.members[0]?.kind === "Constraint" && body.members[0].body?.kind === "Check" ? body.members[0].body.expression : undefined;
    expect(expr?.kind === "Call" ? expr.args.length : -1).toBe(1);
    const r = await run(["odd.contract"]);
    expect(r).toEqual({ code: 0, out: "odd.contract\n", err: "" });
    expect(read("odd.contract")).toBe("contract A {\n  task t\n    check a.f(/* c */ 1)\n}\n");
  });
});

describe("registerFmtCommand", () => {
  it("wires `fmt [paths...] --check` into a commander program", async () => {
    write("a.contract", MESSY);
    const io = memoryIO({ cwd: dir, stdin: MESSY });
    let code = -1;
    const program = new Command("hir").exitOverride();
    registerFmtCommand(program, io, (c) => {
      code = c;
    });
    await program.parseAsync(["fmt", "--check", "a.contract"], { from: "user" });
    expect(code).toBe(1);
    expect(io.out).toBe("a.contract\n");
    await program.parseAsync(["fmt", "-"], { from: "user" });
    expect(code).toBe(0);
    expect(io.out).toBe(`a.contract\n${CLEAN}`);
  });
});
