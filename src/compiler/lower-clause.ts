/**
 * Templates: string literals with `{{name}}` interpolations become IR template parts,
 * and constraints without a clause get the clause derived from their check.
 *
 * A derived clause must not bake in an input's default: `check words <= max_words`
 * should read "Use at most {{max_words}} words." so that a caller passing
 * `max_words: 80` gets an instruction that says 80. The derivation therefore runs
 * with a typing view in which each text or number input is a unique marker value,
 * and the markers are turned back into interpolations. When that is impossible
 * (arithmetic on an input, bool or list inputs), the derivation falls back to the
 * defaults, as the checker's own derivation does.
 */
import type * as A from "../language/ast.js";
import { deriveClause } from "../language/clauses.js";
import type { ConstValue, Typing } from "../language/typing/table.js";
import type { Template, TemplatePart } from "./ir.js";

/** Template parts of a string literal, adjacent text merged and empty text dropped. */
export function templateOf(s: A.StringLiteral | undefined): Template {
  if (!s) return [];
  // `normalizeTemplate` of the parts, without copying them first (one literal part is the common case).
  if (s.parts.length === 1) {
    const p = s.parts[0] as A.StringLiteral["parts"][number];
    if (p.kind !== "text") return [{ kind: "interpolation", name: p.name }];
    return p.value === "" ? [] : [{ kind: "text", value: p.value }];
  }
  return normalizeTemplate(s.parts.map((p): TemplatePart => (p.kind === "text" ? { kind: "text", value: p.value } : { kind: "interpolation", name: p.name })));
}

export function normalizeTemplate(parts: readonly TemplatePart[]): Template {
  const out: TemplatePart[] = [];
  for (const p of parts) {
    if (p.kind === "text") {
      if (p.value === "") continue;
      const last = out[out.length - 1];
      if (last?.kind === "text") out[out.length - 1] = { kind: "text", value: last.value + p.value };
      else out.push({ kind: "text", value: p.value });
    } else {
      out.push({ kind: "interpolation", name: p.name });
    }
  }
  return out;
}

const NUMBER_MARKER_BASE = 987_654_321_000_000;
const TEXT_MARKER = (i: number) => `\u0000hir-input-${i}\u0000`;

interface Marker {
  readonly name: string;
  readonly value: number | string;
}

/** A typing view in which inputs of type text/int/number are marker constants. */
function markerTyping(typing: Typing, markers: Map<A.InputDecl, Marker>, inputs: readonly A.InputDecl[]): Typing {
  let next = 0;
  const markerFor = (decl: A.InputDecl): Marker | undefined => {
    const known = markers.get(decl);
    if (known) return known;
    if (!inputs.includes(decl) || decl.isList) return undefined;
    const t = decl.type.name;
    let value: number | string;
    if (t === "int" || t === "number") value = NUMBER_MARKER_BASE + 1000 * next++;
    else if (t === "text") value = TEXT_MARKER(next++);
    else return undefined;
    const m = { name: decl.name.name, value };
    markers.set(decl, m);
    return m;
  };
  const isMarker = (v: ConstValue | undefined): boolean =>
    [...markers.values()].some((m) => m.value === v);
  const constOf = (e: A.Expression, withDefaults = false): ConstValue | undefined => {
    switch (e.kind) {
      case "Paren":
        return constOf(e.inner, withDefaults);
      case "Name": {
        const r = typing.resolutionOf(e);
        if (r?.kind === "input") {
          const m = markerFor(r.decl);
          if (m) return m.value;
        }
        return typing.constOf(e, withDefaults);
      }
      case "List": {
        const items = e.items.map((i) => constOf(i, withDefaults));
        return items.every((i): i is string => typeof i === "string") ? items : undefined;
      }
      case "Unary": {
        const v = constOf(e.operand, withDefaults);
        if (isMarker(v)) return undefined;
        return typing.constOf(e, withDefaults);
      }
      case "Binary": {
        const l = constOf(e.left, withDefaults);
        const r = constOf(e.right, withDefaults);
        if (isMarker(l) || isMarker(r)) return undefined;
        return typing.constOf(e, withDefaults);
      }
      default:
        return typing.constOf(e, withDefaults);
    }
  };
  return { typeOf: (e) => typing.typeOf(e), resolutionOf: (e) => typing.resolutionOf(e), constOf };
}

/**
 * The clause derived from a check, as a template; undefined when no wording template
 * covers the check. `inputs` are the contract's inputs (empty for set constraints).
 */
export function deriveClauseTemplate(expr: A.Expression, typing: Typing, inputs: readonly A.InputDecl[]): Template | undefined {
  const markers = new Map<A.InputDecl, Marker>();
  const withMarkers = deriveClause(expr, markerTyping(typing, markers, inputs));
  if (withMarkers !== undefined) {
    const parts = splitMarkers(withMarkers, [...markers.values()]);
    if (parts) return parts;
  }
  const plain = deriveClause(expr, typing);
  return plain === undefined ? undefined : normalizeTemplate([{ kind: "text", value: plain }]);
}

/** Splits a derived sentence at the markers; undefined when a marker was mangled (e.g. pluralized text). */
function splitMarkers(s: string, markers: readonly Marker[]): Template | undefined {
  if (markers.length === 0) return normalizeTemplate([{ kind: "text", value: s }]);
  const parts: TemplatePart[] = [];
  let rest = s;
  for (;;) {
    let best: { at: number; m: Marker; len: number } | undefined;
    for (const m of markers) {
      const token = String(m.value);
      const at = rest.indexOf(token);
      if (at >= 0 && (!best || at < best.at)) best = { at, m, len: token.length };
    }
    if (!best) break;
    parts.push({ kind: "text", value: rest.slice(0, best.at) });
    parts.push({ kind: "interpolation", name: best.m.name });
    rest = rest.slice(best.at + best.len);
  }
  parts.push({ kind: "text", value: rest });
  const joined = parts.map((p) => (p.kind === "text" ? p.value : "")).join("");
  // A stray marker fragment (a marker cut or transformed by a wording template) means the split is unreliable.
  if (joined.includes("\u0000") || joined.includes(String(NUMBER_MARKER_BASE).slice(0, 9))) return undefined;
  return normalizeTemplate(parts);
}
