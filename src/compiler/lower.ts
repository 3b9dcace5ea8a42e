/**
 * Lowering: a checked Program becomes one CompiledContract (IR) per contract.
 *
 * Deterministic by construction: contracts in program order, constraints in
 * instruction order, object keys in schema order (built so, not re-parsed: a zod parse
 * of the recursive check expressions cost more than the rest of lowering; the golden
 * tests prove every fixture's IR is a fixed point of `CompiledContractSchema`, keys
 * in the same order), posix paths relative to `baseDir`, no timestamps. Contracts whose files (their own, or those of `use`d constraints)
 * have error diagnostics are skipped and listed in `skipped`.
 */
import { isAbsolute, relative } from "node:path";
import type * as A from "../language/ast.js";
import type { Diagnostic } from "../language/diagnostics/types.js";
import { inputValueType } from "../language/typing/table.js";
import type { ContractModel, ResolvedConstraint } from "../language/model.js";
import { normalizePath } from "../language/paths.js";
import type { Program } from "../language/program.js";
import { VERSION } from "../version.js";
import {
  IR_VERSION,
  type CompiledConstraint, type CompiledContract, type Expr, type CompiledInput, type InputType, type InputValue, type Template,
} from "./ir.js";
import { computeContentHash, sha256Hex } from "./ir-hash.js";
import { deriveClauseTemplate, templateOf } from "./lower-clause.js";
import { LoweringError, lowerExpression } from "./lower-expr.js";

export interface LowerOptions {
  /** Recorded as `compilerVersion` (default: the package version). Tests pin it so goldens survive releases. */
  readonly compilerVersion?: string;
  /** Absolute spec paths are made relative to this directory (default: the working directory). */
  readonly baseDir?: string;
}

export interface SkippedContract {
  readonly contract: string;
  readonly file: string;
  readonly reason: string;
}

export interface LowerResult {
  readonly contracts: CompiledContract[];
  /** The program's diagnostics (lowering adds none; problems it meets are in `skipped`). */
  readonly diagnostics: readonly Diagnostic[];
  /** Contracts not compiled, with the reason (errors in their files, or an internal lowering problem). */
  readonly skipped: SkippedContract[];
}

export function lowerProgram(program: Program, options: LowerOptions = {}): LowerResult {
  const errorFiles = new Set(program.diagnostics.filter((d) => d.severity === "error").map((d) => d.file));
  const contracts: CompiledContract[] = [];
  const skipped: SkippedContract[] = [];
  const rel = (p: string) => relativePosix(p, options.baseDir);
  for (const model of program.contracts) {
    const files = [...new Set([model.file, ...model.constraints.map((c) => c.file)])];
    const broken = files.filter((f) => errorFiles.has(f));
    if (broken.length > 0) {
      skipped.push({ contract: model.name, file: rel(model.file), reason: `errors in ${broken.map((f) => `\`${rel(f)}\``).join(", ")}` });
      continue;
    }
    try {
      contracts.push(lowerContract(program, model, options));
    } catch (e) {
      if (!(e instanceof LoweringError)) throw e;
      skipped.push({ contract: model.name, file: rel(model.file), reason: e.message });
    }
  }
  return { contracts, diagnostics: program.diagnostics, skipped };
}

/** Lowers one contract of a checked program (callers make sure its files have no errors). */
export function lowerContract(program: Program, model: ContractModel, options: LowerOptions = {}): CompiledContract {
  const rel = relativeTo(options.baseDir);
  const text = program.files.get(model.file)?.text;
  if (text === undefined) throw new LoweringError(`the source of \`${model.file}\` is not loaded`);
  const prerequisites = prerequisitesOf(model);
  const ownMembers = new Set<A.Member>(model.decl.members);
  const constraints = model.constraints.map((c) => lowerConstraint(program, model, c, rel, prerequisites, ownMembers));
  // Keys in `CompiledContractSchema` order, `contentHash` in its place (it is not hashed).
  const contract: CompiledContract = {
    irVersion: IR_VERSION,
    compilerVersion: options.compilerVersion ?? VERSION,
    id: model.name,
    ...(model.decl.doc !== undefined ? { doc: model.decl.doc } : {}),
    source: { file: rel(model.file), hash: sha256Hex(text) },
    contentHash: "",
    prompt: templateOf(model.prompt?.text),
    inputs: model.inputs.map((i) => lowerInput(program, i)),
    constraints,
    couples: model.couples.map((c) => [...c.members]),
    rewrite: {
      nonRemovable: constraints.filter((c) => !c.removable).map((c) => c.id),
      minKept: model.replay.minKept,
      layout: model.replay.layout,
      placement: model.replay.placement,
    },
  };
  contract.contentHash = computeContentHash(contract);
  return contract;
}

function lowerInput(program: Program, decl: A.InputDecl): CompiledInput {
  const type = inputValueType(decl);
  if (!type) throw new LoweringError(`input \`${decl.name.name}\` has an unknown type`);
  let def: InputValue | undefined;
  if (decl.default) {
    const v = program.typing.constOf(decl.default);
    if (v === undefined || (typeof v === "object" && "pattern" in v)) throw new LoweringError(`the default of \`${decl.name.name}\` is not a literal value`);
    def = typeof v === "object" ? [...v] : v;
  }
  return {
    name: decl.name.name,
    type: type as InputType,
    required: def === undefined,
    ...(def !== undefined ? { default: def } : {}),
    ...(decl.doc !== undefined ? { doc: decl.doc } : {}),
  };
}

/** Each constraint's direct prerequisites, in declaration order without repeats (one pass over `requires`). */
function prerequisitesOf(model: ContractModel): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of model.requires) {
    let set = out.get(r.from);
    if (!set) out.set(r.from, (set = new Set()));
    set.add(r.to);
  }
  return out;
}

