/**
 * One generated TypeScript module per spec file, built as ts-morph structures and
 * printed once (then formatted by prettier, see format.ts).
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
import {
  Project, StructureKind, VariableDeclarationKind,
  type JSDocStructure, type OptionalKind, type StatementStructures, type WriterFunction,
} from "ts-morph";
import type { CompiledContract, HardConstraint } from "../ir.js";
import { builtinBinding, generateChecks, type GeneratedFunction } from "./checks.js";
import { moduleHeader, type SourceRef } from "./header.js";
import { commentText, contractBinding, tsKey, tsString, tsTypeKey, tsValue } from "./literals.js";
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

let project: Project | undefined;

function sharedProject(): Project {
  project ??= new Project({ useInMemoryFileSystem: true, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  return project;
}

export type Statement = string | WriterFunction | StatementStructures;

/**
 * Opaque leaves for ts-morph. ts-morph's CodeBlockWriter tracks string and comment
 * state in the text it writes (to indent and to close comments), and escaped quotes
 * or `/*` inside user strings can derail it. So ts-morph only ever sees the
 * skeleton (declarations, names, parameters, doc blocks) with placeholders
 * `__HIR_HOLD_<n>__` as leaves; the leaves' text (already escaped by tsString,
 * tsValue or commentText) is substituted after printing, in one pass, so
 * substituted text is never rescanned.
 */
export class Holder {
  private readonly values: string[] = [];

  /** A placeholder for code text. */
  hold(text: string): string {
    this.values.push(text);
    return `__HIR_HOLD_${this.values.length - 1}__`;
  }

  /** The description of a JSDoc block: one placeholder per line (each line sanitized; empty lines stay empty). */
  doc(text: string): string {
    return text.split("\n").map((line) => (line === "" ? "" : this.hold(commentText(line)))).join("\n");
  }

  docs(text: string | undefined): OptionalKind<JSDocStructure>[] | undefined {
    return text === undefined || text === "" ? undefined : [{ description: this.doc(text) }];
  }

  restore(printed: string): string {
    return printed.replace(/__HIR_HOLD_(\d+)__/g, (_, n: string) => this.values[Number(n)] as string);
  }
}

/** Groups of statements, printed with a blank line between groups. */
export function grouped(groups: readonly (readonly Statement[])[]): Statement[] {
  const out: Statement[] = [];
  for (const g of groups) {
    if (g.length === 0) continue;
    if (out.length > 0) out.push((w) => w.blankLineIfLastNot());
    out.push(...g);
  }
  return out;
}

/** The part of ts-morph's internal context `createSourceFile` prints structures with. */
interface StructurePrinting {
  readonly _context?: {
    readonly createWriter?: () => { toString(): string };
    readonly structurePrinterFactory?: {
      forSourceFile?: (options: { isAmbient: boolean }) => { printText(writer: unknown, structure: { statements: Statement[] }): void };
    };
  };
}

/**
 * The text `createSourceFile` would give for these statements, printed the same way
 * (the same writer and source-file printer) but without parsing the text into a
 * TypeScript AST, which took most of the printing time of a 10 MB module. Undefined
 * when this ts-morph does not expose that printer (then the public path is used).
 */
function printDirectly(p: Project, statements: Statement[]): string | undefined {
  const context = (p as unknown as StructurePrinting)._context;
  const printer = context?.structurePrinterFactory?.forSourceFile?.({ isAmbient: false });
  if (!context?.createWriter || !printer) return undefined;
  const writer = context.createWriter();
  printer.printText(writer, { statements });
  return writer.toString();
}

