/**
 * Finds regular expressions that a backtracking engine (Python `re`, JavaScript,
 * PCRE) could take exponential time on. hindsight itself runs patterns on RE2, so
 * this only matters for exported checks; the analysis is a heuristic over the
 * pattern's syntax tree (parsed with @chevrotain/regexp-to-ast):
 *
 *  - a repeated group whose body holds a repetition that can hand text to the next
 *    iteration: `(a+)+`, `(\w+\s?)*`, `(.*a){10}`, or a body that can match empty
 *    text around an unbounded repetition: `(a*)*`;
 *  - a starred group whose alternatives can start with the same character:
 *    `(a|ab)*`, `(\d|\w)+` (overlap approximated by first-character sets).
 *
 * Never throws; a pattern the parser cannot read yields no hazard.
 */
import { RegExpParser } from "@chevrotain/regexp-to-ast";
import type { Alternative, Atom, Disjunction, Group, Quantifier, Term } from "@chevrotain/regexp-to-ast";
import { CharSet, type CharRange } from "./charset.js";

export type RegexHazardKind = "nested-quantifier" | "overlapping-alternation";

export interface RegexHazard {
  readonly kind: RegexHazardKind;
  /** The repeated group, as written (approximately, for RE2-only syntax). */
  readonly group: string;
  /** The inner repetition, or the two overlapping alternatives joined by " and ". */
  readonly inner: string;
  readonly message: string;
}

/** The first backtracking hazard in `pattern`, or undefined. Never throws. */
export function findBacktrackingHazard(pattern: string, flags = ""): RegexHazard | undefined {
  try {
    if (typeof pattern !== "string" || pattern.length > 5000) return undefined;
    const pre = toJsSyntax(pattern, typeof flags === "string" && flags.includes("s"));
    const ast = new RegExpParser().pattern(`/${pre.source}/`);
    const analyser = new HazardAnalyser(pattern, pre, pre.ignoreCase || (typeof flags === "string" && flags.includes("i")));
    return analyser.disjunction(ast.value);
  } catch {
    return undefined;
  }
}

// ---- RE2 syntax -> JavaScript syntax (only as far as the parser needs) -----------------------------

const POSIX: Readonly<Record<string, string>> = {
  alpha: "A-Za-z", digit: "0-9", alnum: "A-Za-z0-9", upper: "A-Z", lower: "a-z", space: " \\t\\n\\r\\f\\v",
  blank: " \\t", punct: "!-\\/:-@\\[-`{-~", word: "A-Za-z0-9_", xdigit: "0-9A-Fa-f", cntrl: "\\x00-\\x1f", print: " -~", graph: "!-~", ascii: "\\x00-\\x7f",
};

/** Class contents approximating a Unicode class (`\pL`, `\p{Greek}`), for overlap only. */
function unicodeClass(name: string): string {
  if (/^L[ultmo]?$|^Letter$/i.test(name)) return "A-Za-z\\u00C0-\\u024F\\u0370-\\u1FFF\\u3040-\\uD7FF\\uF900-\\uFAFF";
  if (/^N[dlo]?$/.test(name)) return "0-9\\u0660-\\u0669\\u2150-\\u218F";
  if (/^P[a-z]?$/.test(name)) return "!-\\/:-@\\[-`{-~\\u2010-\\u2027";
  if (/^Z[slp]?$/.test(name)) return " \\u00A0\\u2000-\\u200A\\u2028\\u2029";
  if (/^S[mcko]?$/.test(name)) return "$+<->^`|~\\u20A0-\\u20CF";
  return "\\u0080-\\uFFFF";
}

const META = new Set([..."\\^$.|?*+()[]{}/"]);

interface Rewritten {
  readonly source: string;
  readonly ignoreCase: boolean;
  /** For each character of `source`: the span of the original pattern it came from. */
  readonly from: readonly number[];
  readonly to: readonly number[];
}

