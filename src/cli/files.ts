/**
 * What the commands print about path expansion. Paths are expanded in the language layer
 * (the host's `expandPaths`, src/language/files.ts), as the language server does.
 */

/** The note a command prints (on stderr) when it did not follow links out of the named folders; empty when none. */
export function skippedLinksNote(command: string, skipped: readonly string[]): string {
  if (skipped.length === 0) return "";
  const shown = skipped.slice(0, 5).join(", ") + (skipped.length > 5 ? `, and ${skipped.length - 5} more` : "");
  return `hir ${command}: not following ${skipped.length} symbolic link${skipped.length === 1 ? "" : "s"} that lead${skipped.length === 1 ? "s" : ""} outside the folder: ${shown} (use --follow-symlinks to follow)\n`;
}

export const FOLLOW_SYMLINKS_FLAG = ["--follow-symlinks", "follow symbolic links that lead outside the named folders (loops are still cut)"] as const;