function lowerConstraint(
  program: Program,
  model: ContractModel,
  c: ResolvedConstraint,
  rel: (p: string) => string,
  prerequisites: ReadonlyMap<string, ReadonlySet<string>>,
  ownMembers: ReadonlySet<A.Member>,
): CompiledConstraint {
  const decl = c.decl;
  const body = decl.body;
  if (!body) throw new LoweringError(`constraint \`${c.id}\` has no check or judge`);
  // Constraints from sets are typed without inputs; the contract's inputs only matter for its own.
  const inputs = c.file === model.file && ownMembers.has(decl) ? model.inputs : [];
  const pre = prerequisites.get(c.id);
  const requires = pre === undefined ? [] : Array.from(pre);
  const source = { file: rel(c.file), line: decl.range.start.line, column: decl.range.start.column };
  let kind: "hard" | "soft";
  let clause: Template | undefined;
  let check: Expr | undefined;
  if (body.kind === "Judge") {
    if (!decl.clause) throw new LoweringError(`judged constraint \`${c.id}\` has no clause`);
    kind = "soft";
    clause = templateOf(decl.clause);
  } else {
    kind = "hard";
    check = lowerExpression(body.expression, program.typing);
    clause = decl.clause ? templateOf(decl.clause) : undefined;
    if (!clause) {
      clause = deriveClauseTemplate(body.expression, program.typing, inputs);
      if (!clause) throw new LoweringError(`constraint \`${c.id}\` has no clause and none can be derived`);
    }
  }
  // Keys in `HardConstraintSchema` / `SoftConstraintSchema` order, added one by one rather
  // than spread from partial objects: every constraint then shares one hidden-class chain,
  // and nothing is copied (spreads cost more than the rest of lowering a simple constraint).
  const out: Record<string, unknown> = {
    kind, id: c.id, role: c.role, pinned: c.pinned, removable: c.removable, clause, clauseDerived: kind === "hard" && !decl.clause, requires,
  };
  if (c.fromSet !== undefined) out["fromSet"] = c.fromSet;
  if (decl.doc !== undefined) out["doc"] = decl.doc;
  out["source"] = source;
  if (body.kind === "Judge") out["judge"] = { rubric: templateOf(body.rubric) };
  else out["check"] = check;
  return out as unknown as CompiledConstraint;
}

/** `relativePosix` against `baseDir`, remembered per path: every constraint names its file. */
function relativeTo(baseDir: string | undefined): (path: string) => string {
  const seen = new Map<string, string>();
  return (path) => {
    let r = seen.get(path);
    if (r === undefined) seen.set(path, (r = relativePosix(path, baseDir)));
    return r;
  };
}

/** A posix path relative to `baseDir` for absolute paths; relative paths are normalised. */
export function relativePosix(path: string, baseDir?: string): string {
  const p = path.replace(/\\/g, "/");
  if (!isAbsolute(path) && !p.startsWith("/")) return normalizePath(p);
  return normalizePath(relative(baseDir ?? process.cwd(), path).replace(/\\/g, "/"));
}