/** Prints statement structures with ts-morph, then substitutes the held leaves (unformatted TypeScript). */
export function printStatements(statements: readonly Statement[], holder: Holder): string {
  const p = sharedProject();
  const direct = printDirectly(p, [...statements]);
  if (direct !== undefined) return holder.restore(direct);
  const sf = p.createSourceFile("/generated.ts", { statements: [...statements] }, { overwrite: true });
  const text = sf.getFullText();
  p.removeSourceFile(sf);
  return holder.restore(text);
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

/** The module's statements as ts-morph structures (leaves held in `h`). */
export function moduleStructures(input: ModuleInput, h: Holder): Statement[] {
  const bindings = contractBindings(input.contracts);
  const perContract = input.contracts.map((c) => {
    const binding = bindings.get(c.id) as string;
    const hard = c.constraints.filter((x): x is HardConstraint => x.kind === "hard");
    return { c, binding, checks: generateChecks(binding, hard) };
  });
  const builtins = [...new Set(perContract.flatMap((p) => p.checks.builtins))].sort();
  return grouped([
    [h.hold(moduleHeader(input.source, input.imports).join("\n"))],
    [h.hold(`import * as $rt from ${tsString(input.runtimeImport)};`)],
    builtins.map((b, i): Statement => ({
      kind: StructureKind.VariableStatement,
      ...(i === 0 ? { docs: h.docs("Built-in implementations, bound once when the module loads.") } : {}),
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: builtinBinding(b), initializer: h.hold(`$rt.builtin(${tsString(b)})`) }],
    })),
    ...perContract.flatMap((p) => contractStatements(p.c, p.binding, p.checks, input.source.file, h)),
  ]);
}

function contractStatements(c: CompiledContract, C: string, checks: ReturnType<typeof generateChecks>, file: string, h: Holder): Statement[][] {
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
  const typeAlias = (name: string, doc: string, type: string): Statement[] => [{
    kind: StructureKind.TypeAlias, isExported: true, name, docs: h.docs(doc), type: h.hold(type),
  }];
  const inputMembers = c.inputs.map((i) => {
    const doc = [i.doc, i.default !== undefined ? `Default: ${tsValue(i.default)}` : undefined].filter((x): x is string => x !== undefined && x !== "").join("\n\n");
    const comment = doc ? `/** ${commentText(doc, { multiline: true }).replace(/\n/g, "\n * ")} */\n` : "";
    return `${comment}readonly ${tsTypeKey(i.name)}${i.required ? "" : "?"}: ${inputTypeTs(i)};`;
  });

  const out: Statement[][] = [
    typeAlias(T.id, `Constraint ids of \`${c.id}\`, in instruction order.`, ids.length === 0 ? "never" : ids.map(tsString).join(" | ")),
    typeAlias(T.inputs, `Inputs of \`${c.id}\`. Optional inputs have a default.`,
      c.inputs.length === 0 ? "Readonly<Record<string, never>>" : `{\n${inputMembers.join("\n")}\n}`),
    typeAlias(T.verdicts, `The verdict of each constraint of \`${c.id}\`, with the type of its measured quantity.`,
      ids.length === 0 ? "Readonly<Record<string, never>>"
        : `{\n${c.constraints.map((x) => `readonly ${tsTypeKey(x.id)}: $rt.TypedVerdict<${tsString(x.id)}, ${measuredTypeTs(x)}>;`).join("\n")}\n}`),
    typeAlias(T.verification, `What \`${C}.verify\` returns.`, `$rt.TypedVerdicts<${T.id}, ${T.verdicts}>`),
    typeAlias(T.hindsight, `What \`${C}.hindsight\` returns.`, `$rt.TypedHindsightResult<${T.id}>`),
    [{
      kind: StructureKind.VariableStatement,
      docs: h.docs(`The compiled IR of \`${c.id}\` (src/compiler/ir.ts), deep-frozen.`),
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: `${C}$ir`, type: "$rt.CompiledContract", initializer: h.hold(`$rt.freeze<$rt.CompiledContract>(${tsValue(c)})`) }],
    }],
    checks.constants.map((k): Statement => ({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: k.name, initializer: h.hold(k.initializer) }],
    })),
  ];
  // One leaf for all the functions: ts-morph would separate them by a blank line, as joined here.
  const functions = [...checks.slots, ...checks.checks];
  if (functions.length > 0) out.push([h.hold(functions.map(checkFunctionText).join("\n\n"))]);
  out.push([{
    kind: StructureKind.VariableStatement,
    docs: h.docs(`The generated check of each hard constraint of \`${c.id}\`.`),
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{
      name: `${C}$checks`,
      type: "$rt.HardChecks",
      initializer: h.hold(checks.checks.length === 0 ? "{}" : `{ ${checks.checks.map((f) => `${tsKey(f.id)}: ${f.name}`).join(", ")} }`),
    }],
  }]);

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
  out.push([{
    kind: StructureKind.VariableStatement,
    isExported: true,
    docs: h.docs(contractDoc),
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: C, initializer: h.hold(body) }],
  }]);
  return out;
}

