/**
 * A faithful TypeScript port of NLTK's Punkt sentence tokenizer *at inference
 * time* (NLTK 3.8 `PunktSentenceTokenizer.span_tokenize` with boundary
 * realignment), driven by the pre-trained English parameters.
 *
 * The IFEval reference counts sentences with this tokenizer, so the decision
 * procedure is reproduced step by step:
 *  1. candidate boundaries are `.`, `?`, `!` followed by punctuation or by
 *     whitespace and a token;
 *  2. each candidate's context (previous word, the mark, the next token) is
 *     tokenized with Punkt's word regex and annotated in two passes: token type
 *     (abbreviation, ellipsis, sentence break) and then collocation,
 *     orthographic and sentence-starter heuristics;
 *  3. closing quotes and brackets after a boundary are moved to the previous
 *     sentence.
 *
 * Everything is linear in the input length.
 */
import { PUNKT_ABBREV_TYPES, PUNKT_COLLOCATIONS, PUNKT_SENT_STARTERS } from "./punkt-english-params.js";
import { punktOrthoContext } from "./punkt-english-ortho.js";
import {
  PY_ALPHA_CLASS,
  PY_WS_CLASS,
  firstCodePoint,
  isAsciiWhitespaceCode,
  pyIsLower,
  pyIsUpper,
  pyRstrip,
  pyStrip,
} from "./python-chars.js";

// Orthographic context flags (Kiss & Strunk).
const ORTHO_BEG_UC = 1 << 1;
const ORTHO_MID_UC = 1 << 2;
const ORTHO_UNK_UC = 1 << 3;
const ORTHO_BEG_LC = 1 << 4;
const ORTHO_MID_LC = 1 << 5;
const ORTHO_UNK_LC = 1 << 6;
const ORTHO_UC = ORTHO_BEG_UC | ORTHO_MID_UC | ORTHO_UNK_UC;
const ORTHO_LC = ORTHO_BEG_LC | ORTHO_MID_LC | ORTHO_UNK_LC;

/** The parameters a Punkt model consists of. */
export interface PunktParameters {
  abbrevTypes: ReadonlySet<string>;
  collocations: ReadonlySet<string>; // "first\u0000second"
  sentStarters: ReadonlySet<string>;
  orthoContext: ReadonlyMap<string, number>;
}

let englishParams: PunktParameters | undefined;

/** The pre-trained English model (built lazily, once). */
export function englishPunktParameters(): PunktParameters {
  englishParams ??= {
    abbrevTypes: new Set(PUNKT_ABBREV_TYPES),
    collocations: new Set(PUNKT_COLLOCATIONS.map(([a, b]) => `${a}\u0000${b}`)),
    sentStarters: new Set(PUNKT_SENT_STARTERS),
    orthoContext: punktOrthoContext(),
  };
  return englishParams;
}

// ---------------------------------------------------------------------------
// Language variables (PunktLanguageVars)
// ---------------------------------------------------------------------------

const S = `[^${PY_WS_CLASS}]`;
const WS = `[${PY_WS_CLASS}]`;
/** Characters that cannot appear within words. */
const NON_WORD = `[)";}\\]*:@'({\\[?!]`;
/** Hyphen runs and ellipses are multi-character punctuation. */
const MULTI_CHAR = `(?:-{2,}|\\.{2,}|(?:\\.${WS}){2,}\\.)`;
/** Characters that may not start a word token. */
const WORD_START = `[^("\`{\\[:;&#*@)}\\]\\-,]`;

const WORD_TOKENIZE_RE = new RegExp(
  `${MULTI_CHAR}|(?=${WORD_START})${S}+?(?=${WS}|$|${NON_WORD}|${MULTI_CHAR}|,(?=$|${WS}|${NON_WORD}|${MULTI_CHAR}))|${S}`,
  "gu",
);

const PERIOD_CONTEXT_RE = new RegExp(`[.?!](?=(${NON_WORD}|${WS}+(${S}+)))`, "gu");

const BOUNDARY_REALIGNMENT_RE = new RegExp(`^["')\\]}]+?(?:${WS}+|(?=--)|(?=\\n)|$)`, "u");

