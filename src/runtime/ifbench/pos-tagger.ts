/**
 * NLTK's averaged perceptron English POS tagger (`nltk.pos_tag`), for the first
 * token only: `words:start_verb` reads nothing else. The vendored weights
 * (data/ifbench/pos-tagger.json, read on first use) are pruned to the features
 * that can fire at position 0, so the prediction there is the full model's. Feature names, normalisation,
 * the tag dictionary shortcut and the tie-break (highest score, then the
 * greatest label) follow `nltk.tag.perceptron.PerceptronTagger`.
 */
import { taggerData } from "./data.js";
import { isDigit } from "./python.js";

interface Model {
  classes: readonly string[];
  tagdict: Map<string, string>;
  weights: Map<string, Array<[number, number]>>;
}

let model: Model | undefined;

function load(): Model {
  if (model) return model;
  const data = taggerData();
  const tagdict = new Map<string, string>();
  for (const line of data.tagdict.split("\n")) {
    const tab = line.indexOf("\t");
    if (tab >= 0) tagdict.set(line.slice(0, tab), line.slice(tab + 1));
  }
  const weights = new Map<string, Array<[number, number]>>();
  for (const line of data.weights.split("\n")) {
    const tab = line.indexOf("\t");
    if (tab < 0) continue;
    const ws = line
      .slice(tab + 1)
      .split(" ")
      .map((p): [number, number] => {
        const colon = p.indexOf(":");
        return [Number(p.slice(0, colon)), Number(p.slice(colon + 1))];
      });
    weights.set(line.slice(0, tab), ws);
  }
  model = { classes: data.classes, tagdict, weights };
  return model;
}

function normalize(word: string): string {
  if (word.includes("-") && word[0] !== "-") return "!HYPHEN";
  if (isDigit(word) && Array.from(word).length === 4) return "!YEAR";
  if (word !== "" && isDigit(Array.from(word)[0]!)) return "!DIGITS";
  return word.toLowerCase();
}

function lastThree(s: string): string {
  return Array.from(s).slice(-3).join("");
}

/** The tag `nltk.pos_tag(tokens)[0][1]` gives the first token (undefined for no tokens). */
export function firstTokenTag(tokens: readonly string[]): string | undefined {
  if (tokens.length === 0) return undefined;
  const m = load();
  const word = tokens[0]!;
  const known = m.tagdict.get(word);
  if (known) return known;
  const context = ["-START-", "-START2-", ...tokens.slice(0, 3).map(normalize), "-END-", "-END2-"];
  const i = 2;
  const prev = "-START-";
  const prev2 = "-START2-";
  const features = new Map<string, number>();
  const add = (...parts: string[]) => {
    const key = parts.join(" ");
    features.set(key, (features.get(key) ?? 0) + 1);
  };
  add("bias");
  add("i suffix", lastThree(word));
  add("i pref1", word === "" ? "" : Array.from(word)[0]!);
  add("i-1 tag", prev);
  add("i-2 tag", prev2);
  add("i tag+i-2 tag", prev, prev2);
  add("i word", context[i]!);
  add("i-1 tag+i word", prev, context[i]!);
  add("i-1 word", context[i - 1]!);
  add("i-1 suffix", lastThree(context[i - 1]!));
  add("i-2 word", context[i - 2]!);
  add("i+1 word", context[i + 1]!);
  add("i+1 suffix", lastThree(context[i + 1]!));
  add("i+2 word", context[i + 2]!);
  const scores = new Map<number, number>();
  for (const [feat, value] of features) {
    const ws = m.weights.get(feat);
    if (!ws || value === 0) continue;
    for (const [label, weight] of ws) scores.set(label, (scores.get(label) ?? 0) + value * weight);
  }
  // max(self.classes, key=lambda label: (scores[label], label))
  let best = "";
  let bestScore = -Infinity;
  m.classes.forEach((label, idx) => {
    const s = scores.get(idx) ?? 0;
    if (s > bestScore || (s === bestScore && label > best)) {
      best = label;
      bestScore = s;
    }
  });
  return best;
}
