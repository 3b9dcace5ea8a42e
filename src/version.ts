/** The package version, read from package.json (works from src/ under tsx and from dist/). */
import { ownPackage } from "./common/package-root.js";

export const VERSION: string = ownPackage()?.version ?? "0.0.0";