const RE_NUMERIC = /^-?[.,]?\p{Nd}[\p{Nd},.-]*\.?$/u;
const RE_ELLIPSIS = /^\.\.+$/u;
const RE_INITIAL = new RegExp(`^[${PY_ALPHA_CLASS}]\\.$`, "u");

/** Punkt's word tokenization of one line (splits off punctuation other than periods). */
export function punktWordTokenize(line: string): string[] {
  WORD_TOKENIZE_RE.lastIndex = 0;
  return line.match(WORD_TOKENIZE_RE) ?? [];
}

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

interface Token {
  tok: string;
  type: string;
  periodFinal: boolean;
  sentbreak: boolean;
  abbr: boolean;
  ellipsis: boolean;
}

function makeToken(tok: string): Token {
  const lower = tok.toLowerCase();
  return {
    tok,
    type: RE_NUMERIC.test(lower) ? "##number##" : lower,
    periodFinal: tok.endsWith("."),
    sentbreak: false,
    abbr: false,
    ellipsis: false,
  };
}

function typeNoPeriod(t: Token): string {
  return t.type.length > 1 && t.type.endsWith(".") ? t.type.slice(0, -1) : t.type;
}

function typeNoSentPeriod(t: Token): string {
  return t.sentbreak ? typeNoPeriod(t) : t.type;
}

function firstUpper(t: Token): boolean {
  return pyIsUpper(firstCodePoint(t.tok));
}

function firstLower(t: Token): boolean {
  return pyIsLower(firstCodePoint(t.tok));
}

