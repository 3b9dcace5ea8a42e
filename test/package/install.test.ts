/**
 * What a user does with the package: pack it (from a clean copy of the repository, so
 * `prepack` must build everything), install the tarball into a fresh ESM project, run
 * that project's `hir compile` on a contract with no config (so generated code imports
 * `hindsight/runtime`), type-check a program that uses the generated verifier under the
 * strictest settings, then delete the compile-time packages and run the program: the
 * runtime must stand alone.
 *
 * Slow by nature (a build, an npm install): about two minutes on a 2-core machine. The
 * consumer's dependencies come from the npm cache when `npm ci` has filled it.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/repo.js";

const COMPILE_TIME_PACKAGES = ["chevrotain", "@chevrotain", "prettier", "typescript"];

const CONTRACT = `/// A short summary with a title.
contract Summary {
  input topic: text

  prompt "Summarize {{topic}} in English, with a title line starting with \\"# \\"."

  task title "Start with a title line."
    check first_line starts_with "# "
  task brief "Keep it under 80 words."
    check words <= 80
  task ticket "Cite a ticket id like ABC-123."
    check matches(/[A-Z]{2,5}-[0-9]+/)
  task english "Answer in English."
    check ifeval_language_response_language(language: "en")
}
`;

// Uses the typed surface: byId, typed ids, typed inputs, the kept/dropped hindsight result.
const PROGRAM = `import { Summary, type SummaryConstraintId } from "./generated/summary.js";
import { InputError } from "hindsight/runtime";

const good = "# Release 2\\n\\nWe fixed ABC-123 and made the builds faster for everyone on the team.";
const v = Summary.verify(good, { topic: "the release" });
const failing: SummaryConstraintId[] = v.verdicts.filter((x) => x.status !== "pass").map((x) => x.id);

const french = "Nous avons corrigé le problème ABC-123 et les compilations sont maintenant beaucoup plus rapides pour toute l'équipe.";
const fv = Summary.verify(french, { topic: "la version" });
const h = Summary.hindsight(fv, french, { topic: "la version" });

let inputError = false;
try {
  Summary.render({ topic: 3 as unknown as string });
} catch (e) {
  inputError = e instanceof InputError;
}

console.log(JSON.stringify({
  failing,
  english: v.byId.english.status,
  frenchFailing: fv.verdicts.filter((x) => x.status !== "pass").map((x) => x.id),
  hindsight: h.outcome,
  kept: h.outcome === "rewrite" ? h.kept : [],
  inputError,
}));
`;

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2023"],
    types: ["node"],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    outDir: "out",
    rootDir: ".",
  },
  include: ["program.ts", "generated"],
};

let work: string;
let consumer: string;
let tarball: string;

function run(cmd: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" } });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd}:\n${err.stdout ?? ""}${err.stderr ?? err.message}`);
  }
}

/** The repository as a fresh clone would have it: tracked and unignored files, no dist/. */
function cleanCopy(to: string): void {
  const files = run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO_ROOT).split("\0").filter(Boolean);
  for (const f of files) {
    const from = join(REPO_ROOT, f);
    if (!existsSync(from)) continue; // deleted in the working tree
    mkdirSync(dirname(join(to, f)), { recursive: true });
    cpSync(from, join(to, f));
  }
  // The build needs the dev dependencies; share the repository's instead of installing them again.
  symlinkSync(join(REPO_ROOT, "node_modules"), join(to, "node_modules"), "dir");
}

function devVersion(name: string): string {
  const pkg = JSON.parse(execFileSync("node", ["-p", "JSON.stringify(require('./package.json'))"], { cwd: REPO_ROOT, encoding: "utf8" })) as { devDependencies: Record<string, string> };
  return pkg.devDependencies[name]!;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "hir-package-"));
  const clone = join(work, "clone");
  cleanCopy(clone);
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], clone)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = join(work, packed[0]!.filename);
  packedFiles = packed[0]!.files.map((f) => f.path);

  consumer = join(work, "consumer");
  mkdirSync(join(consumer, "contracts"), { recursive: true });
  writeFileSync(join(consumer, "package.json"), `${JSON.stringify({ name: "consumer", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`);
  writeFileSync(join(consumer, "contracts", "summary.contract"), CONTRACT);
  writeFileSync(join(consumer, "program.ts"), PROGRAM);
  writeFileSync(join(consumer, "tsconfig.json"), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  run("npm", ["install", "--prefer-offline", tarball, `typescript@${devVersion("typescript")}`, `@types/node@${devVersion("@types/node")}`], consumer);
}, 400_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
}, 60_000);

