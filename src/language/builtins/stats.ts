/**
 * Text statistics: the general forms of IFBench's parametrizable checks (a stop-word
 * share, distinct words, sentence types, trigram overlap, numbers, repeated words,
 * palindromes, bracket and quotation nesting). Each measures what the IFBench checker
 * measures, with the same implementation, so a contract author can compare it any
 * way (`stop_word_percent <= 40`, `statements == 2 * questions`) instead of being
 * limited to the benchmark's one threshold. The `ifbench_*` built-ins name these as
 * their general counterparts.
 */
import { z } from "zod";
import type { BuiltinSpec, ClauseContext } from "./types.js";
import { quantity, sentence, where } from "./wording.js";

const atLeastOne = z.number().int("must be a whole number").min(1, "must be at least 1");

function counted(c: ClauseContext, singular: string, plural: string, verb = "use"): string | undefined {
  const q = quantity(c, singular, plural);
  return q ? sentence(`${verb} ${q}${where(c)}`) : undefined;
}

type MeasureSpec = Omit<BuiltinSpec, "kind" | "subject" | "group" | "result" | "params"> & Partial<Pick<BuiltinSpec, "params">> & { result?: "int" | "number" };

function measure(spec: MeasureSpec): BuiltinSpec {
  return { kind: "measure", subject: true, group: "Text statistics", result: "int", params: [], ...spec };
}

const SENTENCE_SPLIT = "Sentences are split as IFEval and IFBench split them (a rule-based splitter that knows abbreviations such as `Mr.` and `e.g.`, decimals and acronyms).";

function sentenceKind(name: string, mark: string, singular: string, plural: string, example: string, samples: BuiltinSpec["samples"]): BuiltinSpec {
  return measure({
    name, units: [singular, plural], example, samples,
    doc: `Number of sentences ending in \`${mark}\`. ${SENTENCE_SPLIT} With \`statements\`, \`questions\` and \`exclamations\` a check states any mix: \`statements == 2 * questions\`.`,
    clause: (c) => counted(c, singular, plural, "write"),
  });
}

export const STATS_BUILTINS: readonly BuiltinSpec[] = [
  measure({
    name: "stop_word_percent", result: "number", units: ["percent stop words", "stop words"],
    doc: "Share of stop words among the words, in percent (0 to 100): words are `\\w+` runs (letters, digits and `_`), stop words are NLTK's English list of 179 (compared in lower case). 0 for a text without words.",
    example: "check stop_word_percent <= 40",
    samples: [{ response: "Quarterly revenue grew strongly.", passes: true }, { response: "It is what it is.", passes: false }],
    clause: (c) => counted(c, "percent stop words", "percent stop words"),
  }),
  measure({
    name: "unique_words", units: ["unique word", "unique words", "distinct word", "distinct words", "different word", "different words"], refines: ["words"],
    doc: "Number of distinct words, ignoring case: whitespace-separated words with ASCII punctuation stripped from both ends (`Tea,` and `tea` are one word); a word that is only punctuation does not count.",
    example: "check unique_words >= 3",
    samples: [{ response: "Red, green and blue.", passes: true }, { response: "red red Red.", passes: false }],
    clause: (c) => counted(c, "unique word", "unique words"),
  }),
  sentenceKind("statements", ".", "sentence ending in a period", "sentences ending in a period", "check statements == 2 * questions",
    [{ response: "It rains. It pours. Why?", passes: true }, { response: "It rains. Why? How?", passes: false }]),
  sentenceKind("questions", "?", "question", "questions", "check questions >= 1",
    [{ response: "Is it raining? Yes.", passes: true }, { response: "It rains.", passes: false }]),
  sentenceKind("exclamations", "!", "exclamation", "exclamations", "check exclamations == questions and questions == statements",
    [{ response: "It rains. Why? Wow!", passes: true }, { response: "It rains! Why?", passes: false }]),
  measure({
    name: "trigram_overlap", result: "number", units: ["percent trigram overlap"],
    params: [{ name: "reference", type: "text", doc: "The reference text." }],
    doc: "Share, in percent (0 to 100), of the subject's distinct character trigrams (three consecutive characters, case-sensitive) that also occur in the reference text. 0 for a subject shorter than three characters.",
    example: "check trigram_overlap(\"the cat sat on the mat\") >= 50",
    samples: [{ response: "the cat sat", passes: true }, { response: "a dog ran off", passes: false }],
  }),
  measure({
    name: "numbers", units: ["number", "numbers"],
    doc: "Number of numbers: runs of decimal digits once ASCII punctuation is removed, so `3.14`, `1,000` and `2024-05-01` each count once (and `4-5` is one number).",
    example: "check numbers == 2",
    samples: [{ response: "I have 3 cats and 12 fish.", passes: true }, { response: "I have 3.5 cats.", passes: false }],
    clause: (c) => counted(c, "number", "numbers", "include"),
  }),
  measure({
    name: "max_word_repeats", units: ["repetition", "repetitions", "time", "times"],
    doc: "How often the most frequent word occurs: whitespace-separated words, in lower case, with ASCII punctuation removed. 0 for a text without words.",
    example: "check max_word_repeats <= 2",
    samples: [{ response: "The cat saw the dog.", passes: true }, { response: "The cat saw the dog by the door.", passes: false }],
    clause: (c) => (c.op === "<=" && c.value !== undefined ? sentence(`do not repeat any word more than ${c.value} ${c.value === 1 ? "time" : "times"}${where(c)}`) : undefined),
  }),
  measure({
    name: "palindromes", units: ["palindrome", "palindromes"], refines: ["words"],
    params: [{ name: "min_length", type: "int", default: 5, doc: "Fewest characters a palindrome must have.", schema: atLeastOne }],
    doc: "Number of words that read the same backwards (repeats count): whitespace-separated words, in lower case, with ASCII punctuation removed, of at least `min_length` characters.",
    example: "check palindromes >= 2",
    samples: [{ response: "A level road past the radar.", passes: true }, { response: "Wow, a kayak!", passes: false }],
    clause: (c) => {
      const q = quantity(c, "palindrome", "palindromes");
      const n = typeof c.args["min_length"] === "number" ? c.args["min_length"] : 5;
      return q ? sentence(`include ${q} of at least ${n} letters${where(c)}`) : undefined;
    },
  }),
  measure({
    name: "bracket_depth", units: ["level", "levels"],
    doc: "How deeply brackets nest: the deepest level at which a `()`, `[]` or `{}` group is closed by its matching bracket. A closing bracket that does not match the innermost open one closes nothing and forgets the open ones; groups that never close do not count.",
    example: "check bracket_depth >= 3",
    samples: [{ response: "a (b [c {d}])", passes: true }, { response: "a (b [c {d)", passes: false }],
    clause: (c) => counted(c, "level", "levels", "nest brackets to"),
  }),
  measure({
    name: "quote_depth", units: ["level", "levels"],
    doc: "How deeply quotations in `\"` and `'` nest. Marks are matched like brackets: a mark closes the innermost open quotation when it is the same mark, otherwise it opens a new one (so an apostrophe opens one too). The value is the largest number of levels closed, counted right after a closing mark as the deepest nesting reached so far minus the nesting that remains.",
    example: "check quote_depth >= 2",
    samples: [{ response: "He said \"she said 'hi'\".", passes: true }, { response: "He said \"hi\".", passes: false }],
    clause: (c) => counted(c, "level", "levels", "nest quotations to"),
  }),
];
