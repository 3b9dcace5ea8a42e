// Runs `trainCommand` in a child process, so a test can send it a real SIGINT.
// argv: <out dir> <config file> <steps>
import { trainCommand } from "../../../src/cli/commands/train.js";
import { processIO } from "../../../src/cli/io.js";

const [out, config, steps, resume] = process.argv.slice(2);
const code = await trainCommand(processIO(), { out, config, steps: Number(steps), resume: resume === "resume" });
process.exitCode = code;
