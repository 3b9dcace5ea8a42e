/**
 * The text of every file the server reads: open editor buffers first (unsaved edits win),
 * then the disk, cached by modification time. Programs read files only through this host.
 */
import { readFileSync, statSync } from "node:fs";
import type { SourceHost } from "../language/program.js";
import type { PathMapper } from "./convert.js";

export class SourceStore implements SourceHost {
  private readonly open = new Map<string, string>();
  private readonly disk = new Map<string, { readonly mtimeMs: number; readonly size: number; readonly text: string }>();

  constructor(private readonly paths: PathMapper) {}

  setOpen(path: string, text: string): void {
    this.open.set(path, text);
  }

  close(path: string): void {
    this.open.delete(path);
  }

  isOpen(path: string): boolean {
    return this.open.has(path);
  }

  openPaths(): string[] {
    return [...this.open.keys()];
  }

  readFile(path: string): string | undefined {
    const buffer = this.open.get(path);
    if (buffer !== undefined) return buffer;
    try {
      const abs = this.paths.absolute(path);
      const st = statSync(abs);
      if (!st.isFile()) return undefined;
      const hit = this.disk.get(path);
      if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.text;
      const text = readFileSync(abs, "utf8");
      this.disk.set(path, { mtimeMs: st.mtimeMs, size: st.size, text });
      return text;
    } catch {
      return undefined;
    }
  }
}
