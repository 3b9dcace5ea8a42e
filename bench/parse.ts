/**
 * Parse-and-check throughput on a corpus the size of a real training set:
 * 17,000 contracts with 5 to 17 constraints each. Prints MB/s for the contract
 * front end (lex, parse, AST, bind, check) and, as the baseline measured in the
 * same run, JSON.parse of the same contracts written as JSON.
 *
 *   npx tsx bench/parse.ts [--contracts 17000]
 */
import { parseDocument } from "../src/language/ast-builder.js";
import { memoryHost } from "../src/language/node-host.js";
import { loadProgram } from "../src/language/program.js";
import { generateCorpus } from "./corpus.js";

const arg = process.argv.indexOf("--contracts");
const count = arg > 0 ? Number(process.argv[arg + 1]) : 17_000;
const corpus = generateCorpus(count);
const sourceBytes = corpus.reduce((n, c) => n + Buffer.byteLength(c.source), 0);
const jsonBytes = corpus.reduce((n, c) => n + Buffer.byteLength(c.json), 0);

function time(label: string, fn: () => void): number {
  fn(); // warm-up pass: JIT, chevrotain caches
  const start = process.hrtime.bigint();
  fn();
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  return s;
}

let diagnostics = 0;
const tParse = time("parse", () => {
  for (const c of corpus) diagnostics += parseDocument(c.source, `${c.name}.contract`).diagnostics.length;
});
const tCheck = time("parse+check", () => {
  for (const c of corpus) {
    const path = `${c.name}.contract`;
    diagnostics += loadProgram([path], memoryHost({ [path]: c.source })).diagnostics.filter((d) => d.severity === "error").length;
  }
});
let sink = 0;
const tJson = time("JSON.parse", () => {
  for (const c of corpus) sink += (JSON.parse(c.json) as { constraints: unknown[] }).constraints.length;
});

const mb = (b: number) => b / 1e6;
const constraints = corpus.reduce((n, c) => n + (c.source.match(/^ {2}(?:pinned )?(?:task|quality|safety) /gm)?.length ?? 0), 0);
console.log(`corpus: ${count} contracts, ${constraints} constraints, ${mb(sourceBytes).toFixed(2)} MB of contract source, ${mb(jsonBytes).toFixed(2)} MB as JSON`);
console.log(`parse only (lex+parse+AST):  ${(mb(sourceBytes) / tParse).toFixed(2)} MB/s  (${((tParse / count) * 1e6).toFixed(0)} µs/contract)`);
console.log(`parse+bind+check:            ${(mb(sourceBytes) / tCheck).toFixed(2)} MB/s  (${((tCheck / count) * 1e6).toFixed(0)} µs/contract)`);
console.log(`JSON.parse baseline:         ${(mb(jsonBytes) / tJson).toFixed(2)} MB/s`);
console.log(`ratio, parse+check vs JSON.parse (same contracts, time): ${(tCheck / tJson).toFixed(1)}x slower`);
console.log(`ratio, parse only vs JSON.parse (same contracts, time):  ${(tParse / tJson).toFixed(1)}x slower`);
if (diagnostics > 0) console.log(`note: ${diagnostics} diagnostics in the generated corpus`);
void sink;
