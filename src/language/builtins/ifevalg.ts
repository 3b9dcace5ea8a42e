/**
 * IFEvalG compatibility built-ins: one predicate per id open-instruct's IFEvalG
 * registry adds to IFEval (the RLVR ground truth `hir import open-instruct` reads),
 * with its reference semantics. Named `ifevalg_<id with ':' and '-' as '_'>`.
 */
import { z } from "zod";
import { ifevalgBuiltinName } from "../../common/ifeval-names.js";
import type { BuiltinSample, BuiltinSpec, GeneralCounterpart, ParamSpec } from "./types.js";

const whole = z.number().int("must be a whole number");
const relation = z.enum(["less than", "at least"], { error: () => 'must be "less than" or "at least"' });
const p = {
  int: (name: string, doc: string): ParamSpec => ({ name, type: "int", doc, schema: whole }),
  text: (name: string, doc: string): ParamSpec => ({ name, type: "text", doc }),
  relation: (name: string): ParamSpec => ({ name, type: "text", doc: '"less than" or "at least".', schema: relation }),
};

export { ifevalgBuiltinName };

interface Def {
  readonly id: string;
  readonly params: readonly ParamSpec[];
  readonly doc: string;
  readonly wording: string;
  readonly args?: string;
  readonly samples: readonly BuiltinSample[];
  readonly general?: GeneralCounterpart;
}

const yes = (response: string): BuiltinSample => ({ response, passes: true });
const no = (response: string): BuiltinSample => ({ response, passes: false });

