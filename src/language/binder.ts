/**
 * The binder resolves names across declarations and files: which constraints a
 * contract has (its own and those it `use`s from constraint sets), its inputs,
 * prompt, dependencies and replay settings. It reports naming and structure
 * problems; expression-level checks live in the checker.
 */
import type * as A from "./ast.js";
import { CATALOG } from "./diagnostics/catalog.js";
import { makeDiagnostic, suggestion, type DiagnosticDetails } from "./diagnostics/builder.js";
import type { CatalogEntry } from "./diagnostics/catalog.js";
import type { Diagnostic, Range } from "./diagnostics/types.js";
import {
  DEFAULT_REPLAY, LAYOUTS, PLACEMENTS,
  type ClauseLayout, type ClausePlacement, type ConstraintSetModel, type ContractModel, type ReplaySettings,
  type ResolvedConstraint, type ResolvedCouple, type ResolvedRequires,
} from "./model.js";
import { didYouMean } from "./suggest.js";

export interface BindResult {
  readonly contracts: ContractModel[];
  readonly sets: ConstraintSetModel[];
  readonly diagnostics: Diagnostic[];
}

interface SetEntry {
  readonly file: string;
  readonly decl: A.ConstraintSetDecl;
}

/** Constraints a set contributes, plus the dependencies declared alongside them. */
interface SetContents {
  readonly constraints: ResolvedConstraint[];
  readonly requires: ResolvedRequires[];
  readonly couples: ResolvedCouple[];
}

export function bindProgram(files: ReadonlyMap<string, A.SourceFile>, imports: ReadonlyMap<string, readonly string[]>): BindResult {
  return new Binder(files, imports).bind();
}

class Binder {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly setsByName = new Map<string, SetEntry[]>();
  private readonly setContents = new Map<A.ConstraintSetDecl, SetContents>();
  private readonly resolving = new Set<A.ConstraintSetDecl>();

  constructor(
    private readonly files: ReadonlyMap<string, A.SourceFile>,
    private readonly imports: ReadonlyMap<string, readonly string[]>,
  ) {}

  private report(entry: CatalogEntry, file: string, range: Range, message: string, details?: DiagnosticDetails): void {
    this.diagnostics.push(makeDiagnostic(entry, file, range, message, details));
  }

  bind(): BindResult {
    const contracts: ContractModel[] = [];
    const sets: ConstraintSetModel[] = [];
    const contractNames = new Map<string, { file: string; decl: A.ContractDecl }>();
    for (const [file, sf] of this.files) {
      for (const d of sf.declarations) {
        if (d.kind === "ConstraintSet") {
          const list = this.setsByName.get(d.name.name) ?? [];
          const first = list[0];
          if (first) {
            this.report(CATALOG.duplicateDeclaration, file, d.name.range, `a constraint set named \`${d.name.name}\` already exists`, {
              related: [{ file: first.file, range: first.decl.name.range, message: "first declared here" }],
            });
          }
          list.push({ file, decl: d });
          this.setsByName.set(d.name.name, list);
          sets.push({ name: d.name.name, file, decl: d });
        } else if (d.kind === "Contract") {
          const prev = contractNames.get(d.name.name);
          if (prev) {
            this.report(CATALOG.duplicateDeclaration, file, d.name.range, `a contract named \`${d.name.name}\` already exists`, {
              related: [{ file: prev.file, range: prev.decl.name.range, message: "first declared here" }],
              hint: "Contract names are unique across all files compiled together: the generated index registers them by name.",
            });
          } else {
            contractNames.set(d.name.name, { file, decl: d });
          }
        }
      }
    }
    for (const [file, sf] of this.files) {
      for (const d of sf.declarations) {
        if (d.kind === "ConstraintSet") this.resolveSet({ file, decl: d });
        if (d.kind === "Contract") contracts.push(this.bindContract(file, d));
      }
    }
    return { contracts, sets, diagnostics: this.diagnostics };
  }

  /** Sets a file can `use`: its own and those of the files it imports directly. */
  private visibleSets(file: string): SetEntry[] {
    const visible = new Set([file, ...(this.imports.get(file) ?? [])]);
    const out: SetEntry[] = [];
    for (const list of this.setsByName.values()) for (const s of list) if (visible.has(s.file)) out.push(s);
    return out;
  }

