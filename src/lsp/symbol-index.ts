/**
 * Every named thing in a program and every place it is written: the one table behind
 * hover, go to definition, find references, rename and semantic tokens. Names resolve the
 * way the binder and checker resolve them (contract models, `use`, the typing table), so
 * the editor never disagrees with `hir lint` about what a name means.
 */
import type * as A from "../language/ast.js";
import { getBuiltin, type BuiltinSpec } from "../language/builtins/registry.js";
import { walkExpression } from "../language/checks/context.js";
import type { Range } from "../language/diagnostics/types.js";
import type { ContractModel, ConstraintSetModel } from "../language/model.js";
import { resolveImport, type Program } from "../language/program.js";

export type SymbolKind = "constraint" | "input" | "contract" | "set" | "builtin" | "import";

export interface Occurrence {
  readonly kind: SymbolKind;
  readonly file: string;
  /** The name's range (for an import, the path string's). */
  readonly range: Range;
  readonly name: string;
  /** Identity of the symbol: equal keys, same symbol. Unresolved names have none. */
  readonly key?: string;
  readonly definition: boolean;
  readonly constraint?: { readonly decl: A.ConstraintDecl; readonly file: string; readonly owner: string };
  readonly input?: { readonly decl: A.InputDecl; readonly file: string; readonly contract: string };
  readonly builtin?: BuiltinSpec;
  /** For an import: the imported file. For a set: its declaration. */
  readonly target?: string;
  readonly contract?: ContractModel;
  readonly set?: ConstraintSetModel;
}

export class SymbolIndex {
  private readonly byFile = new Map<string, Occurrence[]>();

  constructor(readonly program: Program) {
    for (const [file, sf] of program.files) this.byFile.set(file, new FileIndexer(program, file, sf).run());
  }

  inFile(file: string): readonly Occurrence[] {
    return this.byFile.get(file) ?? [];
  }

  /** The occurrence under an offset (end inclusive, so a cursor right after a name finds it). */
  at(file: string, offset: number): Occurrence | undefined {
    let best: Occurrence | undefined;
    for (const o of this.inFile(file)) {
      if (o.range.start.offset <= offset && offset <= o.range.end.offset) {
        if (!best || o.range.end.offset - o.range.start.offset < best.range.end.offset - best.range.start.offset) best = o;
      }
    }
    return best;
  }

  /** All occurrences of a symbol, definition included, in file then position order. */
  occurrencesOf(key: string): Occurrence[] {
    const out: Occurrence[] = [];
    for (const list of this.byFile.values()) for (const o of list) if (o.key === key) out.push(o);
    return out;
  }

  definitionOf(key: string): Occurrence | undefined {
    for (const list of this.byFile.values()) for (const o of list) if (o.key === key && o.definition) return o;
    return undefined;
  }
}

export function constraintKey(file: string, decl: A.ConstraintDecl): string {
  return `constraint:${file}:${decl.id.range.start.offset}`;
}

export function inputKey(file: string, decl: A.InputDecl): string {
  return `input:${file}:${decl.name.range.start.offset}`;
}

function setKey(s: ConstraintSetModel): string {
  return `set:${s.file}:${s.decl.name.range.start.offset}`;
}

class FileIndexer {
  private readonly out: Occurrence[] = [];
  constructor(
    private readonly program: Program,
    private readonly file: string,
    private readonly sf: A.SourceFile,
  ) {}

  run(): Occurrence[] {
    for (const d of this.sf.declarations) {
      if (d.kind === "Import") {
        const target = resolveImport(this.file, d.path.value);
        this.add({ kind: "import", range: d.path.range, name: d.path.value, key: `file:${target}`, definition: false, target });
      } else if (d.kind === "Contract") {
        const model = this.program.contracts.find((c) => c.decl === d);
        if (model) this.contract(model);
      } else {
        const model = this.program.sets.find((s) => s.decl === d);
        if (model) this.set(model);
      }
    }
    return this.out.sort((a, b) => a.range.start.offset - b.range.start.offset);
  }

  private add(o: Omit<Occurrence, "file">): void {
    this.out.push({ ...o, file: this.file });
  }

  private contract(c: ContractModel): void {
    this.add({ kind: "contract", range: c.decl.name.range, name: c.name, key: `contract:${c.file}:${c.decl.name.range.start.offset}`, definition: true, contract: c });
    const inputs = new Map(c.inputs.map((i) => [i.name.name, i]));
    const inputOcc = (name: string, range: Range, definition: boolean): void => {
      const decl = inputs.get(name);
      this.add({ kind: "input", range, name, definition, ...(decl ? { key: inputKey(c.file, decl), input: { decl, file: c.file, contract: c.name } } : {}) });
    };
    const constraint = (id: A.Identifier): void => {
      const r = c.constraints.find((x) => x.id === id.name);
      this.constraintOcc(id, r ? { decl: r.decl, file: r.file, owner: r.fromSet ?? c.name } : undefined, false);
    };
    for (const m of c.decl.members) {
      switch (m.kind) {
        case "Input":
          inputOcc(m.name.name, m.name.range, true);
          if (m.default) this.expression(m.default, inputOcc);
          break;
        case "Prompt":
          this.interpolations(m.text, inputOcc);
          break;
        case "Constraint":
          this.constraintOcc(m.id, { decl: m, file: this.file, owner: c.name }, true);
          this.constraintBody(m, inputOcc);
          break;
        case "Use":
          for (const q of m.names) this.use(q);
          break;
        case "Requires":
          constraint(m.subject);
          m.targets.forEach(constraint);
          break;
        case "Couple":
          m.members.forEach(constraint);
          break;
        default:
          break;
      }
    }
  }

