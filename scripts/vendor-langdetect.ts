/**
 * Rebuilds data/langdetect/ from the npm package `langdetect` (Shuyo's language
 * profiles, Apache-2.0): the IFEval language detector (src/runtime/text/language-detect.ts)
 * needs only each profile's name, its 1- to 3-gram frequencies and n-gram totals, and
 * the CJK class table, so that is all this keeps. The package itself is not a
 * dependency: it pulls in 144 MB of Unicode tables the detector never reads.
 *
 *   npx tsx scripts/vendor-langdetect.ts [version]     (default 0.2.1)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const version = process.argv[2] ?? "0.2.1";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "data", "langdetect");
const work = mkdtempSync(join(tmpdir(), "langdetect-"));
try {
  const tarball = execFileSync("npm", ["pack", `langdetect@${version}`, "--silent", "--pack-destination", work], { encoding: "utf8" }).trim().split("\n").pop()!;
  execFileSync("tar", ["xzf", join(work, tarball), "-C", work]);
  const pkg = join(work, "package");

  const profileDir = join(pkg, "profiles");
  const profiles = readdirSync(profileDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => {
      const p = JSON.parse(readFileSync(join(profileDir, file), "utf8")) as { name: string; freq: Record<string, number>; n_words: number[] };
      const freq: Record<string, number> = {};
      for (const gram of Object.keys(p.freq).sort()) {
        const len = [...gram].length;
        if (len >= 1 && len <= 3) freq[gram] = p.freq[gram]!;
      }
      return { name: p.name, n_words: p.n_words.slice(0, 3), freq };
    });

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // One profile per line: diffs between versions stay readable.
  writeFileSync(join(out, "profiles.json"), `[\n${profiles.map((p) => JSON.stringify(p)).join(",\n")}\n]\n`);
  writeFileSync(join(out, "cjk.json"), `${JSON.stringify(JSON.parse(readFileSync(join(pkg, "res", "cjk.json"), "utf8")), null, 1)}\n`);
  writeFileSync(join(out, "LICENSE"), readFileSync(join(pkg, "LICENSE"), "utf8"));
  writeFileSync(
    join(out, "README.md"),
    [
      "# Language profiles for the IFEval language detector",
      "",
      `Data from the npm package \`langdetect\` ${version} (the language profiles of Nakatani Shuyo's`,
      "language-detection library, Copyright (c) 2010-2014 Cybozu Labs, Inc., Apache License 2.0: see",
      "LICENSE in this folder). Kept: each profile's name, its 1- to 3-gram frequencies and n-gram",
      "totals (`profiles.json`, one language per line) and the CJK class table (`cjk.json`).",
      "",
      "Rebuild with `npx tsx scripts/vendor-langdetect.ts [version]`.",
      "",
    ].join("\n"),
  );
  console.log(`wrote ${profiles.length} profiles to ${out}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
