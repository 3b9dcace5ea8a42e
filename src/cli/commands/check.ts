/**
 * `hir check SPEC [RESPONSE]`: verify one response against a contract and print
 * one verdict per constraint with evidence (or `--json`, see src/runtime/format.ts).
 * Exit 0 when every constraint passes, 1 when one fails or is unknown (or the spec
 * has errors), 2 on usage errors.
 *
 * The helpers here (loading the contract, parsing `--input`, reading the response,
 * choosing the judge) are shared with `hir hindsight`.
 */
import { invalidUtf8Warning, readTextFile, stripBom } from "../../fs/text.js";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { CompiledContract } from "../../compiler/ir.js";
import { runPipeline } from "../../compiler/pipeline.js";
import { nodeHost } from "../../language/node-host.js";
import { normalizePath } from "../../language/program.js";
import { prettyReporter } from "../../language/report/index.js";
import { formatVerdicts, verdictsJson } from "../../runtime/format.js";
import { coerceInput, parseInputText } from "../../runtime/inputs.js";
import type { Judge } from "../../runtime/judge-interface.js";
import { verify } from "../../runtime/verify.js";
import type { InputValue } from "../../compiler/ir.js";
import { VERSION } from "../../version.js";
import { judgeEnvHelp, judgeFromOption, type JudgeFactory } from "../judge-option.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";

export interface CheckArgs {
  /** The `.contract` file. */
  readonly spec: string;
  /** Which contract of the file; required when it declares several. */
  readonly contract?: string;
  /** `--input key=value` pairs, parsed by each input's type. */
  readonly inputs: Readonly<Record<string, string>>;
  /** `--inputs FILE`: a JSON object of typed input values; `--input` pairs override it. */
  readonly inputsFile?: string;
  /** A judge URL, or "none" (the default): soft constraints are then unknown. */
  readonly judge?: string;
  /** File holding the response, or "-" for standard input. */
  readonly responseFile: string;
  readonly json: boolean;
  /** Force colors on or off (default: on for a terminal unless NO_COLOR is set). */
  readonly color?: boolean;
}

export interface CheckDeps {
  /** Builds the HTTP judge for `--judge URL` (the CLI main plugs it in). */
  readonly judgeFactory?: JudgeFactory;
}

export interface PreparedRun {
  readonly contract: CompiledContract;
  readonly inputs: Record<string, InputValue>;
  readonly response: string;
  readonly judge?: Judge;
  readonly color: boolean;
}