let packedFiles: string[] = [];

describe("the packed package", () => {
  it("holds the built CLI, library, runtime, prettier plugin, testing doubles, schemas, data and license, and no tests", () => {
    for (const f of [
      "bin/hir.js", "dist/bundle/hir.js", "dist/src/cli/main.js", "dist/src/index.js", "dist/src/index.d.ts", "dist/src/runtime/compiled.js",
      "dist/src/runtime/compiled.d.ts", "dist/src/language/format/plugin.js", "dist/src/testing/index.js",
      "schema/contract-ir.schema.json", "schema/hir.config.schema.json", "data/langdetect/profiles.json", "data/langdetect/LICENSE",
      "data/ifbench/pos-tagger.json", "data/ifbench/syllapy.csv", "data/ifbench/NOTICE.md",
      "README.md", "LICENSE", "package.json",
    ]) {
      expect(packedFiles, f).toContain(f);
    }
    expect(packedFiles.filter((f) => f.startsWith("test/") || f.startsWith("dist/test/") || f.startsWith("dist/bench/") || f.endsWith(".map"))).toEqual([]);
  });

  it("exposes the public entry points by name, and prettier formats contracts with `hindsight/prettier`", () => {
    const probe = `
      const lib = await import("hindsight");
      const rt = await import("hindsight/runtime");
      const testing = await import("hindsight/testing");
      const schema = (await import("hindsight/schema/hir.config.schema.json", { with: { type: "json" } })).default;
      console.log(JSON.stringify([typeof lib.loadProgram, typeof rt.verifySync, typeof testing.startStubJudgeServer, typeof schema.properties]));
    `;
    expect(JSON.parse(run("node", ["--input-type=module", "-e", probe], consumer))).toEqual(["function", "function", "function", "object"]);
    const checked = run("npx", ["--no-install", "prettier", "--plugin=hindsight/prettier", "--check", "contracts/summary.contract"], consumer);
    expect(checked).toContain("All matched files use Prettier code style");
  });

  it("runs the installed `hir` from its bundle, which finds the IFBench data in the package", () => {
    expect(readdirSync(join(consumer, "node_modules", "hindsight", "dist", "bundle"))).toContain("hir.js");
    writeFileSync(join(consumer, "verb.contract"), `contract Verb {\n  prompt "Answer."\n  task verb "Start with a verb." check ifbench_words_start_verb\n}\n`);
    writeFileSync(join(consumer, "response.txt"), "Write a poem about tea.\n");
    const checked = run("npx", ["--no-install", "hir", "check", "verb.contract", "response.txt", "--no-color"], consumer);
    expect(checked).toContain("is tagged VB");
  });

  it("compiles a contract with the installed `hir`, type-checks a strict program and runs it without the compile-time packages", () => {
    const compiled = run("npx", ["--no-install", "hir", "compile", "contracts"], consumer);
    expect(compiled).toContain("1 contract from 1 file");
    expect(readdirSync(join(consumer, "generated")).sort()).toEqual(["index.ts", "summary.ts"]);

    run("npx", ["--no-install", "tsc", "-p", "tsconfig.json"], consumer);

    for (const name of COMPILE_TIME_PACKAGES) rmSync(join(consumer, "node_modules", name), { recursive: true, force: true });
    expect(existsSync(join(consumer, "node_modules", "typescript"))).toBe(false);

    const out = JSON.parse(run("node", ["out/program.js"], consumer)) as Record<string, unknown>;
    expect(out).toEqual({
      failing: [],
      english: "pass",
      frenchFailing: ["title", "english"],
      hindsight: "rewrite",
      kept: ["brief", "ticket"],
      inputError: true,
    });
  });

});
