/**
 * HIR7001: requirements that can never hold together. Every hard constraint of a
 * contract must pass at once, so their checks are AND-ed: the pass collects each
 * check's atoms (meaning-atoms.ts) in declaration order and reports an atom that is
 * incompatible with earlier ones, on the later constraint, pointing at the earlier.
 * Constraint sets are analysed on their own as well (their members are used together).
 */
import type * as A from "../ast.js";
import { CATALOG } from "../diagnostics/catalog.js";
import type { RelatedLocation } from "../diagnostics/types.js";
import type { CheckContext } from "./context.js";
import {
  checkAtoms, inInterval, intersect, isEmptyInterval, phraseImplies, sourceText, subjectWithin, tighten,
  type Atom, type Interval,
} from "./meaning-atoms.js";

type Of<K extends Atom["kind"]> = Extract<Atom, { kind: K }>;

interface Member {
  readonly decl: A.ConstraintDecl;
  readonly file: string;
}

export function checkContradictions(ctx: CheckContext): void {
  const reported = new Set<string>();
  const groups: Member[][] = [];
  for (const c of ctx.contracts) groups.push(c.constraints.map((k) => ({ decl: k.decl, file: k.file })));
  for (const s of ctx.sets) {
    groups.push(s.decl.members.filter((m): m is A.ConstraintDecl => m.kind === "Constraint").map((decl) => ({ decl, file: s.file })));
  }
  for (const g of groups) new ContradictionFinder(ctx, reported).run(g);
}

class ContradictionFinder {
  private readonly bounds = new Map<string, { atom: Atom; iv: Interval }[]>();
  /** The intersection of each key's accepted bounds, so a compatible bound costs O(1), not a scan. */
  private readonly totals = new Map<string, Interval>();
  private readonly excludes = new Map<string, Of<"exclude">[]>();
  private readonly textEqs = new Map<string, Of<"text-eq">[]>();
  private readonly presences: Of<"presence">[] = [];
  private readonly affixes: Of<"affix">[] = [];
  private readonly predicates = new Map<string, Of<"predicate">[]>();

  constructor(private readonly ctx: CheckContext, private readonly reported: Set<string>) {}

  run(members: readonly Member[]): void {
    for (let i = 0; i < members.length; i++) {
      const atoms = checkAtoms(members[i]!.decl, members[i]!.file, this.ctx.typing);
      for (let k = 0; k < atoms.length; k++) this.add(atoms[k]!);
    }
  }

  private add(a: Atom): void {
    switch (a.kind) {
      case "bound": return this.addBound(a);
      case "exclude": return this.addExclude(a);
      case "text-eq": return this.addTextEq(a);
      case "presence": return this.addPresence(a);
      case "affix": return this.addAffix(a);
      case "predicate": return this.addPredicate(a);
    }
  }

  // ---- numeric bounds ----------------------------------------------------------------------------

  private addBound(a: Of<"bound">): void {
    const m = a.measure;
    const iv = tighten(intersect(m.natural, a.interval), m.integer);
    if (isEmptyInterval(iv)) {
      const negative = isEmptyInterval(intersect(m.natural, a.interval));
      this.report(a, [], "bound", negative
        ? `asks for a negative ${m.spec.name === "count" || m.spec.name === "count_matches" ? "count" : `number of ${m.spec.name}`}, and counts are never negative`
        : `asks for a fraction, but \`${m.spec.name}\` is a whole number`);
      return;
    }
    const list = this.bounds.get(m.key) ?? [];
    const total = this.totals.get(m.key);
    // `iv` meets every earlier bound when it meets their intersection; only then is the scan skipped.
    if (total !== undefined && isEmptyInterval(intersect(iv, total))) {
      for (const b of list) {
        if (isEmptyInterval(intersect(iv, b.iv))) {
          this.report(a, [b.atom], "bound");
          return;
        }
      }
    }
    const withNew = total === undefined ? iv : intersect(total, iv);
    const blocked = this.excludes.has(m.key) ? this.excludedEverywhere(m.key, [withNew], NO_EXCLUDES, m.integer) : undefined;
    if (blocked) {
      this.report(a, [...this.definingBounds(list, blocked.total), ...blocked.excludes], "bound");
      return;
    }
    list.push({ atom: a, iv });
    this.bounds.set(m.key, list);
    this.totals.set(m.key, withNew);
  }

  private addExclude(a: Of<"exclude">): void {
    const m = a.measure;
    const list = this.bounds.get(m.key) ?? [];
    const total = this.totals.get(m.key);
    const natural = tighten(m.natural, m.integer);
    const blocked = this.excludedEverywhere(m.key, [total === undefined ? natural : intersect(natural, total)], [a], m.integer);
    if (blocked) {
      this.report(a, [...this.definingBounds(list, blocked.total), ...blocked.excludes.filter((x) => x !== a)], "bound");
      return;
    }
    const ex = this.excludes.get(m.key) ?? [];
    ex.push(a);
    this.excludes.set(m.key, ex);
  }

