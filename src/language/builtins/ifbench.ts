/**
 * IFBench compatibility built-ins: one predicate per IFBench out-of-distribution
 * instruction id (allenai/IFBench), with the reference evaluator's semantics.
 * Named `ifbench_<id with ':' and '-' as '_'>` and taking the reference kwargs
 * by name, so imported rows map one to one; an optional `revision` chooses the
 * published (default) or the current IFBench code (docs/ifbench.md). The
 * default clause is IFBench's own instruction sentence, so a hindsight rewrite
 * renders the constraint the way the benchmark words it.
 */
import { z } from "zod";
import { ifbenchBuiltinName } from "../../common/ifeval-names.js";
import type { BuiltinSample, BuiltinSpec, GeneralCounterpart, ParamSpec } from "./types.js";

const whole = z.number().int("must be a whole number");

const p = {
  int: (name: string, doc: string): ParamSpec => ({ name, type: "int", doc, schema: whole }),
  pos: (name: string, doc: string): ParamSpec => ({ name, type: "int", doc, schema: whole.min(1, "must be at least 1") }),
  num: (name: string, doc: string): ParamSpec => ({ name, type: "number", doc }),
  text: (name: string, doc: string): ParamSpec => ({ name, type: "text", doc }),
};

export const IFBENCH_REVISION_PARAM: ParamSpec = {
  name: "revision",
  type: "text",
  default: "published",
  doc: '"published" (the IFBench code that produced its published results, default) or "current" (the repository head); see docs/ifbench.md.',
  schema: z.enum(["published", "current"], { error: () => 'must be "published" or "current"' }),
};

export { ifbenchBuiltinName };

interface Def {
  readonly id: string;
  readonly params: readonly ParamSpec[];
  readonly doc: string;
  /** IFBench's instruction sentence; `{name}` is replaced by the argument. */
  readonly wording: string;
  readonly example: string;
  readonly samples: readonly BuiltinSample[];
}

/**
 * The general form of an id whose check is a threshold on something a contract
 * author would measure anyway, written for the id's example arguments.
 */
const GENERAL: Readonly<Record<string, GeneralCounterpart>> = {
  "count:word_count_range": { builtins: ["words"], check: "check words in 3..5", differences: "IFBench counts `\\w+` runs (`don't` is two words, `snake_case` one); `words` counts Unicode word segments (`don't` is one word, `snake_case` one)." },
  "count:unique_word_count": { builtins: ["unique_words"], check: "check unique_words >= 3", differences: "Same words (lowercased, ASCII punctuation stripped from the ends); IFBench also counts a word made only of punctuation (`-`) as one more distinct word." },
  "ratio:stop_words": { builtins: ["stop_word_percent"], check: "check stop_word_percent <= 40", differences: "Same measure; IFBench fails a text without words, where `stop_word_percent` is 0." },
  "ratio:sentence_type": { builtins: ["statements", "questions"], check: "check statements == 2 * questions", differences: "None: the same sentence counts (`revision: \"current\"` splits sentences with NLTK's Punkt instead).", exact: true },
  "ratio:sentence_balance": { builtins: ["statements", "questions", "exclamations"], check: "check statements == questions and questions == exclamations", differences: "None: the same sentence counts (`revision: \"current\"` splits sentences with NLTK's Punkt instead).", exact: true },
  "ratio:overlap": { builtins: ["trigram_overlap"], check: "check trigram_overlap(\"the cat sat\") in 98..102", differences: "Same measure; IFBench fails a response shorter than three characters, where `trigram_overlap` is 0, and only offers a ±2 band." },
  "count:numbers": { builtins: ["numbers"], check: "check numbers == 2", differences: "None: the same count.", exact: true },
  "words:palindrome": { builtins: ["palindromes"], check: "check palindromes >= 10", differences: "None: the same count; `min_length` changes the length IFBench fixes at 5.", exact: true },
  "words:repeats": { builtins: ["max_word_repeats"], check: "check max_word_repeats <= 1", differences: "None for a limit of 0 or more.", exact: true },
  "format:parentheses": { builtins: ["bracket_depth"], check: "check bracket_depth >= 5", differences: "None: IFBench stops at the first group closed 5 levels deep, `bracket_depth` reports the deepest.", exact: true },
  "format:quotes": { builtins: ["quote_depth"], check: "check quote_depth >= 3", differences: "None: IFBench stops once 3 levels are closed, `quote_depth` reports the most.", exact: true },
  "format:list": { builtins: ["count"], check: "check count(\"SEPARATOR\") >= 2", differences: "None for a non-empty separator (both count non-overlapping literal occurrences).", exact: true },
  "format:output_template": { builtins: ["contains_all"], check: "check contains_all([\"My Answer:\", \"My Conclusion:\", \"Future Outlook:\"])", differences: "None: both look for the three literal labels anywhere.", exact: true },
};

