/**
 * The repository root: hindsight's own package root (src/common/package-root.ts), the
 * same answer whether a benchmark runs from bench/ (tsx) or from dist/bench/ (compiled).
 */
import { ownPackage } from "../src/common/package-root.js";

const own = ownPackage();
if (own === undefined) throw new Error("bench: not inside the hindsight repository (no package.json named hindsight above src/common)");

export const repoRoot: string = own.root;
