import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SHARED_DATA = resolve(REPO_ROOT, "../shared/data");
export const HAS_SHARED_DATA = existsSync(SHARED_DATA);
