/**
 * GitHub resolves annotation and SARIF paths against the repository root
 * (`GITHUB_WORKSPACE`), not against the folder the linter ran in: a run from a
 * subfolder must report `contracts/a.contract`, not `a.contract`. Paths outside the
 * workspace stay as the user named them.
 */
import { isAbsolute, relative, resolve } from "node:path";
import type { Diagnostic } from "../language/diagnostics/types.js";

export function workspacePath(file: string, cwd: string, workspace: string | undefined): string {
  if (!workspace) return file;
  const rel = relative(resolve(workspace), resolve(cwd, file));
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return file;
  return rel.replace(/\\/g, "/");
}

/** The diagnostics and sources with every path made relative to the workspace. */
export function rebaseOnWorkspace(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  cwd: string,
  workspace: string | undefined,
): { diagnostics: Diagnostic[]; sources: Map<string, string> } {
  const at = (f: string) => workspacePath(f, cwd, workspace);
  return {
    diagnostics: diagnostics.map((d) => ({
      ...d,
      file: at(d.file),
      ...(d.related ? { related: d.related.map((r) => ({ ...r, file: at(r.file) })) } : {}),
    })),
    sources: new Map([...sources].map(([f, text]) => [at(f), text])),
  };
}
