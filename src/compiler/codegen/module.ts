/**
 * One generated TypeScript module per spec file, printed as text (printer.ts), then
 * formatted by prettier (see format.ts).
 *
 * The API of a generated module, per contract `C` (see docs in `describeApi` below
 * and the README of the compile command):
 *
 *   export type CConstraintId = "a" | "b";            // constraint ids, instruction order
 *   export type CInputs = { readonly x: string; readonly n?: number };  // optional = has a default
 *   export type CVerdicts = { readonly a: $rt.TypedVerdict<"a", number>; ... };
 *   export type CVerification = $rt.TypedVerdicts<CConstraintId, CVerdicts>;
 *   export type CHindsight = $rt.TypedHindsightResult<CConstraintId>;
 *   export const C = {
 *     id, ir, constraintIds, judged,
 *     render(inputs, constraintIds?): string,
 *     verify(response, inputs, options?): CVerification                 // all constraints hard
 *     verify(response, inputs, { judge }): Promise<CVerification>        // some judged
 *     hindsight(verification, response, inputs[, { judge }]): CHindsight (or a Promise of it)
 *   };
 */
import type { CompiledContract, HardConstraint } from "../ir.js";
import { builtinBinding, generateChecks, type GeneratedFunction } from "./checks.js";
import { moduleHeader, type SourceRef } from "./header.js";
import { commentText, contractBinding, tsKey, tsString, tsTypeKey, tsValue } from "./literals.js";
import { constStatement, functionDeclaration, printGroups, typeAlias } from "./printer.js";
import { inputTypeTs, measuredTypeTs } from "./types.js";

export interface ModuleInput {
  readonly source: SourceRef;
  /** Other spec files the contracts read (constraint sets from imports), sorted by path. */
  readonly imports: readonly SourceRef[];
  /** The file's contracts, in declaration order. */
  readonly contracts: readonly CompiledContract[];
  /** The module specifier of the runtime (`src/runtime/compiled.ts`) as generated code writes it. */
  readonly runtimeImport: string;
}

/** The exported bindings of the module's contracts, by contract id. */
export function contractBindings(contracts: readonly CompiledContract[]): Map<string, string> {
  const names = new Set(contracts.map((c) => c.id));
  const out = new Map<string, string>();
  for (const c of contracts) {
    const b = contractBinding(c.id, new Set([...names, ...out.values()]));
    out.set(c.id, b);
  }
  return out;
}

/** The module's statements, in groups printed with a blank line between them. */
function moduleGroups(input: ModuleInput): string[][] {
  const bindings = contractBindings(input.contracts);
  const perContract = input.contracts.map((c) => {
    const binding = bindings.get(c.id) as string;
    const hard = c.constraints.filter((x): x is HardConstraint => x.kind === "hard");
    return { c, binding, checks: generateChecks(binding, hard) };
  });
  const builtins = [...new Set(perContract.flatMap((p) => p.checks.builtins))].sort();
  return [
    [moduleHeader(input.source, input.imports).join("\n")],
    [`import * as $rt from ${tsString(input.runtimeImport)};`],
    builtins.map((b, i) => constStatement({
      doc: i === 0 ? "Built-in implementations, bound once when the module loads." : undefined,
      name: builtinBinding(b),
      initializer: `$rt.builtin(${tsString(b)})`,
    })),
    ...perContract.flatMap((p) => contractGroups(p.c, p.binding, p.checks, input.source.file)),
  ];
}

