/**
 * What a command may touch of the outside world. Commands take an `CliIO` instead
 * of using `process` directly, so tests run them in-process and capture output,
 * and they return an exit code instead of exiting:
 * 0 clean, 1 findings (diagnostics, failed checks, stale output), 2 usage or internal error.
 */
export interface CliIO {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads all of standard input (for `-` arguments). */
  readStdin(): Promise<string>;
  /** True when stdout is a terminal (colors, progress bars). */
  readonly isTTY: boolean;
  /** True when standard input is a terminal: a command about to read it says what it expects. */
  readonly stdinIsTTY?: boolean;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    isTTY: Boolean(process.stdout.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
  };
}

/** An in-memory IO for tests: output is collected into strings. */
export function memoryIO(opts: { cwd: string; env?: Record<string, string>; stdin?: string; stdinIsTTY?: boolean }): CliIO & { out: string; err: string } {
  const io = {
    cwd: opts.cwd,
    env: opts.env ?? {},
    out: "",
    err: "",
    isTTY: false,
    stdinIsTTY: opts.stdinIsTTY ?? false,
    stdout(t: string) { io.out += t; },
    stderr(t: string) { io.err += t; },
    readStdin: async () => opts.stdin ?? "",
  };
  return io;
}