/** A check function's structure for ts-morph, its leaves held in `h`. */
function checkFunctionStructure(f: GeneratedFunction, h: Holder): Statement {
  return {
    kind: StructureKind.Function,
    name: h.hold(f.name),
    docs: h.docs(f.doc),
    parameters: [{ name: "e", type: "$rt.CheckEnv" }],
    returnType: "$rt.Node",
    statements: f.statements.map((x) => h.hold(x)),
  };
}

/**
 * ts-morph's text of each shape of check function (which doc lines are empty, how many
 * statements), its leaves left as slots `__HIR_SLOT_<n>__`. A contract has one check
 * function per hard constraint but few shapes, and printing every function through
 * ts-morph's writer cost more than the rest of code generation.
 */
const functionTemplates = new Map<string, FunctionTemplate>();

/** A template split at its slots: `text[0] leaf[slot[0]] text[1] ... text[n]`. */
interface FunctionTemplate {
  readonly text: readonly string[];
  readonly slot: readonly number[];
}

function functionTemplate(f: GeneratedFunction): FunctionTemplate {
  const docLines = f.doc === undefined || f.doc === "" ? undefined : f.doc.split("\n");
  const shape = `${f.statements.length}:${docLines?.map((l) => (l === "" ? "0" : "1")).join("") ?? "-"}`;
  let template = functionTemplates.get(shape);
  if (template === undefined) {
    let n = 0;
    const slot = () => `__HIR_SLOT_${n++}__`;
    const slotted: GeneratedFunction = {
      name: slot(),
      ...(docLines !== undefined ? { doc: docLines.map((l) => (l === "" ? "" : slot())).join("\n") } : {}),
      statements: f.statements.map(slot),
    };
    // The slots survive the holder (commentText leaves them alone); the writer's leading and trailing blank lines go.
    const holder = new Holder();
    const printed = printStatements([checkFunctionStructure(slotted, holder)], holder).replace(/^\n+/, "").replace(/\s+$/, "");
    const pieces = printed.split(/__HIR_SLOT_(\d+)__/);
    template = { text: pieces.filter((_, i) => i % 2 === 0), slot: pieces.filter((_, i) => i % 2 === 1).map(Number) };
    functionTemplates.set(shape, template);
  }
  return template;
}

/** The text ts-morph prints for a check function (docs, signature, body), its leaves substituted. */
function checkFunctionText(f: GeneratedFunction): string {
  const docLeaves = f.doc === undefined || f.doc === "" ? [] : f.doc.split("\n").filter((l) => l !== "").map((l) => commentText(l));
  const leaves = [f.name, ...docLeaves, ...f.statements];
  const { text, slot } = functionTemplate(f);
  let out = text[0] as string;
  for (let i = 0; i < slot.length; i++) out += (leaves[slot[i] as number] as string) + (text[i + 1] as string);
  return out;
}

/** The unformatted text of the module (ts-morph output with the held leaves substituted). */
export function generateModuleText(input: ModuleInput): string {
  const h = new Holder();
  return printStatements(moduleStructures(input, h), h);
}
