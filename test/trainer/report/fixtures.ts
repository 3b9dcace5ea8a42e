/**
 * Shared report inputs for the HTML and Chromium tests: the four arms x two
 * seeds of small real toy runs, and an "evil" pair of runs whose contract id,
 * constraint keys, refusal reason and directory name carry markup.
 */
import { join } from "node:path";
import { buildReport, type BuiltReport } from "../../../src/trainer/report/index.js";
import { EVIL, metricsLine, trainArms, trainRun, writeSyntheticRun } from "./helpers.js";

export const ARM_PLOTS = ["train-ila", "heldout-ila", "train-cla", "heldout-cla"] as const;

export function expectedPlots(arms: readonly string[], replayArms: readonly string[]): string[] {
  return [
    ...ARM_PLOTS.map((p) => `plot-${p}`),
    ...arms.map((a) => `plot-constraints-${a}`),
    ...(replayArms.length > 0 ? ["plot-replays", "plot-dropped", "plot-kept"] : []),
    ...replayArms.map((a) => `plot-refusals-${a}`),
    "plot-entropy",
    "plot-kl",
    "plot-clip",
  ];
}

export async function fourArmReport(root: string): Promise<{ dirs: string[]; report: BuiltReport }> {
  const dirs = await trainArms(join(root, "arms"), 6);
  const report = buildReport(dirs.map((d) => ({ dir: d, label: d.slice(root.length + 1) })));
  return { dirs, report };
}

/** A real hir run on tasks whose contract id is EVIL, in a directory whose name has markup, plus a synthetic random-replay run with an EVIL refusal reason. */
export async function evilReport(root: string): Promise<BuiltReport> {
  const real = await trainRun(join(root, `evil-<b>"&'run`), "hir", 1, 4, { evil: true });
  const synthetic = writeSyntheticRun(join(root, "evil-synthetic"), { arm: "random-replay", data: "data/evil.json" }, [
    metricsLine(0),
    metricsLine(1, { refusals: { [EVIL]: 3 }, constraintPassRates: { [`${EVIL}.c`]: 0.5 } }),
    metricsLine(2, { refusals: { [EVIL]: 1, "nothing-passed": 2 }, constraintPassRates: { [`${EVIL}.c`]: 0.75 } }),
  ]);
  return buildReport([
    { dir: real, label: real.slice(root.length + 1) },
    { dir: synthetic, label: synthetic.slice(root.length + 1) },
  ], { title: `report ${EVIL}` });
}
