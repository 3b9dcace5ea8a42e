/** Path expansion lives in the language layer (the language server walks a workspace the same way). */
export { expandContractPaths, type ExpandResult } from "../language/files.js";
