/**
 * Text analysis with exact IFEval reference semantics, plus general
 * Unicode-aware helpers for hand-written contracts.
 */
export * from "./python-chars.js";
export { compilePythonRegex, countMatches, escapeRegExpLiteral, isLiteralPattern, type PyRegexOptions, type PyRegexResult } from "./python-regex.js";
export { countIfevalWords, ifevalWordTokens } from "./ifeval-words.js";
export { countUnicodeWords, unicodeWords, containsWholeWord, countWholeWord, wholeWordRegExp, type WholeWordOptions } from "./unicode-words.js";
export { punktSentences, punktSentenceSpans, punktWordTokenize, englishPunktParameters, type PunktParameters } from "./punkt.js";
export { countIfevalSentences, ifevalSentenceSpans, splitIntoSentencesRuleBased } from "./sentences.js";
export { nltkUpperCaseTokens, nltkWordTokenize, treebankWordTokenize } from "./nltk-word-tokenize.js";
export { splitStarDividerParagraphs, splitBlankLineParagraphs, ifevalFirstWord, type StarDividerParagraphs, type BlankLineParagraphs } from "./paragraphs.js";
export { findIfevalBullets, countIfevalBullets, type BulletMatch } from "./bullets.js";
export { findIfevalHighlights, countIfevalHighlights, type HighlightSpan } from "./highlights.js";
export { findIfevalPlaceholders, countIfevalPlaceholders, type PlaceholderSpan } from "./placeholders.js";
export { findIfevalTitles, hasIfevalTitle, type TitleMatch } from "./title.js";
export { countIfevalSections, type SectionCount } from "./sections.js";
export { pythonJsonLoads, type JsonVerdict } from "./python-json.js";
export { detectLanguage, type LanguageDetection, type DetectOptions } from "./language-detect.js";