  private set(s: ConstraintSetModel): void {
    this.add({ kind: "set", range: s.decl.name.range, name: s.name, key: setKey(s), definition: true, set: s });
    const noInputs = (name: string, range: Range): void => this.add({ kind: "input", range, name, definition: false });
    const constraint = (id: A.Identifier): void => this.constraintOcc(id, this.findInSets(id.name, s), false);
    for (const m of s.decl.members) {
      if (m.kind === "Constraint") {
        this.constraintOcc(m.id, { decl: m, file: this.file, owner: s.name }, true);
        this.constraintBody(m, noInputs);
      } else if (m.kind === "Use") {
        for (const q of m.names) this.use(q, s.name);
      } else if (m.kind === "Requires") {
        constraint(m.subject);
        m.targets.forEach(constraint);
      } else if (m.kind === "Couple") {
        m.members.forEach(constraint);
      }
    }
  }

  private constraintOcc(id: A.Identifier, target: Occurrence["constraint"], definition: boolean): void {
    this.add({ kind: "constraint", range: id.range, name: id.name, definition, ...(target ? { key: constraintKey(target.file, target.decl), constraint: target } : {}) });
  }

  private constraintBody(m: A.ConstraintDecl, inputOcc: (name: string, range: Range, definition: boolean) => void): void {
    if (m.clause) this.interpolations(m.clause, inputOcc);
    if (m.body?.kind === "Check") this.expression(m.body.expression, inputOcc);
    else if (m.body?.kind === "Judge") this.interpolations(m.body.rubric, inputOcc);
  }

  /** `use Set`, `use Set.name` or `use name`, resolved among the sets this file can see. */
  private use(q: A.QualifiedName, ownerSet?: string): void {
    const visible = this.visibleSets().filter((s) => s.name !== ownerSet);
    if (q.qualifier) {
      const set = visible.find((s) => s.name === q.qualifier?.name);
      this.add({ kind: "set", range: q.qualifier.range, name: q.qualifier.name, definition: false, ...(set ? { key: setKey(set), set } : {}) });
      const decl = set?.decl.members.find((m): m is A.ConstraintDecl => m.kind === "Constraint" && m.id.name === q.name.name);
      this.constraintOcc(q.name, decl && set ? { decl, file: set.file, owner: set.name } : undefined, false);
      return;
    }
    const set = visible.find((s) => s.name === q.name.name);
    if (set) {
      this.add({ kind: "set", range: q.name.range, name: q.name.name, key: setKey(set), definition: false, set });
      return;
    }
    this.constraintOcc(q.name, this.findInSets(q.name.name, undefined, visible), false);
  }

  private findInSets(name: string, own?: ConstraintSetModel, visible = this.visibleSets()): Occurrence["constraint"] {
    for (const s of own ? [own, ...visible.filter((v) => v !== own)] : visible) {
      const decl = s.decl.members.find((m): m is A.ConstraintDecl => m.kind === "Constraint" && m.id.name === name);
      if (decl) return { decl, file: s.file, owner: s.name };
    }
    return undefined;
  }

  private visibleSets(): ConstraintSetModel[] {
    const files = new Set([this.file, ...(this.program.imports.get(this.file) ?? [])]);
    return this.program.sets.filter((s) => files.has(s.file));
  }

  private expression(e: A.Expression, inputOcc: (name: string, range: Range, definition: boolean) => void): void {
    walkExpression(e, (x) => {
      if (x.kind === "Name") {
        const r = this.program.typing.resolutionOf(x);
        if (r?.kind === "input") inputOcc(x.name.name, x.name.range, false);
        else this.builtin(x.name);
      } else if (x.kind === "Call") {
        this.builtin(x.callee);
      } else if (x.kind === "String") {
        this.interpolations(x, inputOcc);
      }
    });
  }

  private builtin(id: A.Identifier): void {
    const spec = getBuiltin(id.name);
    this.add({ kind: "builtin", range: id.range, name: id.name, definition: false, ...(spec ? { key: `builtin:${id.name}`, builtin: spec } : {}) });
  }

  /** `{{name}}` parts; the occurrence covers the name only, not the braces. */
  private interpolations(s: A.StringLiteral, inputOcc: (name: string, range: Range, definition: boolean) => void): void {
    for (const p of s.parts) {
      if (p.kind !== "interpolation") continue;
      const raw = this.sf.text.slice(p.range.start.offset, p.range.end.offset);
      const at = raw.indexOf(p.name, 2);
      if (at < 0) continue;
      const start = p.range.start.offset + at;
      inputOcc(p.name, rangeAt(this.sf.text, p.range, start, start + p.name.length), false);
    }
  }
}

/** A sub-range of `outer` (on the same line when the name is: interpolations never span lines). */
function rangeAt(text: string, outer: Range, start: number, end: number): Range {
  let line = outer.start.line;
  let lineStart = outer.start.offset - (outer.start.column - 1);
  for (let i = outer.start.offset; i < start; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return {
    start: { offset: start, line, column: start - lineStart + 1 },
    end: { offset: end, line, column: end - lineStart + 1 },
  };
}
