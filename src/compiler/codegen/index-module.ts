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
import { indexHeader, type SourceRef } from "./header.js";
import { tsKey, tsString } from "./literals.js";
import { constStatement, functionDeclaration, printGroups, typeAlias } from "./printer.js";

export interface IndexEntry {
  /** Import specifier of the module, relative to the index (`./compliance-summary.js`). */
  readonly specifier: string;
  /** The spec file the module was compiled from. */
  readonly source: SourceRef;
  /** Contract name -> exported binding in that module. */
  readonly contracts: ReadonlyMap<string, string>;
}

export function generateIndexText(entries: readonly IndexEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.specifier < b.specifier ? -1 : a.specifier > b.specifier ? 1 : 0));
  const imports: string[] = [];
  const registry: { name: string; ref: string }[] = [];
  sorted.forEach((e, i) => {
    if (e.contracts.size === 0) return;
    imports.push(`import * as $m${i} from ${tsString(e.specifier)};`);
    for (const [name, binding] of e.contracts) registry.push({ name, ref: `$m${i}.${binding}` });
  });
  registry.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return printGroups([
    [indexHeader(sorted.map((e) => e.source)).join("\n")],
    imports,
    [constStatement({
      doc: "Every compiled contract, by name.",
      exported: true,
      name: "contracts",
      initializer: registry.length === 0 ? "{} as const" : `{ ${registry.map((r) => `${tsKey(r.name)}: ${r.ref}`).join(", ")} } as const`,
    })],
    [typeAlias({ doc: "The name of a compiled contract.", exported: true, name: "ContractName", type: "keyof typeof contracts" })],
    [typeAlias({ doc: "Any compiled contract object.", exported: true, name: "AnyContract", type: "(typeof contracts)[ContractName]" })],
    [functionDeclaration({
      doc: "The compiled contract named `name`, or undefined.",
      exported: true,
      name: "getContract",
      parameters: "name: string",
      returnType: "AnyContract | undefined",
      statements: registry.length === 0
        ? ["void name;", "return undefined;"]
        : ["return Object.prototype.hasOwnProperty.call(contracts, name) ? contracts[name as ContractName] : undefined;"],
    })],
  ]);
}
