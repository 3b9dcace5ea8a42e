/**
 * Issue 8's language and verifier reproductions (hostile regex arguments, huge files,
 * deep nesting, long closures, reserved names, comments in odd places, a BOM), each
 * run in-process through every CLI command that reads it, timed, with its exit code
 * and the diagnostic codes it printed. Prints figures only; the regression tests
 * assert the outcomes (docs/security.md lists them).
 *
 *   npx tsx bench/hardening-lang.ts            (all reproductions)
 *   npx tsx bench/hardening-lang.ts chain      (those whose name contains "chain")
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryIO } from "../src/cli/io.js";
import { run } from "../src/cli/main.js";

const root = mkdtempSync(join(tmpdir(), "hir-bench-hard-lang-"));
writeFileSync(join(root, "package.json"), "{}");
const filter = process.argv[2] ?? "";

interface Repro {
  readonly name: string;
  readonly spec: string;
  readonly response?: string;
  /** Commands that read the spec; each gets the file (and the response where it takes one). */
  readonly commands?: readonly string[];
}

const ALL = ["lint", "fmt --check", "ir", "compile", "check", "hindsight"] as const;

function contract(body: string, name = "C"): string {
  return `contract ${name} {\n  prompt "Answer."\n${body}}\n`;
}

/** t1 requires t0, t2 requires t1, ... (bench/closures.ts times the same shapes with sizes written). */
function chain(n: number): string {
  const tasks = Array.from({ length: n }, (_, i) => `  task t${i} "Step ${i}." check words >= 1`);
  const req = Array.from({ length: n - 1 }, (_, i) => `  t${i + 1} requires t${i}`);
  return contract(`${tasks.join("\n")}\n${req.join("\n")}\n`);
}

/** t0 requires t1, t1 requires t2, ...: verification's gating walk goes n deep. */
function reverseChain(n: number): string {
  const tasks = Array.from({ length: n }, (_, i) => `  task t${i} "Step ${i}." check words >= 1`);
  const req = Array.from({ length: n - 1 }, (_, i) => `  t${i} requires t${i + 1}`);
  return contract(`${tasks.join("\n")}\n${req.join("\n")}\n`);
}

function coupled(n: number): string {
  const tasks = Array.from({ length: n }, (_, i) => `  task t${i} "Part ${i}." check words >= 1`);
  return contract(`${tasks.join("\n")}\n  couple ${Array.from({ length: n }, (_, i) => `t${i}`).join(", ")}\n`);
}

const repros: Repro[] = [
  {
    name: "1 ifeval_keywords_existence((a+)+$) vs 'a'*30+'!'",
    spec: contract('  task kw "K." check ifeval_keywords_existence(keywords: ["(a+)+$"])\n'),
    response: `${"a".repeat(30)}!`,
  },
  {
    name: "1 postscript, forbidden words, sections with catastrophic patterns",
    spec: contract(
      '  task fw "F." check ifeval_keywords_forbidden_words(forbidden_words: ["(a|aa)+b"])\n' +
        '  task ps "P." check ifeval_detectable_content_postscript(postscript_marker: "(a+)+$")\n' +
        '  task sec "S." check ifeval_detectable_format_multiple_sections(section_spliter: "(SECTION)+", num_sections: 2)\n',
    ),
    response: `${"a".repeat(5000)}!`,
  },
  { name: "4 a 24 KB misspelled file (did-you-mean distance)", spec: contract(`  task t "x" check wrods >= ${"9".repeat(24_000)}\n`) },
  { name: "5 2,000 `and` terms", spec: contract(`  task t "x" check ${Array.from({ length: 2000 }, () => "words >= 1").join(" and ")}\n`) },
  { name: "5 2,000 `+` terms", spec: contract(`  task t "x" check words >= ${Array.from({ length: 2000 }, () => "1").join(" + ")}\n`) },
  { name: "5 2,000 chained .first_line", spec: contract(`  input s: text\n  task t "x" check s${".first_line".repeat(2000)} == ""\n`) },
  { name: '5 a 130,000-char line in a """ string', spec: contract(`  task t """\n    ${"x".repeat(130_000)}\n  """ check words >= 1\n`) },
  { name: "5 170 nested parentheses", spec: contract(`  task t "x" check ${"(".repeat(170)}words >= 1${")".repeat(170)}\n`) },
  { name: "5 5,000 stacked `not`", spec: contract(`  task t "x" check ${"not ".repeat(5000)}words >= 1\n`) },
  { name: "5 a 10 MB string", spec: contract(`  task t "${"y".repeat(10_000_000)}" check words >= 1\n`), commands: ["lint", "fmt --check", "ir", "check"] },
  { name: "6 couple t0, ..., t999", spec: coupled(1000), response: "one two three" },
  { name: "6 a 12,000-long requires chain", spec: chain(12_000), response: "one two three" },
  { name: "6 a 12,000-long requires chain in reverse order", spec: reverseChain(12_000), response: "one two three", commands: ["check", "hindsight"] },
  {
    name: "10 reserved names (__proto__, toString, constructor)",
    spec:
      'contract __proto__ {\n  prompt "p"\n  input toString: text\n  task constructor "x" check words >= 1\n  task hasOwnProperty "y" check toString == "a"\n  hasOwnProperty requires constructor\n}\n',
    response: "hello",
  },
  {
    name: "11 comments between a built-in and `(`, and a contract's name and `{`",
    spec: 'contract C /* a */ // b\n{\n  prompt "p"\n  task t "x" check ends_with /* c */ ("done")\n}\n',
    response: "all done",
  },
  { name: "12 a response starting with a BOM", spec: contract('  task t "x" check first_line starts_with "Hello"\n'), response: "\ufeffHello\nworld" },
];

async function cli(args: string[]): Promise<string> {
  const io = memoryIO({ cwd: root, env: { NO_COLOR: "1" } });
  const code = await run(args, io);
  const codes = [...new Set((io.out + io.err).match(/HIR\d{4}/g) ?? [])].slice(0, 4).join(",");
  const internal = /internal error|RangeError|Maximum call stack/i.test(io.err) ? " INTERNAL" : "";
  return `exit ${code}${codes ? ` ${codes}` : ""}${internal}`;
}

let slowest = 0;
let k = 0;
for (const r of repros) {
  if (!r.name.includes(filter)) continue;
  k++;
  const spec = join(root, `r${k}.contract`);
  const response = join(root, `r${k}.txt`);
  writeFileSync(spec, r.spec);
  writeFileSync(response, r.response ?? "A short answer.");
  console.log(`${r.name}  (${(r.spec.length / 1024).toFixed(0)} KB)`);
  for (const command of r.commands ?? ALL) {
    const args = [...command.split(" ")];
    if (command === "compile") args.push("--out", join(root, `gen${k}`));
    args.push(spec);
    if (command === "check" || command === "hindsight") args.push(response);
    const t0 = performance.now();
    const outcome = await cli(args);
    const ms = performance.now() - t0;
    slowest = Math.max(slowest, ms);
    console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${command.padEnd(12)} ${outcome}`);
  }
}
console.log(`slowest: ${slowest.toFixed(0)} ms`);
