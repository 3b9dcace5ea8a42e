/** `hir builtins [name]`: the built-in measures, selectors and predicates checks can use. */
import type { Command } from "commander";
import { BUILTINS, getBuiltin } from "../../language/builtins/registry.js";
import { signature } from "../../language/typing/expression-typer.js";
import { didYouMean } from "../../language/suggest.js";
import { EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";

export function builtinsCommand(io: CliIO, name: string | undefined, json: boolean): number {
  if (name) {
    const b = getBuiltin(name);
    if (!b) {
      const guess = didYouMean(name, BUILTINS.map((x) => x.name));
      io.stderr(`hir builtins: no built-in "${name}"${guess ? `; did you mean "${guess}"?` : ""}\n`);
      return EXIT_USAGE;
    }
    io.stdout(`${signature(b).replace(/^Signature: /, "").replace(/\.$/, "")}\n\n${b.doc}\n\nExample: ${b.example}\n`);
    for (const p of b.params) io.stdout(`  ${p.name}: ${p.type}${p.default !== undefined ? ` = ${JSON.stringify(p.default)}` : ""}  ${p.doc}\n`);
    for (const x of b.samples ?? []) io.stdout(`  ${x.passes ? "passes" : "fails "} on ${JSON.stringify(x.response)}\n`);
    if (b.general) io.stdout(`\nGeneral form: ${b.general.check.replace(/^check /, "")}\n  ${b.general.differences}\n`);
    return EXIT_OK;
  }
  if (json) {
    io.stdout(`${JSON.stringify(BUILTINS.map((b) => ({ name: b.name, kind: b.kind, group: b.group, result: b.result, params: b.params.map((p) => ({ name: p.name, type: p.type, default: p.default, doc: p.doc })), doc: b.doc, example: b.example, ...(b.samples ? { samples: b.samples } : {}), ...(b.general ? { general: b.general } : {}) })), null, 2)}\n`);
    return EXIT_OK;
  }
  const width = Math.max(...BUILTINS.map((b) => b.name.length));
  for (const b of BUILTINS) io.stdout(`${b.name.padEnd(width)}  ${b.kind.padEnd(9)} ${b.doc}\n`);
  return EXIT_OK;
}

export function registerBuiltinsCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("builtins")
    .description("list the built-in measures, selectors and predicates")
    .argument("[name]", "show one built-in in detail")
    .option("--json", "machine-readable list")
    .action((name: string | undefined, o: { json?: boolean }) => setExit(builtinsCommand(io, name, Boolean(o.json))));
}