  /** When the `!=` exclusions remove every value the bounds allow: the bounds' intersection and the exclusions used. */
  private excludedEverywhere(key: string, ivs: readonly Interval[], extra: readonly Of<"exclude">[], integer: boolean):
    { total: Interval; excludes: Of<"exclude">[] } | undefined {
    const earlier = this.excludes.get(key);
    if (earlier === undefined && extra.length === 0) return undefined; // the common case: no `!=` on this measure
    const all = earlier === undefined ? extra : extra.length === 0 ? earlier : [...earlier, ...extra];
    if (all.length === 0) return undefined;
    const total = ivs.reduce(intersect);
    if (isEmptyInterval(total)) return undefined;
    const used = all.filter((x) => inInterval(total, x.value));
    const values = new Set(used.map((x) => x.value));
    if (integer) {
      if (!Number.isFinite(total.lo) || !Number.isFinite(total.hi) || total.hi - total.lo > 10_000) return undefined;
      for (let v = total.lo; v <= total.hi; v++) if (!values.has(v)) return undefined;
      return { total, excludes: used };
    }
    return total.lo === total.hi && values.has(total.lo) ? { total, excludes: used } : undefined;
  }

  /** The earlier bounds that set the lower and upper ends of `total`. */
  private definingBounds(list: readonly { atom: Atom; iv: Interval }[], total: Interval): Atom[] {
    const out: Atom[] = [];
    const lo = list.find((b) => b.iv.lo === total.lo && Number.isFinite(b.iv.lo) && b.iv.lo > (b.atom.kind === "bound" ? b.atom.measure.natural.lo : -Infinity));
    const hi = list.find((b) => b.iv.hi === total.hi && Number.isFinite(b.iv.hi));
    if (lo) out.push(lo.atom);
    if (hi && hi !== lo) out.push(hi.atom);
    return out;
  }

  // ---- text measures -------------------------------------------------------------------------------

  private addTextEq(a: Of<"text-eq">): void {
    const list = this.textEqs.get(a.measure.key) ?? [];
    const clash = list.find((b) => (a.equal && b.equal && a.value !== b.value) || (a.equal !== b.equal && a.value === b.value));
    if (clash) {
      this.report(a, [clash], "text-eq");
      return;
    }
    list.push(a);
    this.textEqs.set(a.measure.key, list);
  }

  // ---- phrases -------------------------------------------------------------------------------------

  private addPresence(a: Of<"presence">): void {
    const earlier = this.presences;
    // Does atom `pos` (mode all) guarantee phrase q of `neg` in its subject?
    const forces = (pos: Of<"presence">, negSubject: string, q: Of<"presence">["phrases"][number]) =>
      subjectWithin(pos.subject, negSubject) && pos.phrases.some((p) => phraseImplies(p, q));
    const allAtoms = (extra?: Of<"presence">) => [...earlier.filter((b) => b.mode === "all"), ...(extra ? [extra] : [])];
    const noneAtoms = (extra?: Of<"presence">) => [...earlier.filter((b) => b.mode === "none"), ...(extra ? [extra] : [])];

    let clash: Atom[] | undefined;
    if (a.mode === "all") {
      const b = earlier.find((n) => n.mode === "none" && n.phrases.some((q) => forces(a, n.subject, q)));
      if (b) clash = [b];
      else {
        // An earlier "not all of these" fails when every one of its phrases is now required.
        for (const n of earlier.filter((x) => x.mode === "not-all")) {
          const used = coverAll(n.phrases, allAtoms(a), (p, q) => forces(p, n.subject, q));
          if (used && used.includes(a)) { clash = [n, ...used.filter((x) => x !== a)]; break; }
        }
      }
    } else if (a.mode === "none") {
      const b = earlier.find((p) => p.mode === "all" && a.phrases.some((q) => forces(p, a.subject, q)));
      if (b) clash = [b];
      else {
        // An earlier "at least one of these" fails when every one of its phrases is now forbidden.
        for (const p of earlier.filter((x) => x.mode === "any")) {
          const used = coverAll(p.phrases, noneAtoms(a), (n, l) => subjectWithin(p.subject, n.subject) && n.phrases.some((q) => phraseImplies(l, q)));
          if (used && used.includes(a)) { clash = [p, ...used.filter((x) => x !== a)]; break; }
        }
      }
    } else if (a.mode === "any") {
      const used = coverAll(a.phrases, noneAtoms(), (n, l) => subjectWithin(a.subject, n.subject) && n.phrases.some((q) => phraseImplies(l, q)));
      if (used) clash = used;
    } else {
      const used = coverAll(a.phrases, allAtoms(), (p, q) => forces(p, a.subject, q));
      if (used) clash = used;
    }
    if (clash) {
      this.report(a, clash, "presence");
      return;
    }
    earlier.push(a);
  }

