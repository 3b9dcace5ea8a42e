/**
 * The vendored tables IFBench's checkers rest on (data/ifbench/, sources and licenses in
 * data/ifbench/NOTICE.md, rebuilt by scripts/build-ifbench-data.py). Each is read on the
 * first call that needs it, never at import: the POS tagger alone is 1.8 MB, which every
 * `hir` command that verifies used to load at start-up whether or not it ran an IFBench check.
 */
import { readPackageData } from "../../common/package-data.js";

export interface TaggerData {
  /** The labels; weights refer to them by index. */
  readonly classes: readonly string[];
  /** `word\ttag` lines. */
  readonly tagdict: string;
  /** `feature\tclassIndex:weight ...` lines. */
  readonly weights: string;
}

const read = (name: string): string => readPackageData("ifbench", name);

/** NLTK averaged perceptron English tagger, pruned to first-token features. */
export function taggerData(): TaggerData {
  return JSON.parse(read("pos-tagger.json")) as TaggerData;
}

/** NLTK `stopwords.words('english')`, in corpus order. */
export function stopwordsData(): string[] {
  return read("stopwords.txt").split("\n").filter((w) => w !== "");
}

/** Code points `c` for which `emoji.is_emoji(c)` is true, as hex ranges (`a9`, `1f600-1f64f`). */
export function emojiRangesData(): string[] {
  return read("emoji.txt").split("\n").filter((r) => r !== "");
}

/** syllapy 0.7.2 data.csv: `word,syllables` lines (a later duplicate wins, as with dict assignment). */
export function syllapyData(): string {
  return read("syllapy.csv");
}