  private resolveSet(entry: SetEntry): SetContents {
    const cached = this.setContents.get(entry.decl);
    if (cached) return cached;
    if (this.resolving.has(entry.decl)) return { constraints: [], requires: [], couples: [] };
    this.resolving.add(entry.decl);
    for (const m of entry.decl.members) {
      if (m.kind === "Input" || m.kind === "Prompt" || m.kind === "Replay") {
        const what = m.kind === "Input" ? "inputs" : m.kind === "Prompt" ? "a prompt" : "replay settings";
        this.report(CATALOG.memberNotAllowed, entry.file, m.range, `a constraint set cannot have ${what}`, {
          hint: "Move it into the contracts that use this set.",
        });
      }
    }
    const contents = this.collect(entry.file, entry.decl.members, entry.decl.name.name);
    this.resolving.delete(entry.decl);
    this.setContents.set(entry.decl, contents);
    return contents;
  }

  /** Own constraints, used constraints, and dependencies of a contract or set body. */
  private collect(file: string, members: readonly A.Member[], ownerSet?: string): SetContents {
    const constraints: ResolvedConstraint[] = [];
    const byId = new Map<string, ResolvedConstraint>();
    const requires: ResolvedRequires[] = [];
    const couples: ResolvedCouple[] = [];
    const add = (c: ResolvedConstraint, at: Range, usedHere: boolean): void => {
      const prev = byId.get(c.id);
      if (prev) {
        if (prev.decl === c.decl) return; // the same constraint reached twice through `use`
        this.report(CATALOG.duplicateDeclaration, file, at, `a constraint with id \`${c.id}\` is already part of this ${ownerSet ? "set" : "contract"}`, {
          related: [{ file: prev.file, range: prev.decl.id.range, message: "the other one" }],
          hint: usedHere ? "Rename one of them, or use only one." : "Constraint ids must be unique within a contract.",
        });
        return;
      }
      byId.set(c.id, c);
      constraints.push(c);
    };
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!;
      if (m.kind === "Constraint") {
        const removable = m.role !== "safety" && !m.pinned;
        add({ id: m.id.name, decl: m, file, role: m.role, pinned: m.pinned, removable, ...(ownerSet ? { fromSet: ownerSet } : {}) }, m.id.range, false);
      } else if (m.kind === "Use") {
        for (const q of m.names) {
          const got = this.resolveUse(file, q, ownerSet);
          if (!got) continue;
          for (const c of got.constraints) add(c, q.range, true);
          requires.push(...got.requires);
          couples.push(...got.couples);
        }
      }
    }
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!;
      if (m.kind === "Requires") {
        for (const t of m.targets) requires.push({ from: m.subject.name, to: t.name, file, subjectRange: m.subject.range, targetRange: t.range });
      } else if (m.kind === "Couple") {
        couples.push({ members: m.members.map((x) => x.name), file, decl: m });
      }
    }
    return { constraints, requires, couples };
  }

  private resolveUse(file: string, q: A.QualifiedName, ownerSet?: string): SetContents | undefined {
    const visible = this.visibleSets(file).filter((s) => s.decl.name.name !== ownerSet);
    if (q.qualifier) {
      const set = visible.find((s) => s.decl.name.name === q.qualifier?.name);
      if (!set) {
        const guess = didYouMean(q.qualifier.name, visible.map((s) => s.decl.name.name));
        this.report(CATALOG.unknownImportName, file, q.qualifier.range, `no constraint set named \`${q.qualifier.name}\` is declared here or in an imported file`, {
          ...(guess ? suggestion(guess, q.qualifier.range) : { hint: "Import the file that declares it." }),
        });
        return undefined;
      }
      const contents = this.resolveSet(set);
      const c = contents.constraints.find((x) => x.id === q.name.name);
      if (!c) {
        const guess = didYouMean(q.name.name, contents.constraints.map((x) => x.id));
        this.report(CATALOG.unknownImportName, file, q.name.range, `constraint set \`${set.decl.name.name}\` has no constraint \`${q.name.name}\``, {
          ...(guess ? suggestion(guess, q.name.range) : { hint: `It has: ${contents.constraints.map((x) => x.id).join(", ") || "no constraints"}.` }),
        });
        return undefined;
      }
      return this.subsetOf(contents, [c]);
    }
    const whole = visible.filter((s) => s.decl.name.name === q.name.name);
    if (whole.length > 0) return this.resolveSet(whole[0] as SetEntry);
    const holders = visible.filter((s) => this.resolveSet(s).constraints.some((c) => c.id === q.name.name));
    if (holders.length === 1) {
      const contents = this.resolveSet(holders[0] as SetEntry);
      return this.subsetOf(contents, contents.constraints.filter((c) => c.id === q.name.name));
    }
    if (holders.length > 1) {
      this.report(CATALOG.ambiguousUse, file, q.range, `\`${q.name.name}\` is declared in several constraint sets: ${holders.map((h) => h.decl.name.name).join(", ")}`, {
        hint: `Qualify it, e.g. \`use ${holders[0]?.decl.name.name}.${q.name.name}\`.`,
      });
      return undefined;
    }
    const candidates = visible.flatMap((s) => [s.decl.name.name, ...this.resolveSet(s).constraints.map((c) => c.id)]);
    const guess = didYouMean(q.name.name, candidates);
    this.report(CATALOG.unknownImportName, file, q.name.range, `\`${q.name.name}\` is not a constraint or constraint set in this file or its imports`, {
      ...(guess ? suggestion(guess, q.name.range) : { hint: visible.length === 0 ? "Import the file that declares it, e.g. `import \"policies/x.contract\"`." : `Available: ${candidates.slice(0, 8).join(", ")}.` }),
    });
    return undefined;
  }

  /** A part of a set: the chosen constraints and the dependencies among them and what they require. */
  private subsetOf(contents: SetContents, chosen: ResolvedConstraint[]): SetContents {
    const ids = new Set(chosen.map((c) => c.id));
    return {
      constraints: chosen,
      requires: contents.requires.filter((r) => ids.has(r.from)),
      couples: contents.couples.filter((c) => c.members.some((m) => ids.has(m))),
    };
  }

  private bindContract(file: string, decl: A.ContractDecl): ContractModel {
    const inputs: A.InputDecl[] = [];
    const inputNames = new Map<string, A.InputDecl>();
    let prompt: A.PromptDecl | undefined;
    let replayDecl: A.ReplayDecl | undefined;
    for (let i = 0; i < decl.members.length; i++) {
      const m = decl.members[i]!;
      if (m.kind === "Input") {
        const prev = inputNames.get(m.name.name);
        if (prev) {
          this.report(CATALOG.duplicateDeclaration, file, m.name.range, `input \`${m.name.name}\` is declared twice`, {
            related: [{ file, range: prev.name.range, message: "first declared here" }],
          });
          continue;
        }
        inputNames.set(m.name.name, m);
        inputs.push(m);
      } else if (m.kind === "Prompt") {
        if (prompt) {
          this.report(CATALOG.duplicateSetting, file, m.range, "a contract has one prompt", { related: [{ file, range: prompt.range, message: "first prompt" }] });
        } else {
          prompt = m;
        }
      } else if (m.kind === "Replay") {
        if (replayDecl) {
          this.report(CATALOG.duplicateSetting, file, m.range, "a contract has one `replay` block", { related: [{ file, range: replayDecl.range, message: "first replay block" }] });
        } else {
          replayDecl = m;
        }
      }
    }
    const contents = this.collect(file, decl.members);
    const ids = new Set(contents.constraints.map((c) => c.id));
    const requires = this.validateRequires(file, contents.requires, ids);
    const couples = this.validateCouples(contents.couples, ids);
    return {
      name: decl.name.name, file, decl, inputs, constraints: contents.constraints, requires, couples,
      replay: this.replaySettings(file, replayDecl), ...(prompt ? { prompt } : {}),
    };
  }

  private validateRequires(file: string, list: ResolvedRequires[], ids: ReadonlySet<string>): ResolvedRequires[] {
    const out: ResolvedRequires[] = [];
    const seen = new Set<string>();
    for (const r of list) {
      // Both ends are checked (and reported) before skipping: no pair arrays per dependency.
      const fromKnown = this.knownEnd(file, r, r.from, r.subjectRange, ids);
      const toKnown = this.knownEnd(file, r, r.to, r.targetRange, ids);
      if (!fromKnown || !toKnown) continue;
      if (r.from === r.to) {
        this.report(CATALOG.selfDependency, r.file, r.targetRange, `\`${r.from}\` requires itself`, { hint: "Remove it: a constraint trivially depends on itself." });
        continue;
      }
      const key = `${r.from}\u0000${r.to}`;
      if (seen.has(key)) {
        this.report(CATALOG.redundantDependency, r.file, r.targetRange, `\`${r.from} requires ${r.to}\` is stated more than once`);
        continue;
      }
      seen.add(key);
      out.push(r);
    }
    return out;
  }

  /** Whether one end of a `requires` names a constraint of the contract; reports it when not. */
  private knownEnd(file: string, r: ResolvedRequires, name: string, range: Range, ids: ReadonlySet<string>): boolean {
    if (ids.has(name)) return true;
    const guess = didYouMean(name, ids);
    const inheritedNote = r.file !== file ? ` (a dependency declared in \`${r.file}\`)` : "";
    this.report(CATALOG.unknownConstraint, r.file === file ? file : r.file, range, `no constraint \`${name}\` in this contract${inheritedNote}`, {
      ...(guess ? suggestion(guess, range) : { hint: r.file !== file ? `\`use\` \`${name}\` as well, or drop the dependency.` : "Declare it, or `use` it from a constraint set." }),
    });
    return false;
  }

  private validateCouples(list: ResolvedCouple[], ids: ReadonlySet<string>): ResolvedCouple[] {
    const out: ResolvedCouple[] = [];
    const seenDecls = new Set<A.CoupleDecl>();
    for (const c of list) {
      if (seenDecls.has(c.decl)) continue;
      seenDecls.add(c.decl);
      const members: string[] = [];
      for (const m of c.decl.members) {
        if (!ids.has(m.name)) {
          const guess = didYouMean(m.name, ids);
          this.report(CATALOG.unknownConstraint, c.file, m.range, `no constraint \`${m.name}\` in this contract`, {
            ...(guess ? suggestion(guess, m.range) : { hint: "Declare it, or `use` it from a constraint set." }),
          });
          continue;
        }
        if (members.includes(m.name)) {
          this.report(CATALOG.selfDependency, c.file, m.range, `\`${m.name}\` is listed twice in this coupled set`, { hint: "List each constraint once." });
          continue;
        }
        members.push(m.name);
      }
      if (c.decl.members.length < 2) {
        this.report(CATALOG.coupleTooSmall, c.file, c.decl.range, "`couple` needs at least two constraints", { hint: "Name two or more: `couple a, b`." });
        continue;
      }
      if (members.length >= 2) out.push({ ...c, members });
    }
    return out;
  }

  private replaySettings(file: string, decl: A.ReplayDecl | undefined): ReplaySettings {
    if (!decl) return DEFAULT_REPLAY;
    let minKept = DEFAULT_REPLAY.minKept;
    let layout: ClauseLayout = DEFAULT_REPLAY.layout;
    let placement: ClausePlacement = DEFAULT_REPLAY.placement;
    const seen = new Map<string, A.ReplaySetting>();
    for (const s of decl.settings) {
      const name = s.name.name;
      const prev = seen.get(name);
      if (prev) {
        this.report(CATALOG.duplicateSetting, file, s.range, `\`${name}\` is set twice`, { related: [{ file, range: prev.range, message: "first set here" }] });
        continue;
      }
      seen.set(name, s);
      const v = s.value;
      switch (name) {
        case "min_kept":
          if (v.kind !== "Number" || !Number.isInteger(v.value)) {
            this.report(CATALOG.typeMismatch, file, v.range, "`min_kept` takes a whole number", { hint: "For example `min_kept 2`." });
          } else if (v.value < 1) {
            this.report(CATALOG.minKeptBelowOne, file, v.range, `\`min_kept ${v.raw}\` is below 1`);
          } else {
            minKept = v.value;
          }
          break;
        case "layout":
          if (v.kind === "Identifier" && (LAYOUTS as readonly string[]).includes(v.name)) layout = v.name as ClauseLayout;
          else this.badValue(file, v, "layout", LAYOUTS);
          break;
        case "placement":
          if (v.kind === "Identifier" && (PLACEMENTS as readonly string[]).includes(v.name)) placement = v.name as ClausePlacement;
          else this.badValue(file, v, "placement", PLACEMENTS);
          break;
        default: {
          const guess = didYouMean(name, ["min_kept", "layout", "placement"]);
          this.report(CATALOG.unknownSetting, file, s.name.range, `unknown replay setting \`${name}\``, {
            hint: guess ? `Did you mean \`${guess}\`?` : "Replay settings are `min_kept`, `layout` and `placement`.",
          });
        }
      }
    }
    return { minKept, layout, placement };
  }

  private badValue(file: string, v: A.NumberLiteral | A.Identifier, setting: string, allowed: readonly string[]): void {
    const shown = v.kind === "Identifier" ? v.name : v.raw;
    const guess = v.kind === "Identifier" ? didYouMean(v.name, allowed) : undefined;
    this.report(CATALOG.unknownSetting, file, v.range, `\`${shown}\` is not a ${setting}`, {
      hint: guess ? `Did you mean \`${guess}\`?` : `Use one of: ${allowed.join(", ")}.`,
    });
  }
}
