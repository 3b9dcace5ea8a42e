/**
 * `index.ts` of the output directory: every compiled contract registered by name.
 *
 *   import { contracts, getContract } from "./generated/index.js";
 *   contracts.ComplianceSummary.render({ policy_change: "..." });
 *   getContract(name)?.ir;   // any contract by its name, e.g. from a dataset row
 *
 * Modules are imported as namespaces (`$m0`...), so contract names never collide with
 * the registry's own exports.
 */
import { StructureKind, VariableDeclarationKind } from "ts-morph";
import { indexHeader, type SourceRef } from "./header.js";
import { tsKey, tsString } from "./literals.js";
import { grouped, Holder, printStatements, type Statement } from "./module.js";

export interface IndexEntry {
  /** Import specifier of the module, relative to the index (`./compliance-summary.js`). */
  readonly specifier: string;
  /** The spec file the module was compiled from. */
  readonly source: SourceRef;
  /** Contract name -> exported binding in that module. */
  readonly contracts: ReadonlyMap<string, string>;
}

export function indexStructures(entries: readonly IndexEntry[], h: Holder): Statement[] {
  const sorted = [...entries].sort((a, b) => (a.specifier < b.specifier ? -1 : a.specifier > b.specifier ? 1 : 0));
  const imports: Statement[] = [];
  const registry: { name: string; ref: string }[] = [];
  sorted.forEach((e, i) => {
    if (e.contracts.size === 0) return;
    imports.push(h.hold(`import * as $m${i} from ${tsString(e.specifier)};`));
    for (const [name, binding] of e.contracts) registry.push({ name, ref: `$m${i}.${binding}` });
  });
  registry.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const statements: Statement[][] = [[h.hold(indexHeader(sorted.map((e) => e.source)).join("\n"))], imports];
  statements.push([{
    kind: StructureKind.VariableStatement,
    isExported: true,
    docs: [{ description: "Every compiled contract, by name." }],
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{
      name: "contracts",
      initializer: h.hold(registry.length === 0 ? "{} as const" : `{ ${registry.map((r) => `${tsKey(r.name)}: ${r.ref}`).join(", ")} } as const`),
    }],
  }]);
  statements.push([{
    kind: StructureKind.TypeAlias,
    isExported: true,
    docs: [{ description: "The name of a compiled contract." }],
    name: "ContractName",
    type: "keyof typeof contracts",
  }]);
  statements.push([{
    kind: StructureKind.TypeAlias,
    isExported: true,
    docs: [{ description: "Any compiled contract object." }],
    name: "AnyContract",
    type: "(typeof contracts)[ContractName]",
  }]);
  statements.push([{
    kind: StructureKind.Function,
    isExported: true,
    docs: [{ description: "The compiled contract named `name`, or undefined." }],
    name: "getContract",
    parameters: [{ name: "name", type: "string" }],
    returnType: "AnyContract | undefined",
    statements: [
      registry.length === 0
        ? "void name;\nreturn undefined;"
        : "return Object.prototype.hasOwnProperty.call(contracts, name) ? contracts[name as ContractName] : undefined;",
    ],
  }]);
  return grouped(statements);
}

export function generateIndexText(entries: readonly IndexEntry[]): string {
  const h = new Holder();
  return printStatements(indexStructures(entries, h), h);
}