function tokenizeWords(text: string): Token[] {
  const out: Token[] = [];
  for (const line of text.split("\n")) {
    if (pyStrip(line) === "") continue;
    for (const w of punktWordTokenize(line)) out.push(makeToken(w));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Annotation
// ---------------------------------------------------------------------------

function firstPass(t: Token, p: PunktParameters): void {
  const tok = t.tok;
  if (tok === "." || tok === "?" || tok === "!") {
    t.sentbreak = true;
  } else if (RE_ELLIPSIS.test(tok)) {
    t.ellipsis = true;
  } else if (t.periodFinal && !tok.endsWith("..")) {
    const stem = tok.slice(0, -1).toLowerCase();
    const parts = stem.split("-");
    if (p.abbrevTypes.has(stem) || p.abbrevTypes.has(parts[parts.length - 1]!)) t.abbr = true;
    else t.sentbreak = true;
  }
}

type Ortho = true | false | "unknown";

function orthoHeuristic(t: Token, p: PunktParameters): Ortho {
  const tok = t.tok;
  if (tok.length === 1 && ";:,.!?".includes(tok)) return false;
  const ctx = p.orthoContext.get(typeNoSentPeriod(t)) ?? 0;
  if (firstUpper(t) && ctx & ORTHO_LC && !(ctx & ORTHO_MID_UC)) return true;
  if (firstLower(t) && (ctx & ORTHO_UC || !(ctx & ORTHO_BEG_LC))) return false;
  return "unknown";
}

function secondPass(t1: Token, t2: Token, p: PunktParameters): void {
  if (!t1.periodFinal) return;
  const typ = typeNoPeriod(t1);
  const nextTyp = typeNoSentPeriod(t2);
  const isInitial = RE_INITIAL.test(t1.tok);

  // Collocation heuristic.
  if (p.collocations.has(`${typ}\u0000${nextTyp}`)) {
    t1.sentbreak = false;
    t1.abbr = true;
    return;
  }
  // Abbreviations and ellipses may also end a sentence.
  if ((t1.abbr || t1.ellipsis) && !isInitial) {
    if (orthoHeuristic(t2, p) === true) {
      t1.sentbreak = true;
      return;
    }
    if (firstUpper(t2) && p.sentStarters.has(nextTyp)) {
      t1.sentbreak = true;
      return;
    }
  }
  // Initials and ordinals.
  if (isInitial || typ === "##number##") {
    const o = orthoHeuristic(t2, p);
    if (o === false) {
      t1.sentbreak = false;
      t1.abbr = true;
      return;
    }
    if (o === "unknown" && isInitial && firstUpper(t2) && !((p.orthoContext.get(nextTyp) ?? 0) & ORTHO_LC)) {
      t1.sentbreak = false;
      t1.abbr = true;
    }
  }
}

function textContainsSentbreak(context: string, p: PunktParameters): boolean {
  const toks = tokenizeWords(context);
  for (const t of toks) firstPass(t, p);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const next = toks[i + 1];
    if (next) secondPass(t, next, p);
    // A break counts only if some token follows it.
    if (t.sentbreak && next) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Boundary search
// ---------------------------------------------------------------------------

interface EndContext {
  /** Index of the sentence-ending character. */
  index: number;
  /** Start of the following token, or -1 when punctuation follows directly. */
  nextTokStart: number;
  context: string;
}

/** Index of the last ASCII whitespace in text[from, to), relative to `from`, or 0 (NLTK quirk). */
function lastWhitespaceIndex(text: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (isAsciiWhitespaceCode(text.charCodeAt(i))) return i - from;
  return 0;
}

function* potentialEndContexts(text: string): Generator<EndContext> {
  let prevStart = 0;
  let prevStop = 0;
  let prev: { index: number; afterTok: string; nextTokStart: number } | undefined;
  PERIOD_CONTEXT_RE.lastIndex = 0;
  for (const m of text.matchAll(PERIOD_CONTEXT_RE)) {
    const start = m.index;
    let wordStart = lastWhitespaceIndex(text, prevStop, start);
    if (wordStart) wordStart += prevStop + 1;
    else wordStart = prevStart;
    if (prev && prevStop <= wordStart) {
      yield {
        index: prev.index,
        nextTokStart: prev.nextTokStart,
        context: text.slice(prevStart, prevStop) + text[prev.index] + prev.afterTok,
      };
    }
    const afterTok = m[1]!;
    const nextTok = m[2];
    prev = {
      index: start,
      afterTok,
      nextTokStart: nextTok === undefined ? -1 : start + 1 + afterTok.length - nextTok.length,
    };
    prevStart = wordStart;
    prevStop = start;
  }
  if (prev) {
    yield {
      index: prev.index,
      nextTokStart: prev.nextTokStart,
      context: text.slice(prevStart, prevStop) + text[prev.index] + prev.afterTok,
    };
  }
}

/** Sentence spans [start, end) before realignment. */
function rawSlices(text: string, p: PunktParameters): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let lastBreak = 0;
  for (const c of potentialEndContexts(text)) {
    if (textContainsSentbreak(c.context, p)) {
      out.push([lastBreak, c.index + 1]);
      lastBreak = c.nextTokStart >= 0 ? c.nextTokStart : c.index + 1;
    }
  }
  out.push([lastBreak, pyRstrip(text).length]);
  return out;
}

function sliceText(text: string, [s, e]: [number, number]): string {
  return e > s ? text.slice(s, e) : "";
}

function realign(text: string, slices: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let shift = 0;
  for (let i = 0; i < slices.length; i++) {
    const s1: [number, number] = [slices[i]![0] + shift, slices[i]![1]];
    const s2 = slices[i + 1];
    if (!s2) {
      if (sliceText(text, s1)) out.push(s1);
      continue;
    }
    const m = BOUNDARY_REALIGNMENT_RE.exec(sliceText(text, s2));
    if (m) {
      out.push([s1[0], s2[0] + pyRstrip(m[0]).length]);
      shift = m[0].length;
    } else {
      shift = 0;
      if (sliceText(text, s1)) out.push(s1);
    }
  }
  return out;
}

/** Sentence spans `[start, end)` in UTF-16 offsets, as NLTK's `span_tokenize` returns them. */
export function punktSentenceSpans(text: string, params: PunktParameters = englishPunktParameters()): Array<[number, number]> {
  return realign(text, rawSlices(text, params));
}

/** Sentences of `text` (NLTK `sent_tokenize(text)` with the English model). */
export function punktSentences(text: string, params: PunktParameters = englishPunktParameters()): string[] {
  return punktSentenceSpans(text, params).map(([s, e]) => text.slice(s, e));
}
