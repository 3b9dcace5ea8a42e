/** TypeScript code generation from the IR: one module per spec file, plus the registry (`index.ts`). */
export { generateModuleText, contractBindings, type ModuleInput } from "./module.js";
export { generateIndexText, type IndexEntry } from "./index-module.js";
export { constStatement, docComment, functionDeclaration, printGroups, typeAlias } from "./printer.js";
export { formatTypeScript, PRETTIER_OPTIONS } from "./format.js";
export { GENERATED_MARKER, isGeneratedText, moduleHeader, indexHeader, type SourceRef } from "./header.js";
export { generateChecks, exprSource, type ContractChecks } from "./checks.js";
export { tsString, tsValue, commentText, contractBinding } from "./literals.js";