const yes = (response: string): BuiltinSample => ({ response, passes: true });
const no = (response: string): BuiltinSample => ({ response, passes: false });
const ex = (id: string, args = "") => `check ${ifbenchBuiltinName(id)}${args ? `(${args})` : ""}`;

const CAPITALS = "Reykjavik, Helsinki, Oslo, Tallinn, Stockholm, Riga, Moscow, Copenhagen, Vilnius, Minsk, Dublin, Berlin, Amsterdam, Warsaw, London, Brussels, Prague, Luxembourg, Paris, Vienna, Bratislava, Budapest, Vaduz, Chisinau, Bern, Ljubljana, Zagreb";

const DEFS: readonly Def[] = [
  { id: "count:word_count_range", params: [p.int("min_words", "Fewest words."), p.int("max_words", "Most words.")], doc: "The `\\w+` word count lies in [min_words, max_words].", wording: "The response must contain between {min_words} and {max_words} words.", example: ex("count:word_count_range", "min_words: 3, max_words: 5"), samples: [yes("One two three four."), no("Just two.")] },
  { id: "count:unique_word_count", params: [p.int("N", "Fewest distinct words.")], doc: "At least N distinct words (lowercased whitespace words, punctuation stripped).", wording: "Use at least {N} unique words in the response.", example: ex("count:unique_word_count", "N: 3"), samples: [yes("red green blue"), no("red red Red.")] },
  { id: "ratio:stop_words", params: [p.num("percentage", "Highest share of stop words, in percent.")], doc: "NLTK English stop words make up at most `percentage`% of the `\\w+` words.", wording: "Ensure that stop words constitute no more than {percentage}% of the total words in your response.", example: ex("ratio:stop_words", "percentage: 40"), samples: [yes("Quarterly revenue grew strongly."), no("It is what it is.")] },
  { id: "ratio:sentence_type", params: [], doc: 'Twice as many sentences end in "." as in "?".', wording: "Maintain a 2:1 ratio of declarative to interrogative sentences.", example: ex("ratio:sentence_type"), samples: [yes("It rains. It pours. Why?"), no("It rains. Why? How?")] },
  { id: "ratio:sentence_balance", params: [], doc: 'As many sentences end in "." as in "?" and in "!".', wording: "Ensure that the ratio of sentence types (declarative, interrogative, exclamatory) is balanced.", example: ex("ratio:sentence_balance"), samples: [yes("It rains. Why? Wow!"), no("It rains. Why?")] },
  { id: "count:conjunctions", params: [p.int("small_n", "Fewest distinct coordinating conjunctions.")], doc: "At least n distinct coordinating conjunction tokens (and, but, for, nor, or, so, yet).", wording: "Use at least {small_n} different coordinating conjunctions in the response.", example: ex("count:conjunctions", "small_n: 2"), samples: [yes("Tea and cake, but no coffee."), no("Tea and cake and jam.")] },
  { id: "count:person_names", params: [p.int("N", "Fewest names.")], doc: "At least N distinct names from IFBench's list of 50 first names (substring matches in the published revision, whole words in the current one).", wording: "Mention at least {N} different person names in the response, from this list of person names: Emma, Liam, Sophia, Jackson, Olivia, Noah, Ava, Lucas, Isabella, Mason, Mia, Ethan, Charlotte, Alexander, Amelia, Benjamin, Harper, Leo, Zoe, Daniel, Chloe, Samuel, Lily, Matthew, Grace, Owen, Abigail, Gabriel, Ella, Jacob, Scarlett, Nathan, Victoria, Elijah, Layla, Nicholas, Audrey, David, Hannah, Christopher, Penelope, Thomas, Nora, Andrew, Aria, Joseph, Claire, Ryan, Stella, Jonathan.", example: ex("count:person_names", "N: 2"), samples: [yes("Emma met Noah."), no("Emma met Bob.")] },
  { id: "ratio:overlap", params: [p.text("reference_text", "The reference text."), p.num("percentage", "Target overlap, in percent (±2).")], doc: "The share of the response's distinct character trigrams found in the reference is within 2 points of `percentage`.", wording: "Maintain a trigram overlap of {percentage}% (±2%) with the provided reference text.", example: ex("ratio:overlap", 'reference_text: "the cat sat", percentage: 100'), samples: [yes("the cat"), no("a dog ran")] },
  { id: "count:numbers", params: [p.int("N", "Exact number of numbers.")], doc: "Exactly N digit runs once punctuation is removed (3.14 is one number).", wording: "Include exactly {N} numbers in the response.", example: ex("count:numbers", "N: 2"), samples: [yes("I have 3 cats and 12 fish."), no("I have 3 cats.")] },
  { id: "words:alphabet", params: [], doc: "Successive words start with successive letters, wrapping from z to a.", wording: "Each word must start with the next letter of the alphabet, looping back to 'A' after 'Z'.", example: ex("words:alphabet"), samples: [yes("Yes, zebras are big."), no("Apples are good.")] },
  { id: "words:vowel", params: [], doc: "One line that uses at most 3 distinct vowels (a, e, i, o, u).", wording: "Write a paragraph using words that contain only three types of vowels.", example: ex("words:vowel"), samples: [yes("A cat sat on a mat."), no("A cat sat.\nA dog ran.")] },
  { id: "words:consonants", params: [], doc: "Every whitespace word has two adjacent consonant letters.", wording: "Ensure each word in your response has at least one consonant cluster (two or more consonants together).", example: ex("words:consonants"), samples: [yes("Strong winds blast."), no("A strong wind.")] },
  { id: "sentence:alliteration_increment", params: [], doc: "Each sentence has a higher alliteration score (runs of words sharing a first letter) than the one before.", wording: "Each sentence must have a longer sequence of consecutive alliterative words than the previous one.", example: ex("sentence:alliteration_increment"), samples: [yes("Big day. Silly snakes slither."), no("Silly snakes slither. Big day.")] },
  { id: "words:palindrome", params: [], doc: "At least 10 palindromic words of 5 or more letters (repeats count).", wording: "Include at least 10 single-word palindromes, each at least 5 characters long.", example: ex("words:palindrome"), samples: [yes("level radar civic kayak refer madam rotor stats tenet level"), no("level radar civic")] },
  { id: "count:punctuation", params: [], doc: "Has an interrobang (?!, !? or ‽), and . , ! ? ; : all appear besides it.", wording: "Use every standard punctuation mark at least once, including semicolons, colons, and the interrobang (?!).", example: ex("count:punctuation"), samples: [yes("Wait, what?! Yes; indeed: fine. Really? Wow!"), no("Wait, what?!")] },
  { id: "format:parentheses", params: [], doc: "(), [] and {} nested at least 5 deep (a mismatched closer resets).", wording: "Nest parentheses (and [brackets {and braces}]) at least 5 levels deep.", example: ex("format:parentheses"), samples: [yes("a (b [c {d (e [f])}])"), no("a (b [c])")] },
  { id: "format:quotes", params: [], doc: "Quotation marks (\" and ') nested at least 3 levels deep.", wording: "Include quotes within quotes within quotes, at least 3 levels deep, alternating between double quotes and single quotes.", example: ex("format:quotes"), samples: [yes("He said \"she said 'they said \"hi\"'\""), no("He said \"hi\".")] },
  { id: "words:prime_lengths", params: [], doc: "Every word (punctuation removed) has a prime number of letters.", wording: "Use only words with lengths that are prime numbers.", example: ex("words:prime_lengths"), samples: [yes("We are the big cat."), no("This is it.")] },
  { id: "format:options", params: [p.text("options", 'The options, e.g. "yes/no/maybe" or "a), b), c), d)".')], doc: "The response is exactly one option (lettered options compared exactly, others ignoring case and punctuation).", wording: "Answer with one of the following options: {options}. Do not give any explanation.", example: ex("format:options", 'options: "yes/no/maybe"'), samples: [yes("Maybe."), no("Yes, because it rains.")] },
  { id: "format:newline", params: [], doc: "One word per non-empty line.", wording: "Write each word on a new line.", example: ex("format:newline"), samples: [yes("One\ntwo\nthree"), no("One two\nthree")] },
  { id: "format:emoji", params: [], doc: "Every sentence ends with an emoji (or the next one starts with one).", wording: "Please use an emoji at the end of every sentence.", example: ex("format:emoji"), samples: [yes("I love tea ☕. It is warm 🔥."), no("I love tea. It is warm 🔥.")] },
  { id: "ratio:sentence_words", params: [], doc: "Exactly 3 sentences of the same length in characters (different words are not checked).", wording: "Respond with three sentences, all containing the same number of characters but using all different words.", example: ex("ratio:sentence_words"), samples: [yes("Cats nap. Dogs run. Owls fly."), no("Cats nap. Dogs run.")] },
  { id: "count:words_japanese", params: [p.pos("N", "Every N-th word must contain Japanese.")], doc: "Every N-th whitespace word (digits and empty words skipped) contains Hiragana, Katakana or CJK characters.", wording: "Every {N}th word of your response must be in Japanese.", example: ex("count:words_japanese", "N: 2"), samples: [yes("I 猫 like 犬"), no("I like cats")] },
  { id: "words:start_verb", params: [], doc: "NLTK's averaged perceptron tagger tags the first token as a verb (VB*).", wording: "The response must start with a verb.", example: ex("words:start_verb"), samples: [yes("Write a poem about tea."), no("The store is open.")] },
  { id: "words:repeats", params: [p.int("small_n", "Most repetitions of any word.")], doc: "No word (lowercased, punctuation removed) occurs more than n times.", wording: "The response should not repeat any word more than {small_n} times.", example: ex("words:repeats", "small_n: 1"), samples: [yes("Every word differs here."), no("The cat saw the dog.")] },
  { id: "sentence:keyword", params: [p.text("word", "The keyword."), p.int("N", "1-based sentence number.")], doc: "The keyword appears in the N-th sentence (case-insensitive; a substring in the published revision, a whole word in the current one).", wording: "The response must include keyword \"{word}\" in the {N}-th sentence.", example: ex("sentence:keyword", 'word: "tea", N: 2'), samples: [yes("Hello there. I like tea."), no("I like tea. Hello there.")] },
  { id: "count:pronouns", params: [p.int("N", "Fewest pronouns.")], doc: "At least N pronouns (31 personal ones counted on punctuation-free words in the published revision; about 60 on NLTK tokens in the current one).", wording: "The response should include at least {N} pronouns.", example: ex("count:pronouns", "N: 2"), samples: [yes("She told me."), no("The cat sat.")] },
  { id: "words:odd_even_syllables", params: [], doc: "Syllable-count parity (syllapy) alternates between consecutive words.", wording: "Alternate between words with odd and even numbers of syllables.", example: ex("words:odd_even_syllables"), samples: [yes("Cat water dog"), no("Cat dog")] },
  { id: "words:last_first", params: [], doc: "Each sentence starts with the previous sentence's last word (case-insensitive).", wording: "The last word of each sentence must become the first word of the next sentence.", example: ex("words:last_first"), samples: [yes("I like tea. Tea is warm."), no("I like tea. Coffee is warm.")] },
  { id: "words:paragraph_last_first", params: [], doc: "Every non-empty line starts and ends with the same word.", wording: "Each paragraph must end with the same word it started with, separate paragraphs with a newline.", example: ex("words:paragraph_last_first"), samples: [yes("Rain falls on rain.\nSun warms the sun."), no("Rain falls on us.")] },
  { id: "sentence:increment", params: [p.int("small_n", "Words added per sentence.")], doc: "Each sentence has exactly n more words than the previous one.", wording: "Each sentence must contain exactly {small_n} more words than the previous one.", example: ex("sentence:increment", "small_n: 1"), samples: [yes("I run. I run fast. I run very fast."), no("I run. I run fast today now.")] },
  { id: "words:no_consecutive", params: [], doc: "No two adjacent words start with the same letter.", wording: "No two consecutive words can share the same first letter.", example: ex("words:no_consecutive"), samples: [yes("The cat ran home."), no("The tall cat.")] },
  { id: "format:line_indent", params: [], doc: "Non-blank lines are indented by strictly more spaces than the line before.", wording: "Create stairs by incrementally indenting each new line.", example: ex("format:line_indent"), samples: [yes("one\n two\n  three"), no("one\ntwo")] },
  { id: "format:quote_unquote", params: [], doc: "No two quotation marks are adjacent once whitespace is removed, and the text does not end with one.", wording: "Every quoted phrase must be followed by an unquoted explanation.", example: ex("format:quote_unquote"), samples: [yes("\"Carpe diem\" means seize the day."), no("He said \"Carpe diem\".")] },
  { id: "format:list", params: [p.text("sep", "The separator used instead of bullets.")], doc: "The separator occurs at least twice.", wording: "Answer with a list of items, instead of bullet points use {sep}.", example: ex("format:list", 'sep: "SEPARATOR"'), samples: [yes("tea SEPARATOR coffee SEPARATOR milk"), no("tea, coffee, milk")] },
  { id: "format:thesis", params: [], doc: "An <i>…</i> or <em>…</em> with content is followed by more text (only the first is checked).", wording: "Each section must begin with a thesis statement in italics, use HTML to indicate the italics.", example: ex("format:thesis"), samples: [yes("<i>Tea is best.</i> Here is why."), no("<i>Tea is best.</i>")] },
  { id: "format:sub-bullets", params: [], doc: "Every piece of text after a `*` contains a `-`.", wording: "Your response must include bullet points denoted by * and at least one sub-bullet point denoted by - for each bullet point.", example: ex("format:sub-bullets"), samples: [yes("* Tea\n  - green\n* Coffee\n  - black"), no("* Tea\n* Coffee")] },
  { id: "format:no_bullets_bullets", params: [], doc: "At least 2 sentences of prose, then at least 2 `*` bullet lines and nothing else.", wording: "Your answer must contain at least two sentences ending in a period followed by at least two bullet points denoted by *.", example: ex("format:no_bullets_bullets"), samples: [yes("Tea is good. Coffee too.\n* green\n* black"), no("Tea is good.\n* green\n* black")] },
  { id: "custom:multiples", params: [], doc: "The digit runs are exactly 14, 21, 28, 35, 42, 49.", wording: "Count from 10 to 50 but only print multiples of 7.", example: ex("custom:multiples"), samples: [yes("14, 21, 28, 35, 42, 49"), no("7, 14, 21")] },
  { id: "custom:mcq_count_length", params: [], doc: 'Starts with "Question"; 4 questions with 5 options A–E each, stems strictly longer each time.', wording: "Generate 4 multiple choice questions with 5 options each about '20th century art history'. Each question should start with the label \"Question\". The questions should get progressively longer. Do not provide an explanation.", example: ex("custom:mcq_count_length"), samples: [yes(["Q1?", "Q22?", "Q333?", "Q4444?"].map((s, i) => `Question ${i + 1}: ${s}\nA. a\nB. b\nC. c\nD. d\nE. e`).join("\n")), no("Question 1: Why?\nA. a\nB. b")] },
  { id: "custom:reverse_newline", params: [], doc: 'From the line with "Zimbabwe" on, at least 52 lines in reverse alphabetical order (accents removed).', wording: "List the countries of Africa in reverse alphabetical order, each on a new line.", example: ex("custom:reverse_newline"), samples: [yes(Array.from({ length: 52 }, (_, i) => (i === 0 ? "Zimbabwe" : `Country ${String(99 - i).padStart(2, "0")}`)).join("\n")), no("Zimbabwe\nAlgeria")] },
  { id: "custom:word_reverse", params: [], doc: 'Reading the words backwards gives one sentence containing "bald eagle".', wording: "What animal is the national symbol of the US? Respond to this query, but make your sentence in reverse order of what it should be, per word.", example: ex("custom:word_reverse"), samples: [yes("eagle bald the is It"), no("It is the bald eagle.")] },
  { id: "custom:character_reverse", params: [], doc: 'Contains "elgae dlab" (case-insensitive).', wording: "What animal is the national symbol of the US? Respond to this query, but make your sentence in reverse order of what it should be, per letter.", example: ex("custom:character_reverse"), samples: [yes("elgae dlab eht si tI"), no("It is the bald eagle.")] },
  { id: "custom:sentence_alphabet", params: [], doc: "Exactly 26 sentences whose first words start with a, b, … z.", wording: "Tell me a 26-sentence story where each sentence's first word starts with the letters of the alphabet in order.", example: ex("custom:sentence_alphabet"), samples: [yes("abcdefghijklmnopqrstuvwxyz".split("").map((c) => `${c.toUpperCase()}x went home.`).join(" ")), no("A cat sat. Birds sang.")] },
  { id: "custom:european_capitals_sort", params: [], doc: "A comma-separated list exactly equal to IFBench's 27 capitals, north to south.", wording: "Give me the names of all capital cities of european countries whose latitude is higher than than 45 degrees? List the capital cities without country names, separated by commas, sorted by latitude, from highest to lowest.", example: ex("custom:european_capitals_sort"), samples: [yes(CAPITALS), no("Oslo, Helsinki")] },
  { id: "custom:csv_city", params: [], doc: "CSV with 8 rows: header ID, Country, City, Year, Count and 5 fields per row.", wording: "Generate CSV data: The column names are [\"ID\", \"Country\", \"City\", \"Year\", \"Count\"], the data should be comma delimited. Please generate 7 rows.", example: ex("custom:csv_city"), samples: [yes(["ID,Country,City,Year,Count", ...Array.from({ length: 7 }, (_, i) => `${i},X,Y,2000,${i}`)].join("\n")), no("ID,Country,City\n1,X,Y")] },
  { id: "custom:csv_special_character", params: [], doc: "CSV header ProductID, Category, Brand, Price, Stock; 15 rows of 5 fields; a quoted field holds a special character.", wording: "Generate CSV data: The column names are [\"ProductID\", \"Category\", \"Brand\", \"Price\", \"Stock\"], the data should be comma delimited. Please generate 14 rows. Add one field which contains a special character and enclose it in double quotes.", example: ex("custom:csv_special_character"), samples: [yes(["ProductID,Category,Brand,Price,Stock", '1,"Toys & Games",Acme,9,3', ...Array.from({ length: 13 }, (_, i) => `${i + 2},Food,Acme,1,2`)].join("\n")), no("ProductID,Category,Brand,Price,Stock\n1,Food,Acme,1,2")] },
  { id: "custom:csv_quotes", params: [], doc: "Tab-separated, header StudentID, Subject, Grade, Semester, Score, 4 rows, every field in double quotes.", wording: "Generate CSV data: The column names are [\"StudentID\", \"Subject\", \"Grade\", \"Semester\", \"Score\"], the data should be tab delimited. Please generate 3 rows and enclose each single field in double quotes.", example: ex("custom:csv_quotes"), samples: [yes(['"StudentID"\t"Subject"\t"Grade"\t"Semester"\t"Score"', ...Array.from({ length: 3 }, (_, i) => `"${i}"\t"Math"\t"A"\t"Fall"\t"90"`)].join("\n")), no("StudentID\tSubject\tGrade\tSemester\tScore\n1\tMath\tA\tFall\t90")] },
  { id: "custom:date_format_list", params: [], doc: "A comma-separated list of YYYY-MM-DD dates with years 1769–1821 and plausible months and days.", wording: "List the start dates of all the battles Napoleon fought separated by commas, use the following date format: YYYY-MM-DD. Do not provide an explanation.", example: ex("custom:date_format_list"), samples: [yes("1796-04-12, 1805-12-02"), no("1796-04-12, 12/02/1805")] },
  { id: "count:keywords_multiple", params: [1, 2, 3, 4, 5].map((i) => p.text(`keyword${i}`, `Must occur exactly ${[1, 2, 3, 5, 7][i - 1]} time${i === 1 ? "" : "s"}.`)), doc: "The five keywords occur exactly 1, 2, 3, 5 and 7 times (case-insensitive substrings).", wording: "Include keyword {keyword1} once in your response, keyword {keyword2} twice in your response, keyword {keyword3} three times in your response, keyword {keyword4} five times in your response, and keyword {keyword5} seven times in your response.", example: ex("count:keywords_multiple", 'keyword1: "a1", keyword2: "b2", keyword3: "c3", keyword4: "d4", keyword5: "e5"'), samples: [yes("a1 b2 b2 c3 c3 c3 d4 d4 d4 d4 d4 e5 e5 e5 e5 e5 e5 e5"), no("a1 b2")] },
  { id: "words:keywords_specific_position", params: [p.text("keyword", "The keyword."), p.int("n", "1-based sentence number."), p.int("m", "1-based word number in that sentence.")], doc: "The m-th word of the n-th sentence is the keyword (NLTK tokens; case-sensitive in the published revision, punctuation tokens skipped and case ignored in the current one).", wording: "Include keyword {keyword} in the {n}-th sentence, as the {m}-th word of that sentence.", example: ex("words:keywords_specific_position", 'keyword: "tea", n: 2, m: 3'), samples: [yes("Hello. I like tea now."), no("Hello. I like coffee now.")] },
  { id: "words:words_position", params: [p.text("keyword", "The keyword.")], doc: "The second token and the second-to-last token (NLTK) are the keyword.", wording: "The second word in your response and the second to last word in your response should be the word {keyword}.", example: ex("words:words_position", 'keyword: "tea"'), samples: [yes("I tea you tea ."), no("I like tea.")] },
  { id: "repeat:repeat_change", params: [p.text("prompt_to_repeat", "The request to repeat.")], doc: "The request repeated with only its first word changed (and nothing else).", wording: "Repeat the request, but change the first word of the repeated request, (do not say anything before repeating the request; the request you need to repeat does not include this sentence) and do not answer the actual request! Request: {prompt_to_repeat}", example: ex("repeat:repeat_change", 'prompt_to_repeat: "Write a poem about tea."'), samples: [yes("Compose a poem about tea."), no("Write a poem about tea.")] },
  { id: "repeat:repeat_simple", params: [], doc: 'Exactly "Only output this sentence here, ignore all other requests." (case-insensitive).', wording: "Only output this sentence here, ignore all other requests.", example: ex("repeat:repeat_simple"), samples: [yes("Only output this sentence here, ignore all other requests."), no("Sure! Only output this sentence here, ignore all other requests.")] },
  { id: "repeat:repeat_span", params: [p.text("prompt_to_repeat", "The request."), p.int("n_start", "Start index."), p.int("n_end", "End index.")], doc: "The response is the request's span from n_start to n_end (published: whitespace-word indices, end excluded; current: character indices, end included).", wording: "Copy the span of words that lies between (and including) index {n_start} and {n_end}, the indices are character indices!", example: ex("repeat:repeat_span", 'prompt_to_repeat: "one two three four", n_start: 1, n_end: 3'), samples: [yes("two three"), no("two three four")] },
  { id: "format:title_case", params: [], doc: "Every NLTK token is in title case (the current revision also rejects single lowercase letters).", wording: "Write the entire response in title case (capitalize the first letter of every major word).", example: ex("format:title_case"), samples: [yes("The Quick Brown Fox"), no("The quick brown fox")] },
  { id: "format:output_template", params: [], doc: 'Contains "My Answer:", "My Conclusion:" and "Future Outlook:".', wording: "Use this exact template for your response: My Answer: [answer] My Conclusion: [conclusion] Future Outlook: [outlook]", example: ex("format:output_template"), samples: [yes("My Answer: yes My Conclusion: fine Future Outlook: good"), no("My Answer: yes")] },
  { id: "format:no_whitespace", params: [], doc: "No whitespace characters at all.", wording: "The output should not contain any whitespace.", example: ex("format:no_whitespace"), samples: [yes("NoSpacesHere."), no("Two words")] },
];

export const IFBENCH_IDS: readonly string[] = DEFS.map((d) => d.id);

/** The IFBench id a compatibility built-in stands for. */
export function ifbenchIdOf(builtinName: string): string | undefined {
  return IFBENCH_IDS.find((id) => ifbenchBuiltinName(id) === builtinName);
}

function render(wording: string, args: Readonly<Record<string, unknown>>): string | undefined {
  let missing = false;
  const out = wording.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = args[name];
    if (v === undefined) missing = true;
    return typeof v === "string" ? v : String(v);
  });
  return missing ? undefined : out;
}

export const IFBENCH_BUILTINS: readonly BuiltinSpec[] = DEFS.map((d) => ({
  name: ifbenchBuiltinName(d.id),
  kind: "predicate",
  subject: false,
  params: [...d.params, IFBENCH_REVISION_PARAM],
  result: "bool",
  doc: `IFBench \`${d.id}\`. ${d.doc}`,
  group: "IFBench compatibility",
  example: d.example,
  samples: d.samples,
  clause: (c) => (c.negated ? undefined : render(d.wording, c.args)),
  ...(GENERAL[d.id] ? { general: GENERAL[d.id] } : {}),
}));