  // ---- prefixes and suffixes -----------------------------------------------------------------------

  private addAffix(a: Of<"affix">): void {
    const same = this.affixes.filter((b) => b.subject === a.subject && b.end === a.end);
    const fold = (s: string, ic: boolean) => (ic ? s.toLowerCase() : s);
    const extends_ = (long: string, short: string) => (a.end === "start" ? long.startsWith(short) : long.endsWith(short));
    const compatible = (x: Of<"affix">, y: Of<"affix">) => {
      const ic = x.ignoreCase || y.ignoreCase;
      const s = fold(x.text, ic);
      const t = fold(y.text, ic);
      return extends_(s, t) || extends_(t, s);
    };
    // Whether a text starting (ending) with `pos` necessarily starts (ends) with `neg`.
    const implies = (pos: Of<"affix">, neg: Of<"affix">) =>
      neg.ignoreCase ? extends_(pos.text.toLowerCase(), neg.text.toLowerCase()) : !pos.ignoreCase && extends_(pos.text, neg.text);
    const clash = same.find((b) =>
      a.positive && b.positive ? !compatible(a, b) : a.positive && !b.positive ? implies(a, b) : !a.positive && b.positive ? implies(b, a) : false);
    if (clash) {
      this.report(a, [clash], "affix");
      return;
    }
    this.affixes.push(a);
  }

  private addPredicate(a: Of<"predicate">): void {
    const list = this.predicates.get(a.key) ?? [];
    const clash = list.find((b) => b.positive !== a.positive);
    if (clash) {
      this.report(a, [clash], "predicate");
      return;
    }
    list.push(a);
    this.predicates.set(a.key, list);
  }

  // ---- reporting -----------------------------------------------------------------------------------

  private report(a: Atom, earlier: readonly Atom[], kind: "bound" | "text-eq" | "presence" | "affix" | "predicate", impossible?: string): void {
    const o = a.origin;
    const text = (x: Atom) => sourceText(this.ctx.files, x.origin.file, x.origin.expr.range);
    const id = (x: Atom) => x.origin.decl.id.name;
    const defaults = [...new Set([a, ...earlier].flatMap((x) => x.origin.defaults))];
    const note = defaults.length === 0 ? "" : defaults.length === 1 ? ` (with ${defaults[0]}, its default)` : ` (with inputs at their defaults: ${defaults.join(", ")})`;
    let message: string;
    if (earlier.length === 0) {
      message = `the check of \`${id(a)}\` can never hold: \`${text(a)}\` ${impossible ?? "is impossible"}${note}`;
    } else if (earlier.every((e) => e.origin.decl === o.decl)) {
      message = `the check of \`${id(a)}\` can never hold: \`${text(a)}\` contradicts ${joinAnd(earlier.map((e) => `\`${text(e)}\``))}${note}`;
    } else {
      const others = earlier.map((e) => (e.origin.decl === o.decl ? `\`${text(e)}\`` : `\`${id(e)}\` (${text(e)})`));
      message = `\`${id(a)}\` (${text(a)}) contradicts ${joinAnd(others)}: no response can satisfy ${earlier.length === 1 ? "both" : "all of them"}${note}`;
    }
    const related: RelatedLocation[] = earlier.map((e) => ({
      file: e.origin.file,
      range: e.origin.expr.range,
      message: e.origin.decl === o.decl ? `the conflicting condition: \`${text(e)}\`` : `\`${id(e)}\` requires \`${text(e)}\``,
    }));
    const key = `${o.file}\u0000${o.expr.range.start.offset}\u0000${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.ctx.report(CATALOG.contradiction, o.file, o.expr.range, message, { hint: HINTS[earlier.length === 0 ? "impossible" : kind], related });
  }
}

const NO_EXCLUDES: readonly Of<"exclude">[] = [];

const HINTS: Readonly<Record<string, string>> = {
  impossible: "Counts are whole numbers from 0 up: fix the bound, or remove the condition.",
  bound: "All constraints must hold at once: widen or remove one of the bounds.",
  "text-eq": "The measure has one value per response: keep one of the required values.",
  presence: "A phrase cannot be both required and forbidden: drop it from one of the conditions.",
  affix: "A text has one beginning and one ending: make one of the texts extend the other, or drop one condition.",
  predicate: "A condition and its negation cannot both hold: keep one of them.",
};

/**
 * Whether every phrase is covered by some atom (`covers(atom, phrase)`); returns the
 * atoms used (first match per phrase, deduplicated), or undefined.
 */
function coverAll<P, T>(phrases: readonly P[], atoms: readonly T[], covers: (atom: T, phrase: P) => boolean): T[] | undefined {
  const used: T[] = [];
  for (const p of phrases) {
    const t = atoms.find((x) => covers(x, p));
    if (t === undefined) return undefined;
    if (!used.includes(t)) used.push(t);
  }
  return used;
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
