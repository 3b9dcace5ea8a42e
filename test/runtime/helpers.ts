/** Compile contracts from in-memory sources and run built-ins directly, for runtime tests. */
import type { CompiledContract } from "../../src/compiler/ir.js";
import { lowerProgram } from "../../src/compiler/lower.js";
import { getBuiltin } from "../../src/language/builtins/registry.js";
import { BUILTIN_IMPLS, type RuntimeValue } from "../../src/runtime/builtins/index.js";
import { memoryHost } from "../../src/language/node-host.js";
import { loadProgram } from "../../src/language/program.js";

/** Compiles `files[entry]` (and what it imports); throws on error diagnostics. Pins compilerVersion for stable output. */
export function compileAll(files: Readonly<Record<string, string>>, entry = Object.keys(files)[0] as string): CompiledContract[] {
  const program = loadProgram([entry], memoryHost(files));
  const errors = program.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.file}:${d.range.start.line}: ${d.message}`).join("\n"));
  const r = lowerProgram(program, { compilerVersion: "test" });
  if (r.skipped.length > 0) throw new Error(r.skipped.map((s) => `${s.contract}: ${s.reason}`).join("\n"));
  return r.contracts;
}

export function compileOne(source: string, name?: string): CompiledContract {
  const all = compileAll({ "t.contract": source });
  const c = name ? all.find((x) => x.id === name) : all[0];
  if (!c) throw new Error(`no contract ${name ?? ""}`);
  return c;
}

/** The valid example from the brief. */
export const COMPLIANCE = `
constraints NoGuarantees {
  safety no_guarantees "Never promise guaranteed outcomes or zero risk."
    check not contains_any(["guaranteed", "risk-free", "100% compliant"], whole_words: true, ignore_case: true)
}
contract ComplianceSummary {
  input policy_change: text
  input max_words: int = 150
  prompt """
    Write a concise compliance summary of this policy change:
    {{policy_change}}
  """
  task three_bullets "Use exactly three bullet points." check bullets == 3
  task two_risks "Mention two risks." judge "The response names at least two distinct, concrete risks."
  task recommendation "End with a recommendation." check last_paragraph starts_with "Recommendation:"
  quality concise "Keep it under {{max_words}} words." check words <= max_words
  quality tone "Keep a neutral, professional tone." judge "The tone is neutral and professional."
  pinned task cite "Cite the policy id." check contains("POL-")
  use no_guarantees
  recommendation requires three_bullets
  couple two_risks, three_bullets
  replay { min_kept 2  layout numbered }
}
`;

/** Runs built-in `name` on `subject` with `args` plus the registry's parameter defaults. */
export function runBuiltin(name: string, subject: string, args: Record<string, RuntimeValue> = {}, instruction = "") {
  const spec = getBuiltin(name);
  const impl = BUILTIN_IMPLS[name];
  if (!spec || !impl) throw new Error(`no built-in ${name}`);
  const full: Record<string, RuntimeValue> = {};
  for (const p of spec.params) {
    const v = args[p.name] ?? (p.default as RuntimeValue | undefined);
    if (v !== undefined) full[p.name] = v;
  }
  return impl.evaluate(subject, full, { instruction });
}