/** Loads, compiles and picks the contract, parses inputs, reads the response; prints problems and returns an exit code on failure. */
export async function prepareRun(io: CliIO, command: string, args: CheckArgs, deps: CheckDeps): Promise<PreparedRun | number> {
  const fail = (code: number, message: string): number => {
    io.stderr(`hir ${command}: ${message}\n`);
    return code;
  };
  const host = nodeHost(io.cwd);
  const spec = normalizePath(args.spec);
  if (host.readFile(spec) === undefined) return fail(EXIT_USAGE, `cannot read \`${args.spec}\``);
  const run = runPipeline({ files: [spec], host, baseDir: io.cwd });
  const { program, errors } = run;
  if (errors.length > 0) {
    const sources = new Map<string, string>();
    for (const [path, sf] of program.files) sources.set(path, sf.text);
    const out = prettyReporter.render({ diagnostics: errors, sources, filesChecked: program.files.size, toolVersion: VERSION }, { color: colorOf(io, args) });
    io.stderr(out.stdout);
    return fail(EXIT_FINDINGS, `\`${args.spec}\` has errors; fix them first (run \`hir lint ${args.spec}\`)`);
  }

  const inFile = program.contracts.filter((c) => c.file === program.entries[0]).map((c) => c.name);
  let name: string;
  if (args.contract !== undefined) {
    if (!program.contracts.some((c) => c.name === args.contract)) {
      return fail(EXIT_USAGE, `no contract \`${args.contract}\` in \`${args.spec}\`${inFile.length ? ` (it declares: ${inFile.join(", ")})` : ""}`);
    }
    name = args.contract;
  } else if (inFile.length === 1) {
    name = inFile[0] as string;
  } else if (inFile.length === 0) {
    return fail(EXIT_USAGE, `\`${args.spec}\` declares no contract`);
  } else {
    return fail(EXIT_USAGE, `\`${args.spec}\` declares ${inFile.length} contracts; choose one with --contract: ${inFile.join(", ")}`);
  }
  const contract = run.contracts.find((c) => c.id === name);
  if (!contract) {
    const why = run.skipped.find((s) => s.contract === name)?.reason ?? "it could not be compiled";
    return fail(EXIT_FINDINGS, `cannot compile \`${name}\`: ${why}`);
  }

  const inputs: Record<string, InputValue> = Object.create(null) as Record<string, InputValue>;
  if (args.inputsFile !== undefined) {
    const fromFile = readInputsFile(io, args.inputsFile);
    if (typeof fromFile === "string") return fail(EXIT_USAGE, fromFile);
    for (const [key, value] of Object.entries(fromFile)) {
      const decl = contract.inputs.find((i) => i.name === key);
      if (!decl) {
        return fail(EXIT_USAGE, `${args.inputsFile}: \`${name}\` has no input \`${key}\`${contract.inputs.length ? ` (its inputs: ${contract.inputs.map((i) => i.name).join(", ")})` : " (it takes no inputs)"}`);
      }
      const coerced = coerceInput(decl.type, value);
      if (coerced === undefined) return fail(EXIT_USAGE, `${args.inputsFile}: \`${key}\` must be ${decl.type} (${JSON.stringify(value)?.slice(0, 60)})`);
      inputs[key] = coerced;
    }
  }
  for (const [key, raw] of Object.entries(args.inputs)) {
    const decl = contract.inputs.find((i) => i.name === key);
    if (!decl) {
      return fail(EXIT_USAGE, `\`${name}\` has no input \`${key}\`${contract.inputs.length ? ` (its inputs: ${contract.inputs.map((i) => i.name).join(", ")})` : " (it takes no inputs)"}`);
    }
    const parsed = parseInputText(decl.type, raw);
    if (!parsed.ok) return fail(EXIT_USAGE, `--input ${key}: ${parsed.message} (\`${key}\` is ${decl.type})`);
    inputs[key] = parsed.value;
  }
  const missing = contract.inputs.filter((i) => i.required && !(i.name in inputs));
  if (missing.length > 0) {
    return fail(EXIT_USAGE, `missing required input${missing.length > 1 ? "s" : ""}: ${missing.map((i) => `${i.name} (${i.type})`).join(", ")}; pass --input ${missing[0]?.name}=...`);
  }

  const judged = judgeFromOption(args.judge, deps.judgeFactory);
  if (!judged.ok) return fail(EXIT_USAGE, judged.message);
  const judge = judged.judge;

  let response: string;
  if (args.responseFile === "-") {
    if (io.stdinIsTTY) {
      io.stderr(`hir ${command}: reading the response from standard input: paste it, then press Ctrl-D (or name a file: hir ${command} SPEC RESPONSE_FILE)\n`);
    }
    response = stripBom(await io.readStdin());
  } else {
    let decoded;
    try {
      decoded = readTextFile(resolve(io.cwd, args.responseFile));
    } catch {
      return fail(EXIT_USAGE, `cannot read the response file \`${args.responseFile}\``);
    }
    response = decoded.text;
    const warning = invalidUtf8Warning(args.responseFile, decoded);
    if (warning !== undefined) io.stderr(`hir ${command}: warning: ${warning}\n`);
  }
  return { contract, inputs, response, color: colorOf(io, args), ...(judge ? { judge } : {}) };
}