function contractGroups(c: CompiledContract, C: string, checks: ReturnType<typeof generateChecks>, file: string): string[][] {
  const judged = c.constraints.some((x) => x.kind === "soft");
  const ids = c.constraints.map((x) => x.id);
  const T = {
    id: `${C}ConstraintId`,
    inputs: `${C}Inputs`,
    verdicts: `${C}Verdicts`,
    verification: `${C}Verification`,
    hindsight: `${C}Hindsight`,
  };
  const inputsOptional = c.inputs.every((i) => !i.required);
  const exportedType = (name: string, doc: string, type: string): string[] => [typeAlias({ doc, exported: true, name, type })];
  const inputMembers = c.inputs.map((i) => {
    const doc = [i.doc, i.default !== undefined ? `Default: ${tsValue(i.default)}` : undefined].filter((x): x is string => x !== undefined && x !== "").join("\n\n");
    const comment = doc ? `/** ${commentText(doc, { multiline: true }).replace(/\n/g, "\n * ")} */\n` : "";
    return `${comment}readonly ${tsTypeKey(i.name)}${i.required ? "" : "?"}: ${inputTypeTs(i)};`;
  });

  const out: string[][] = [
    exportedType(T.id, `Constraint ids of \`${c.id}\`, in instruction order.`, ids.length === 0 ? "never" : ids.map(tsString).join(" | ")),
    exportedType(T.inputs, `Inputs of \`${c.id}\`. Optional inputs have a default.`,
      c.inputs.length === 0 ? "Readonly<Record<string, never>>" : `{\n${inputMembers.join("\n")}\n}`),
    exportedType(T.verdicts, `The verdict of each constraint of \`${c.id}\`, with the type of its measured quantity.`,
      ids.length === 0 ? "Readonly<Record<string, never>>"
        : `{\n${c.constraints.map((x) => `readonly ${tsTypeKey(x.id)}: $rt.TypedVerdict<${tsString(x.id)}, ${measuredTypeTs(x)}>;`).join("\n")}\n}`),
    exportedType(T.verification, `What \`${C}.verify\` returns.`, `$rt.TypedVerdicts<${T.id}, ${T.verdicts}>`),
    exportedType(T.hindsight, `What \`${C}.hindsight\` returns.`, `$rt.TypedHindsightResult<${T.id}>`),
    [constStatement({
      doc: `The compiled IR of \`${c.id}\` (src/compiler/ir.ts), deep-frozen.`,
      name: `${C}$ir`,
      type: "$rt.CompiledContract",
      initializer: `$rt.freeze<$rt.CompiledContract>(${tsValue(c)})`,
    })],
    checks.constants.map((k) => constStatement({ name: k.name, initializer: k.initializer })),
  ];
  // All the functions in one piece, a blank line between them as between groups.
  const functions = [...checks.slots, ...checks.checks];
  if (functions.length > 0) out.push([functions.map(checkFunction).join("\n\n")]);
  out.push([constStatement({
    doc: `The generated check of each hard constraint of \`${c.id}\`.`,
    name: `${C}$checks`,
    type: "$rt.HardChecks",
    initializer: checks.checks.length === 0 ? "{}" : `{ ${checks.checks.map((f) => `${tsKey(f.id)}: ${f.name}`).join(", ")} }`,
  })]);

  const inputsParam = `inputs: ${T.inputs}${inputsOptional ? " = {}" : ""}`;
  const verifyAndHindsight = judged
    ? [
        `verify(response: string, inputs: ${T.inputs}, options: $rt.JudgedVerifyOptions): Promise<${T.verification}> {`,
        `  return $rt.verify<${T.verification}>(${C}$ir, ${C}$checks, response, inputs, options);`,
        "},",
        "/** Hindsight replay: the instruction the response satisfies (re-verified), or a refusal with its reason. */",
        `hindsight(verification: $rt.Verdicts, response: string, inputs: ${T.inputs}, options: $rt.JudgedHindsightOptions): Promise<${T.hindsight}> {`,
        `  return $rt.hindsight<${T.id}>(${C}$ir, ${C}$checks, verification, response, inputs, options);`,
        "},",
      ]
    : [
        `verify(response: string, ${inputsParam}, options: $rt.HardVerifyOptions = {}): ${T.verification} {`,
        `  return $rt.verifySync<${T.verification}>(${C}$ir, ${C}$checks, response, inputs, options);`,
        "},",
        "/** Hindsight replay: the instruction the response satisfies (re-verified), or a refusal with its reason. */",
        `hindsight(verification: $rt.Verdicts, response: string, ${inputsParam}): ${T.hindsight} {`,
        `  return $rt.hindsightSync<${T.id}>(${C}$ir, ${C}$checks, verification, response, inputs);`,
        "},",
      ];
  const moduleType = judged ? "JudgedContractModule" : "HardContractModule";
  const contractDoc = [
    c.doc,
    `Contract \`${c.id}\` from ${file}. ${judged
      ? "Some constraints are judged: `verify` and `hindsight` are async and need a judge."
      : "Every constraint is checked by code: `verify` and `hindsight` are synchronous."}`,
  ].filter((x): x is string => x !== undefined && x !== "").join("\n\n");
  const body = [
    "{",
    `id: ${tsString(c.id)},`,
    `ir: ${C}$ir,`,
    `constraintIds: [${ids.map(tsString).join(", ")}],`,
    `judged: ${judged},`,
    "/** The instruction: the prompt plus the clauses of `constraintIds` (default: all). Throws InputError for invalid inputs. */",
    `render(${inputsParam}, constraintIds?: readonly ${T.id}[]): string {`,
    `  return $rt.render(${C}$ir, inputs, constraintIds);`,
    "},",
    "/** Verifies a response: one verdict per constraint, with evidence; invalid inputs make every verdict unknown. */",
    ...verifyAndHindsight,
    `} as const satisfies $rt.${moduleType}<${T.id}, ${T.inputs}, ${T.verification}>`,
  ].join("\n");
  out.push([constStatement({ doc: contractDoc, exported: true, name: C, initializer: body })]);
  return out;
}

function checkFunction(f: GeneratedFunction): string {
  return functionDeclaration({ doc: f.doc, name: f.name, parameters: "e: $rt.CheckEnv", returnType: "$rt.Node", statements: f.statements });
}

/** The unformatted text of the module (prettier formats it, see format.ts). */
export function generateModuleText(input: ModuleInput): string {
  return printGroups(moduleGroups(input));
}