/** Rewrites RE2-only constructs so the JavaScript-syntax parser accepts the pattern. */
function toJsSyntax(p: string, dotAll: boolean): Rewritten {
  let source = "";
  const from: number[] = [];
  const to: number[] = [];
  // Every emitted character remembers the source span it came from, so messages quote the author's text.
  const emit = (s: string, start: number, end: number): void => {
    source += s;
    for (let k = 0; k < s.length; k++) { from.push(start); to.push(end); }
  };
  let inClass = false;
  let ignoreCase = false;
  let i = 0;
  while (i < p.length) {
    const c = p[i] as string;
    const at = i;
    if (c === "\\") {
      const n = p[i + 1];
      if (n === undefined) { emit("\\\\", at, at + 1); i++; continue; }
      if (n === "Q") {
        const end = p.indexOf("\\E", i + 2);
        const stop = end < 0 ? p.length : end;
        for (let k = i + 2; k < stop; k++) {
          const ch = p[k] as string;
          emit(META.has(ch) || ch === "-" || ch === "]" ? `\\${ch}` : ch, k, k + 1);
        }
        i = end < 0 ? p.length : end + 2;
        continue;
      }
      if (n === "x" && p[i + 2] === "{") {
        const m = /^\\x\{([0-9A-Fa-f]{1,6})\}/.exec(p.slice(i));
        if (m) {
          const cp = Math.min(parseInt(m[1] as string, 16), 0xffff);
          i += m[0].length;
          emit(`\\u${cp.toString(16).padStart(4, "0")}`, at, i);
          continue;
        }
      }
      if (n === "p" || n === "P") {
        const m = /^\\[pP](\{\^?[A-Za-z_]+\}|[A-Za-z])/.exec(p.slice(i));
        if (m) {
          const name = (m[1] as string).replace(/[{}^]/g, "");
          const negated = n === "P" || (m[1] as string).startsWith("{^");
          const body = unicodeClass(name);
          i += m[0].length;
          emit(inClass ? (negated ? "\\u0000-\\uFFFF" : body) : `[${negated ? "^" : ""}${body}]`, at, i);
          continue;
        }
      }
      i += 2;
      // RE2's \s is ASCII whitespace only (JavaScript's also covers Unicode spaces).
      if (n === "s") emit(inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]", at, i);
      else if (n === "S") emit(inClass ? "\\u0000-\\uFFFF" : "[^\\t\\n\\f\\r ]", at, i);
      else if (!inClass && (n === "A" || n === "z")) emit(n === "A" ? "^" : "$", at, i);
      else if (!inClass && n === "C") emit("[\\u0000-\\uFFFF]", at, i);
      else emit(c + n, at, i);
      continue;
    }
    if (inClass) {
      if (c === "[" && p[i + 1] === ":") {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(p.slice(i));
        const posix = m ? POSIX[m[2] as string] : undefined;
        if (m && posix) {
          i += m[0].length;
          emit(m[1] ? "\\u0000-\\uFFFF" : posix, at, i);
          continue;
        }
      }
      i++;
      if (c === "[") emit("\\[", at, i);
      else if (c === "/") emit("\\/", at, i);
      else {
        if (c === "]") inClass = false;
        emit(c, at, i);
      }
      continue;
    }
    if (c === "[") {
      inClass = true;
      emit(c, at, ++i);
      if (p[i] === "^") { emit("^", i, i + 1); i++; }
      if (p[i] === "]") { emit("\\]", i, i + 1); i++; }
      continue;
    }
    if (c === "/") { emit("\\/", at, ++i); continue; }
    if (c === "." && dotAll) { emit("[\\u0000-\\uFFFF]", at, ++i); continue; }
    if (c === "(" && p[i + 1] === "?") {
      const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(p.slice(i));
      if (named) { i += named[0].length; emit("(?:", at, i); continue; }
      const fl = /^\(\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(p.slice(i));
      if (fl && (fl[1] || fl[2] !== undefined)) {
        if ((fl[1] as string).includes("i")) ignoreCase = true;
        if ((fl[1] as string).includes("s")) dotAll = true;
        i += fl[0].length;
        if (fl[3] === ":") emit("(?:", at, i);
        continue;
      }
    }
    emit(c, at, ++i);
  }
  return { source, ignoreCase, from, to };
}

// ---- analysis ----------------------------------------------------------------------------------

type Pred = (q: Quantifier) => boolean;

function isAtom(t: Term): t is Atom {
  return t.type === "Character" || t.type === "Set" || t.type === "Group" || t.type === "GroupBackReference";
}

function quantifierOf(t: Term): Quantifier | undefined {
  return isAtom(t) ? t.quantifier : undefined;
}

class HazardAnalyser {
  constructor(private readonly pattern: string, private readonly rewritten: Rewritten, private readonly ignoreCase: boolean) {}

  /** The author's text of a node (with its quantifier, if any). */
  private text(node: { loc: { begin: number; end: number }; quantifier?: Quantifier }): string {
    // Locations count the leading "/" of the parser's input.
    const begin = node.loc.begin - 1;
    const end = (node.quantifier?.loc.end ?? node.loc.end) - 1;
    if (end <= begin) return "";
    const from = this.rewritten.from[begin];
    const to = this.rewritten.to[end - 1];
    if (from === undefined || to === undefined) return this.rewritten.source.slice(Math.max(0, begin), Math.max(0, end));
    return this.pattern.slice(from, to);
  }

  disjunction(d: Disjunction): RegexHazard | undefined {
    for (const alt of d.value) {
      for (const t of alt.value) {
        if (t.type === "Group") {
          const h = this.group(t) ?? this.disjunction(t.value);
          if (h) return h;
        } else if (!isAtom(t) && t.value) {
          const h = this.disjunction(t.value);
          if (h) return h;
        }
      }
    }
    return undefined;
  }

  private group(g: Group): RegexHazard | undefined {
    const q = g.quantifier;
    if (!q || q.atMost <= 1) return undefined;
    const outerUnbounded = q.atMost === Infinity;
    const inner: Pred = (iq) => iq.atMost === Infinity || (outerUnbounded && iq.atMost > 1 && iq.atMost > iq.atLeast);
    const body = g.value;

    if (this.nullableDisj(body)) {
      const y = this.findRepeat(body, (iq) => iq.atMost === Infinity);
      if (y) return this.nested(g, y, "can match empty text and ");
    }
    const first = this.firstDisj(body);
    for (const y of this.exposed(body, inner, "tail")) {
      if (this.firstAtom(y).intersects(first)) return this.nested(g, y);
    }
    const last = this.lastDisj(body);
    for (const y of this.exposed(body, inner, "head")) {
      if (this.lastAtom(y).intersects(last)) return this.nested(g, y);
    }
    if (outerUnbounded && body.value.length >= 2) {
      const firsts = body.value.map((a) => this.firstAlt(a));
      for (let i = 0; i < firsts.length; i++) {
        for (let j = i + 1; j < firsts.length; j++) {
          if ((firsts[i] as CharSet).intersects(firsts[j] as CharSet)) {
            const a = this.text(body.value[i] as Alternative);
            const b = this.text(body.value[j] as Alternative);
            return {
              kind: "overlapping-alternation",
              group: this.text(g),
              inner: `${a} and ${b}`,
              message: `\`${this.text(g)}\` repeats alternatives that can start with the same character (\`${a}\` and \`${b}\`), so a backtracking engine can try exponentially many ways to match the same text`,
            };
          }
        }
      }
    }
    return undefined;
  }

  private nested(g: Group, y: Atom, extra = ""): RegexHazard {
    const group = this.text(g);
    const inner = this.text(y);
    return {
      kind: "nested-quantifier",
      group,
      inner,
      message: `\`${group}\` repeats a group that ${extra}contains the repetition \`${inner}\`, so a backtracking engine can split the same text between the repetitions in exponentially many ways`,
    };
  }

  /** Repeated atoms (matching `pred`) that can be the last (`tail`) or first (`head`) thing an iteration matches. */
  private exposed(d: Disjunction, pred: Pred, end: "tail" | "head"): Atom[] {
    const out: Atom[] = [];
    for (const alt of d.value) {
      const terms = end === "tail" ? [...alt.value].reverse() : alt.value;
      for (const t of terms) {
        if (isAtom(t)) {
          const q = t.quantifier;
          if (q && pred(q)) out.push(t);
          if (t.type === "Group" && !(q && q.atMost === 0)) out.push(...this.exposed(t.value, pred, end));
        }
        if (!this.nullableTerm(t)) break;
      }
    }
    return out;
  }

  private findRepeat(d: Disjunction, pred: Pred): Atom | undefined {
    for (const alt of d.value) {
      for (const t of alt.value) {
        if (!isAtom(t)) continue;
        if (t.quantifier && pred(t.quantifier)) return t;
        if (t.type === "Group") {
          const y = this.findRepeat(t.value, pred);
          if (y) return y;
        }
      }
    }
    return undefined;
  }

  private nullableDisj(d: Disjunction): boolean {
    return d.value.some((a) => a.value.every((t) => this.nullableTerm(t)));
  }

  private nullableTerm(t: Term): boolean {
    if (!isAtom(t)) return true;
    if (t.quantifier && t.quantifier.atLeast === 0) return true;
    if (t.type === "Group") return this.nullableDisj(t.value);
    return t.type === "GroupBackReference";
  }

  private firstDisj(d: Disjunction): CharSet {
    return d.value.reduce((acc, a) => acc.union(this.firstAlt(a)), CharSet.EMPTY);
  }

  private firstAlt(a: Alternative): CharSet {
    let acc = CharSet.EMPTY;
    for (const t of a.value) {
      if (quantifierOf(t)?.atMost !== 0) acc = acc.union(this.firstAtom(t));
      if (!this.nullableTerm(t)) break;
    }
    return acc;
  }

  private lastDisj(d: Disjunction): CharSet {
    let acc = CharSet.EMPTY;
    for (const a of d.value) {
      for (let i = a.value.length - 1; i >= 0; i--) {
        const t = a.value[i] as Term;
        if (quantifierOf(t)?.atMost !== 0) acc = acc.union(this.lastAtom(t));
        if (!this.nullableTerm(t)) break;
      }
    }
    return acc;
  }

  private firstAtom(t: Term): CharSet {
    if (t.type === "Group") return this.firstDisj(t.value);
    return this.leafChars(t);
  }

  private lastAtom(t: Term): CharSet {
    if (t.type === "Group") return this.lastDisj(t.value);
    return this.leafChars(t);
  }

  private leafChars(t: Term): CharSet {
    switch (t.type) {
      case "Character": return this.fold(CharSet.char(t.value));
      case "Set": {
        const ranges = t.value.map((v): CharRange => (typeof v === "number" ? [v, v] : [v.from, v.to]));
        const set = this.fold(CharSet.of(ranges));
        return t.complement ? set.complement() : set;
      }
      case "GroupBackReference": return CharSet.ANY;
      default: return CharSet.EMPTY;
    }
  }

  private fold(s: CharSet): CharSet {
    return this.ignoreCase ? s.foldCase() : s;
  }
}