/** The JSON object of `--inputs FILE`, or an error message. */
function readInputsFile(io: CliIO, file: string): Record<string, unknown> | string {
  let text: string;
  try {
    text = readTextFile(resolve(io.cwd, file)).text;
  } catch {
    return `cannot read the inputs file \`${file}\``;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return `${file}: expected a JSON object mapping input names to values`;
  return value as Record<string, unknown>;
}

function colorOf(io: CliIO, args: Pick<CheckArgs, "color" | "json">): boolean {
  if (args.json) return false;
  return args.color ?? (io.isTTY && !io.env["NO_COLOR"]);
}

export async function checkCommand(io: CliIO, args: CheckArgs, deps: CheckDeps = {}): Promise<number> {
  const run = await prepareRun(io, "check", args, deps);
  if (typeof run === "number") return run;
  const verdicts = await verify(run.contract, run.response, run.inputs, run.judge ? { judge: run.judge } : {});
  if (args.json) io.stdout(`${JSON.stringify(verdictsJson(run.contract, verdicts), null, 2)}\n`);
  else io.stdout(formatVerdicts(run.contract, verdicts, { color: run.color }));
  return verdicts.passed ? EXIT_OK : EXIT_FINDINGS;
}

/** Collects repeated `--input key=value` options. */
export function collectInput(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `["k=v", ...]` to a record; an error message for a malformed or repeated key. */
export function parseInputPairs(pairs: readonly string[]): Record<string, string> | string {
  const out = Object.create(null) as Record<string, string>; // `-i __proto__=x` is an input like any other
  for (const p of pairs) {
    const eq = p.indexOf("=");
    if (eq <= 0) return `--input takes key=value, not \`${p}\``;
    const key = p.slice(0, eq).trim();
    if (Object.prototype.hasOwnProperty.call(out, key)) return `--input ${key} is given twice`;
    out[key] = p.slice(eq + 1);
  }
  return out;
}

export interface RunOptionsFromCli {
  contract?: string;
  input?: string[];
  inputs?: string;
  judge?: string;
  json?: boolean;
  color?: boolean;
}

/** Builds CheckArgs from commander's parsed values; a string is a usage error. */
export function argsFromCli(spec: string, response: string | undefined, o: RunOptionsFromCli): CheckArgs | string {
  const inputs = parseInputPairs(o.input ?? []);
  if (typeof inputs === "string") return inputs;
  return {
    spec,
    responseFile: response ?? "-",
    inputs,
    json: Boolean(o.json),
    ...(o.contract !== undefined ? { contract: o.contract } : {}),
    ...(o.inputs !== undefined ? { inputsFile: o.inputs } : {}),
    ...(o.judge !== undefined ? { judge: o.judge } : {}),
    ...(o.color === false ? { color: false } : {}),
  };
}

/**
 * Registers `check` or `hindsight`: the same arguments and options, parsed into CheckArgs,
 * then `run` (a usage error in the options is reported as `hir NAME: ...`, exit 2).
 */
export function registerRunCommand(
  program: Command,
  io: CliIO,
  setExit: (code: number) => void,
  command: { readonly name: string; readonly description: string; readonly run: (args: CheckArgs) => Promise<number> },
): void {
  program
    .command(command.name)
    .description(command.description)
    .argument("<spec>", "the .contract file")
    .argument("[response]", "file holding the response, or - for standard input (default: -)")
    .option("-c, --contract <name>", "the contract to use (required when the file declares several)")
    .option("-i, --input <key=value>", "an input value, parsed by the input's type (repeatable)", collectInput, [])
    .option("--inputs <file>", "a JSON object of input values (--input overrides it)")
    .option("--judge <url|none>", "LLM judge endpoint for soft constraints (default: none, so they are unknown)")
    .option("--json", "machine-readable output")
    .option("--no-color", "disable colors")
    .addHelpText("after", judgeEnvHelp())
    .action(async (spec: string, response: string | undefined, o: RunOptionsFromCli) => {
      const args = argsFromCli(spec, response, o);
      if (typeof args === "string") {
        io.stderr(`hir ${command.name}: ${args}\n`);
        setExit(EXIT_USAGE);
        return;
      }
      setExit(await command.run(args));
    });
}

/** Registers `hir check` on the CLI program (call from src/cli/registry.ts). */
export function registerCheckCommand(program: Command, io: CliIO, setExit: (code: number) => void, deps: CheckDeps = {}): void {
  registerRunCommand(program, io, setExit, {
    name: "check",
    description: "verify a response against a contract: one verdict per constraint with evidence (exit 1 on any failure)",
    run: (args) => checkCommand(io, args, deps),
  });
}
