/**
 * Subcommands beyond lint/explain/builtins register here, one function per
 * command module, so main.ts stays a table of contents.
 */
import type { Command } from "commander";
import { createJudge } from "../runtime/judge/index.js";
import type { Judge } from "../runtime/judge-interface.js";
import { registerCheckCommand } from "./commands/check.js";
import { registerCompileCommand } from "./commands/compile.js";
import { registerEvalCommand } from "./commands/eval.js";
import { registerExportCommand } from "./commands/export.js";
import { registerFmtCommand } from "./commands/fmt.js";
import { registerHindsightCommand } from "./commands/hindsight.js";
import { registerImportCommand } from "./commands/import.js";
import { registerIrCommand } from "./commands/ir.js";
import { registerLspCommand } from "./commands/lsp.js";
import { registerReportCommand } from "./commands/report.js";
import { registerRolloutCommand } from "./commands/rollout.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerStubVllmCommand } from "./commands/stub-vllm.js";
import { registerTrainCommand } from "./commands/train.js";
import type { CliIO } from "./io.js";

/** `--judge URL`: an OpenAI-compatible judge configured from the environment (HIR_JUDGE_*). Throws JudgeConfigError on bad settings; the commands report it. */
function judgeFromUrl(url: string): Judge {
  return createJudge(process.env, { url });
}

export function registerExtraCommands(program: Command, io: CliIO, setExit: (code: number) => void): void {
  registerFmtCommand(program, io, setExit);
  registerCompileCommand(program, io, setExit);
  registerIrCommand(program, io, setExit);
  registerCheckCommand(program, io, setExit, { judgeFactory: judgeFromUrl });
  registerHindsightCommand(program, io, setExit, { judgeFactory: judgeFromUrl });
  registerTrainCommand(program, io, setExit, { judgeFactory: judgeFromUrl });
  registerReportCommand(program, io, setExit);
  registerImportCommand(program, io, setExit);
  registerEvalCommand(program, io, setExit);
  registerServeCommand(program, io, setExit, { judgeFactory: judgeFromUrl });
  registerRolloutCommand(program, io, setExit);
  registerExportCommand(program, io, setExit);
  registerStubVllmCommand(program, io, setExit);
  registerLspCommand(program, io, setExit);
}
