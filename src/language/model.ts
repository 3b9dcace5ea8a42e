/**
 * The bound semantic model: contracts with their constraints resolved across
 * `use` and imports. This is what the checker validates and what the compiler
 * lowers to IR. Built from the AST by the binder; holds no diagnostics itself.
 */
import type * as A from "./ast.js";

export interface ResolvedConstraint {
  readonly id: string;
  readonly decl: A.ConstraintDecl;
  /** The file that declares the constraint. */
  readonly file: string;
  /** Set it came from through `use`, if any. */
  readonly fromSet?: string;
  readonly role: A.Role;
  readonly pinned: boolean;
  /** Removable in hindsight: not safety, not pinned. */
  readonly removable: boolean;
}

export interface ResolvedRequires {
  readonly from: string;
  readonly to: string;
  readonly file: string;
  readonly subjectRange: A.Identifier["range"];
  readonly targetRange: A.Identifier["range"];
}

export interface ResolvedCouple {
  readonly members: readonly string[];
  readonly file: string;
  readonly decl: A.CoupleDecl;
}

export type ClauseLayout = "inline" | "lines" | "numbered" | "bullets";
export type ClausePlacement = "after" | "before";

export const LAYOUTS: readonly ClauseLayout[] = ["inline", "lines", "numbered", "bullets"];
export const PLACEMENTS: readonly ClausePlacement[] = ["after", "before"];

export interface ReplaySettings {
  readonly minKept: number;
  readonly layout: ClauseLayout;
  readonly placement: ClausePlacement;
}

export const DEFAULT_REPLAY: ReplaySettings = { minKept: 1, layout: "lines", placement: "after" };

export interface ContractModel {
  readonly name: string;
  readonly file: string;
  readonly decl: A.ContractDecl;
  readonly inputs: readonly A.InputDecl[];
  readonly prompt?: A.PromptDecl;
  readonly constraints: readonly ResolvedConstraint[];
  readonly requires: readonly ResolvedRequires[];
  readonly couples: readonly ResolvedCouple[];
  readonly replay: ReplaySettings;
}

export interface ConstraintSetModel {
  readonly name: string;
  readonly file: string;
  readonly decl: A.ConstraintSetDecl;
}

export interface ConstraintDeclEntry {
  readonly decl: A.ConstraintDecl;
  readonly file: string;
  readonly inputs: readonly A.InputDecl[];
  readonly contract?: ContractModel;
}

type DeclModel = {
  readonly contracts: readonly ContractModel[];
  readonly sets: readonly ConstraintSetModel[];
  /** The list computed once for this program (the checker passes it to typing and every pass). */
  readonly decls?: readonly ConstraintDeclEntry[];
};

const NO_INPUTS: readonly A.InputDecl[] = [];

/** Every constraint declaration once, with its file and the inputs in scope (a set's constraints have none). */
export function constraintDecls(model: DeclModel): readonly ConstraintDeclEntry[] {
  if (model.decls) return model.decls;
  const list: ConstraintDeclEntry[] = [];
  for (const c of model.contracts) {
    for (let i = 0; i < c.decl.members.length; i++) {
      const m = c.decl.members[i]!;
      if (m.kind === "Constraint") list.push({ decl: m, file: c.file, inputs: c.inputs, contract: c });
    }
  }
  for (const s of model.sets) {
    for (let i = 0; i < s.decl.members.length; i++) {
      const m = s.decl.members[i]!;
      if (m.kind === "Constraint") list.push({ decl: m, file: s.file, inputs: NO_INPUTS });
    }
  }
  return list;
}
