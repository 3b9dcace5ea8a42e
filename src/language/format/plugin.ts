/**
 * The prettier plugin for contract files. Load it with
 * `prettier --plugin=./dist/src/language/format/plugin.js "**\/*.contract"`, or pass
 * `contractPlugin` in `plugins` to prettier's API.
 */
import type { Plugin, SupportLanguage } from "prettier";
import type { AnyNode } from "./nodes.js";
import { AST_FORMAT, contractParser } from "./parser.js";
import { contractPrinter } from "./printer.js";

export const languages: SupportLanguage[] = [
  { name: "Contract", parsers: ["contract"], extensions: [".contract"], vscodeLanguageIds: ["contract"] },
];

export const parsers = { contract: contractParser };

export const printers = { [AST_FORMAT]: contractPrinter };

/** The house style: 2-space indentation, 100 columns. */
export const defaultOptions = { printWidth: 100, tabWidth: 2, useTabs: false };

export const contractPlugin: Plugin<AnyNode> = { languages, parsers, printers, defaultOptions };

export default contractPlugin;