const DEFS: readonly Def[] = [
  { id: "copy:repeat_phrase", params: [p.text("phrase", "The phrase."), p.int("small_n", "Exact number of repetitions.")], doc: "Exactly n spans from the phrase's first word to its last, each the phrase's length and differing from it in exactly one word.", wording: "Repeat the phrase {phrase} exactly {small_n} times, transforming it slightly each time by replacing only one word in the center of the phrase.", args: 'phrase: "the cat sat", small_n: 2', samples: [yes("the dog sat and the cow sat"), no("the cat sat")] },
  { id: "copy:copy", params: [p.text("prompt_to_repeat", "The instruction to copy.")], doc: "The response is the instruction, verbatim (stripped, case-insensitive).", wording: "Copy this instruction verbatim, do not follow the instruction, only copy it into the output (do not include this instruction sentence!).", args: 'prompt_to_repeat: "Say hi."', samples: [yes("say hi."), no("Hi!")] },
  { id: "new:copy_span_idx", params: [p.text("prompt_to_repeat", "The request."), p.int("n_start", "Start index."), p.int("n_end", "End index (excluded).")], doc: "The response is the request's characters from n_start up to, not including, n_end.", wording: "Copy the span of words that lies between (and including) index {n_start} and {n_end}, the indices are character indices!", args: 'prompt_to_repeat: "hello world", n_start: 0, n_end: 5', samples: [yes("hello"), no("hello world")] },
  { id: "detectable_format:sentence_hyphens", params: [], doc: "Sentences are joined by hyphens with no spaces around them.", wording: "All sentences must be connected using hyphens, with no spaces between them.", samples: [yes("I run.-You walk."), no("I run. - You walk.")] },
  { id: "keywords:no_adjacent_consecutive", params: [], doc: "No two adjacent words start with consecutive letters of the alphabet.", wording: "No two adjacent words can start with consecutive letters of the alphabet.", samples: [yes("The cat ran"), no("A big cat")] },
  { id: "detectable_format:square_brackets", params: [], doc: "Every whitespace word starts with `[` and ends with `]`.", wording: "Enclose every word in your response within square brackets.", samples: [yes("[Hello] [world]"), no("[Hello] world")] },
  { id: "keywords:word_once", params: [p.text("keyword", "The keyword (a case-insensitive regex).")], doc: "The keyword occurs exactly once (case-insensitive regex count).", wording: "Include keyword {keyword} in your response.", args: 'keyword: "tea"', samples: [yes("I like tea."), no("Tea and more tea.")] },
  { id: "keywords:word_count_different_numbers", params: [p.text("keyword", "The keyword (a case-insensitive regex)."), p.int("frequency", "N."), p.relation("relation")], doc: "The keyword occurs less than / at least N times (IFEval's keywords:frequency).", wording: "In your response, the word {keyword} should appear {relation} {frequency} times.", args: 'keyword: "tea", frequency: 2, relation: "at least"', samples: [yes("Tea and more tea."), no("I like tea.")] },
  { id: "keywords:exclude_word_harder", params: [p.text("keyword", "The word.")], doc: "The keyword never appears with a space on each side (case-sensitive).", wording: "Do not include keyword {keyword} in the response.", args: 'keyword: "tea"', samples: [yes("I like coffee."), no("I like tea and cake.")] },
  { id: "paragraphs:paragraphs", params: [], doc: "Exactly 2 paragraphs separated by the markdown divider `***`.", wording: "There should be 2 paragraphs. Paragraphs and only paragraphs are separated with each other by the markdown divider: ***", samples: [yes("One.\n***\nTwo."), no("One.\n\nTwo.")] },
  { id: "paragraphs:paragraphs2", params: [], doc: "Exactly 2 paragraphs separated by a blank line.", wording: "There should be 2 paragraphs. Paragraphs and only paragraphs are separated with each other by two line breaks.", samples: [yes("One.\n\nTwo."), no("One.\nTwo.")] },
  { id: "first_word:first_word_sent", params: [p.text("first_word", "The word.")], doc: "Every sentence starts with the word (case-insensitive).", wording: "The first word of each sentence should be the word {first_word}.", args: 'first_word: "tea"', samples: [yes("Tea is hot. Tea is good."), no("Tea is hot. Coffee too.")] },
  { id: "first_word:first_word_answer", params: [p.text("first_word", "The word.")], doc: "The first whitespace word is the word (case-insensitive).", wording: "The first word of your response should be the word {first_word}.", args: 'first_word: "tea"', samples: [yes("Tea is hot."), no("Coffee is hot.")] },
  { id: "last_word:last_word_sent", params: [p.text("last_word", "The word.")], doc: "Every sentence's last word, punctuation removed, is the word (case-insensitive).", wording: "The last word of each sentence, before punctuation, should be the word {last_word}.", args: 'last_word: "tea"', samples: [yes("I like tea. You want tea."), no("I like tea. You want coffee.")] },
  { id: "last_word:last_word_answer", params: [p.text("last_word", "The word.")], doc: "The last whitespace word, punctuation removed, is the word (case-insensitive).", wording: "Let the last word of your response be the word {last_word}.", args: 'last_word: "tea"', samples: [yes("I like tea."), no("Tea I like.")] },
  { id: "detectable_format:bigram_wrapping", params: [], doc: "Words in pairs: each pair's first word starts with `<<` and its second ends with `>>`.", wording: "Wrap every word bigram in double angular brackets, such as <<I am>> <<at home>> <<with my>> <<cute dog>>.", samples: [yes("<<I am>> <<at home>>"), no("I am at home")] },
  { id: "copy:copying_simple", params: [p.text("prompt_to_repeat", "The request.")], doc: "The response is the request, verbatim, with no answer.", wording: "Repeat the request without change (do not say anything before repeating the request; the request you need to repeat does not include this sentence) and do not answer the actual request!", args: 'prompt_to_repeat: "Say hi."', samples: [yes("Say hi."), no("Hi!")] },
  { id: "copy:copying_multiple", params: [p.text("prompt_to_repeat", "The request."), p.int("N", "Number of copies.")], doc: "N copies of the request separated by `******`.", wording: "Repeat the request without change {N} times, separated by 6 asterisk symbols (do not say anything before repeating the request; the request you need to repeat does not include this sentence) and do not answer the actual request!", args: 'prompt_to_repeat: "Say hi.", N: 2', samples: [yes("Say hi.\n******\nSay hi."), no("Say hi.")] },
  { id: "punctuation:punctuation_dot", params: [], doc: "No `.` anywhere.", wording: "In your entire response, refrain from the use of . (i.e. dots) as punctuation and in general.", samples: [yes("Hello world"), no("Hello world.")], general: { builtins: ["contains"], check: 'check not contains(".")', differences: "None.", exact: true } },
  { id: "punctuation:punctuation_exclamation", params: [], doc: "No `!` anywhere.", wording: "In your entire response, refrain from the use of ! (i.e. exclamation marks) as punctuation and in general.", samples: [yes("Hello."), no("Hello!")], general: { builtins: ["contains"], check: 'check not contains("!")', differences: "None.", exact: true } },
  { id: "count:lowercase_counting", params: [p.int("N", "Most all-lowercase words.")], doc: "At most N all-lowercase ASCII words.", wording: "In your response, all lowercase words should appear at most {N} times.", args: "N: 2", samples: [yes("HELLO World is fine"), no("all of these words")] },
  { id: "letters:letter_counting", params: [p.int("N", "N."), p.relation("relation")], doc: "The number of ASCII letters is less than / at least N.", wording: "Answer with {relation} {N} letters.", args: 'N: 5, relation: "less than"', samples: [yes("Hi!"), no("Hello world")] },
  { id: "letters:letter_counting2", params: [p.text("letter", "The letter."), p.int("let_frequency", "N."), p.relation("let_relation")], doc: "The letter (lowercased) occurs less than / at least N times in the lowercased response.", wording: "In your response, the letter {letter} should appear {let_relation} {let_frequency} times.", args: 'letter: "z", let_frequency: 2, let_relation: "at least"', samples: [yes("Zig zag"), no("Zig")] },
  { id: "count:counting_composition", params: [p.int("n_sent", "Sentences per paragraph."), p.int("n_words", "NLTK tokens per sentence.")], doc: "3 `***`-separated paragraphs, each with exactly n_sent sentences of exactly n_words NLTK tokens (punctuation counts).", wording: "Write 3 paragraphs, delimited by the markdown divider: * * *, with exactly {n_sent} sentences each, with exactly {n_words} words in each sentence.", args: "n_sent: 1, n_words: 3", samples: [yes("I ran.\n***\nYou sat.\n***\nWe ate."), no("I ran.\n***\nYou sat.")] },
  { id: "count:count_unique", params: [], doc: "No NLTK token repeats (punctuation tokens included).", wording: "Only use unique words in your response, no word should be repeated!", samples: [yes("Every word differs"), no("the cat and the dog")] },
  { id: "count:count_increment_word", params: [p.text("keyword1", "Occurs once."), p.text("keyword2", "Occurs twice.")], doc: "keyword1 occurs exactly once and keyword2 exactly twice (case-insensitive regex counts).", wording: "Include keyword {keyword1} once in your response, keyword {keyword2} twice in your response.", args: 'keyword1: "tea", keyword2: "cup"', samples: [yes("A cup of tea, a cup."), no("A cup of tea.")] },
  { id: "keywords:palindrome", params: [], doc: "Some whitespace word is its own reverse (a single letter counts).", wording: "Include a palindrome in your response.", samples: [yes("I saw a racecar"), no("Hello world")] },
  { id: "keywords:keyword_specific_position", params: [p.text("keyword", "The keyword."), p.int("n", "1-based sentence number."), p.int("m", "1-based token number.")], doc: "The m-th NLTK token of the n-th sentence is the keyword (case-sensitive).", wording: "Include keyword {keyword} in the {n}-th sentence, as the {m}-th word of that sentence.", args: 'keyword: "tea", n: 1, m: 3', samples: [yes("I like tea."), no("I like Tea.")] },
  { id: "keywords:start_end", params: [], doc: "The first and last NLTK tokens are equal (case-insensitive), with at least 2 tokens.", wording: "Start and end your response with the same word (do not write anything after the last word, not even punctuation).", samples: [yes("Tea is good tea"), no("Tea is good.")] },
];

export const IFEVALG_IDS: readonly string[] = DEFS.map((d) => d.id);

function render(wording: string, args: Readonly<Record<string, unknown>>): string | undefined {
  let missing = false;
  const out = wording.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = args[name];
    if (v === undefined) missing = true;
    return String(v);
  });
  return missing ? undefined : out;
}

export const IFEVALG_BUILTINS: readonly BuiltinSpec[] = DEFS.map((d) => ({
  name: ifevalgBuiltinName(d.id),
  kind: "predicate",
  subject: false,
  params: d.params,
  result: "bool",
  doc: `IFEvalG \`${d.id}\` (open-instruct). ${d.doc}`,
  group: "IFEvalG (open-instruct) compatibility",
  example: `check ${ifevalgBuiltinName(d.id)}${d.args ? `(${d.args})` : ""}`,
  samples: d.samples,
  clause: (c) => (c.negated ? undefined : render(d.wording, c.args)),
  ...(d.general ? { general: d.general } : {}),
}));
