/**
 * Paragraph rules used by IFEval.
 *
 * - `length_constraints:number_paragraphs` splits on the markdown divider
 *   `***` with at most one whitespace character absorbed on each side
 *   (`re.split(r"\s?\*\*\*\s?", text)`): blank-line paragraphs are one piece,
 *   `* * *` is not a divider and `******` leaves an empty piece between two
 *   dividers.
 * - `length_constraints:nth_paragraph_first_word` splits on the literal
 *   `"\n\n"`; three newlines leave a piece that starts with `\n`, four leave a
 *   blank piece that still occupies an index.
 */
import { PY_WS_CLASS, pySplitWhitespace, pyStrip, pyStripChars } from "./python-chars.js";

const STAR_DIVIDER = new RegExp(`[${PY_WS_CLASS}]?\\*\\*\\*[${PY_WS_CLASS}]?`, "u");

export interface StarDividerParagraphs {
  /** Raw pieces of the split, blank ones included. */
  pieces: string[];
  /** Pieces that count as paragraphs (blank first/last pieces are not counted). */
  count: number;
  /** 0-based index of the first blank piece strictly inside, which makes the check fail; -1 if none. */
  emptyInteriorIndex: number;
}

/** The `***` paragraph rule. */
export function splitStarDividerParagraphs(text: string): StarDividerParagraphs {
  const pieces = text.split(STAR_DIVIDER);
  let count = pieces.length;
  let emptyInteriorIndex = -1;
  for (let i = 0; i < pieces.length; i++) {
    if (pyStrip(pieces[i]!) !== "") continue;
    if (i === 0 || i === pieces.length - 1) count--;
    else if (emptyInteriorIndex < 0) emptyInteriorIndex = i;
  }
  return { pieces, count, emptyInteriorIndex };
}

export interface BlankLineParagraphs {
  /** Raw pieces of `text.split("\n\n")`; blank pieces keep their index. */
  pieces: string[];
  /** Number of non-blank pieces. */
  count: number;
}

/** The `\n\n` paragraph rule. */
export function splitBlankLineParagraphs(text: string): BlankLineParagraphs {
  const pieces = text.split("\n\n");
  let count = 0;
  for (const p of pieces) if (pyStrip(p) !== "") count++;
  return { pieces, count };
}

const FIRST_WORD_STOP = new Set([".", ",", "?", "!", "'", '"']);

/**
 * First word of a paragraph as IFEval extracts it: the first whitespace token,
 * leading `'` then leading `"` removed, cut at the first `. , ? ! ' "`, lower-cased
 * character by character. `**Word**` yields `**word**`; `"'Word` yields "".
 */
export function ifevalFirstWord(paragraph: string): string {
  const tokens = pySplitWhitespace(pyStrip(paragraph));
  if (tokens.length === 0) return "";
  let word = pyStrip(tokens[0]!);
  word = pyStripChars(word, "'", "left");
  word = pyStripChars(word, '"', "left");
  let out = "";
  for (const ch of word) {
    if (FIRST_WORD_STOP.has(ch)) break;
    out += ch.toLowerCase();
  }
  return out;
}
