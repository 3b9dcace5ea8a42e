/**
 * Code generation for hard checks: each check expression becomes a straight-line
 * TypeScript function over a `CheckEnv`.
 *
 * - Every distinct built-in call of the contract (same IR JSON, as the interpreter's
 *   memo key) gets a slot function `<C>$call<i>` that evaluates the subject, the
 *   arguments and the built-in implementation (bound once per module as
 *   `$b_<name>`) at most once per response.
 * - Literals, regexes and literal lists are hoisted to module constants `<C>$k<i>`;
 *   constant argument objects to `<C>$a<i>`.
 * - Operators become calls of the runtime node helpers (`$rt.compare`, `$rt.and`...,
 *   src/runtime/nodes.ts, which the interpreter uses too),
 *   in SSA form (`const n0 = ...`), in the interpreter's evaluation order (post-order,
 *   left to right, every `and`/`or` operand evaluated), so errors, evidence and
 *   measured values are the interpreter's.
 *
 * Every generated name contains `$`, which contract names, constraint ids and input
 * names (`[A-Za-z_][A-Za-z0-9_]*`) cannot, so generated names never collide with them.
 */
import { getBuiltin } from "../../language/builtins/registry.js";
import type { CallExpr, Expr, HardConstraint } from "../ir.js";
import { commentText, tsKey, tsString, tsValue } from "./literals.js";

export interface GeneratedConst {
  readonly name: string;
  readonly initializer: string;
}

export interface GeneratedFunction {
  readonly name: string;
  readonly doc?: string;
  readonly statements: readonly string[];
}

export interface ContractChecks {
  /** Module constants (literal nodes, constant argument objects), in first-use order. */
  readonly constants: readonly GeneratedConst[];
  /** Slot functions, in creation order (callee slots before their callers' use is irrelevant: functions are hoisted). */
  readonly slots: readonly GeneratedFunction[];
  /** One function per hard constraint, in constraint order. */
  readonly checks: readonly (GeneratedFunction & { readonly id: string })[];
  /** Built-in names used, sorted. */
  readonly builtins: readonly string[];
}

export function builtinBinding(name: string): string {
  return `$b_${name}`;
}

class Body {
  readonly lines: string[] = [];
  private next = 0;
  temp(expr: string): string {
    const name = `n${this.next++}`;
    this.lines.push(`const ${name} = ${expr};`);
    return name;
  }
}

/** Generates the check functions of one contract; `prefix` is the contract's binding name. */
export function generateChecks(prefix: string, constraints: readonly HardConstraint[]): ContractChecks {
  const constants: GeneratedConst[] = [];
  const constByInit = new Map<string, string>();
  const slots: (GeneratedFunction & { readonly index: number })[] = [];
  const slotByKey = new Map<string, string>();
  const builtins = new Set<string>();

  const counters = { k: 0, a: 0 };
  const constant = (initializer: string, kind: "k" | "a"): string => {
    const known = constByInit.get(initializer);
    if (known) return known;
    const name = `${prefix}$${kind}${counters[kind]++}`;
    constants.push({ name, initializer });
    constByInit.set(initializer, name);
    return name;
  };

  /** A reference to the node of `e`: a module constant, or a temp of `b` holding the evaluated node. */
  const node = (e: Expr, b: Body, root = false): string => {
    const out = (expr: string) => (root ? expr : b.temp(expr));
    switch (e.kind) {
      case "number":
      case "text":
      case "bool":
        return constant(`$rt.lit(${tsValue(e.value)})`, "k");
      case "regex":
        return constant(`$rt.regex(${tsString(e.pattern)}, ${tsString(e.flags)})`, "k");
      case "list": {
        if (e.items.every(isLiteral)) return constant(`$rt.list([${e.items.map((i) => node(i, b)).join(", ")}])`, "k");
        const items = e.items.map((i) => node(i, b));
        return out(`$rt.list([${items.join(", ")}])`);
      }
      case "input":
        return out(`$rt.input(e.inputs, ${tsString(e.name)})`);
      case "call":
        return out(`${slot(e)}(e)`);
      case "not": {
        const o = e.operand;
        if (o.kind === "compare") {
          const l = node(o.left, b);
          const r = node(o.right, b);
          const inner = b.temp(`$rt.compare(${tsString(o.op)}, ${l}, ${r})`);
          return out(`$rt.notCompare(${tsString(o.op)}, ${inner}, ${l}, ${r})`);
        }
        if (o.kind === "inRange") return out(`$rt.notInRange(${node(o, b)})`);
        return out(`$rt.not(${node(o, b)})`);
      }
      case "and":
      case "or": {
        const parts = e.operands.map((x) => node(x, b));
        return out(`$rt.${e.kind}([${parts.join(", ")}])`);
      }
      case "compare": {
        const l = node(e.left, b);
        const r = node(e.right, b);
        return out(`$rt.compare(${tsString(e.op)}, ${l}, ${r})`);
      }
      case "inRange": {
        const s = node(e.subject, b);
        const lo = node(e.low, b);
        const hi = node(e.high, b);
        return out(`$rt.inRange(${s}, ${lo}, ${hi})`);
      }
      case "arith": {
        const l = node(e.left, b);
        const r = node(e.right, b);
        return out(`$rt.arith(${tsString(e.op)}, ${l}, ${r})`);
      }
      case "neg":
        return out(`$rt.neg(${node(e.operand, b)})`);
    }
  };

  const slot = (e: CallExpr): string => {
    const key = JSON.stringify(e);
    const known = slotByKey.get(key);
    if (known) return known;
    const index = slotByKey.size;
    const name = `${prefix}$call${index}`;
    slotByKey.set(key, name);
    builtins.add(e.name);
    const b = new Body();
    b.lines.push(`const hit = e.slots[${index}];`, "if (hit !== undefined) return hit;");
    let text = "e.response";
    let where = "undefined";
    if (e.subject) {
      const s = node(e.subject, b);
      b.lines.push(`const text = $rt.subjectText(${s}, ${tsString(e.name)});`);
      text = "text";
      where = `${s}.text`;
    }
    const entries = Object.entries(e.args);
    let args: string;
    if (entries.length === 0) {
      args = "$rt.NO_ARGS";
    } else if (entries.every(([, v]) => isLiteral(v))) {
      args = constant(`$rt.args({ ${entries.map(([k, v]) => `${tsKey(k)}: ${tsValue(literalValue(v))}`).join(", ")} })`, "a");
    } else {
      const values = entries.map(([k, v]) => `${tsKey(k)}: ${isLiteral(v) ? tsValue(literalValue(v)) : `${node(v, b)}.value`}`);
      b.lines.push(`const args: $rt.BuiltinArgs = { ${values.join(", ")} };`);
      args = "args";
    }
    b.lines.push(`const out = ${builtinBinding(e.name)}.evaluate(${text}, ${args}, e.ctx);`);
    let wrap: string;
    switch (e.builtin) {
      case "measure":
      case "predicate":
        wrap = `$rt.${e.builtin}(out, ${where})`;
        break;
      case "selector":
        wrap = `$rt.selector(${tsString(e.name)}, ${e.unit !== undefined ? tsString(e.unit) : "undefined"}, out, ${where}, ${args})`;
        break;
    }
    b.lines.push(`const n = ${wrap};`, `e.slots[${index}] = n;`, "return n;");
    slots.push({ index, name, doc: `\`${commentText(exprSource(e))}\``, statements: b.lines });
    return name;
  };

  const checks = constraints.map((c) => {
    const b = new Body();
    const result = node(c.check, b, true);
    b.lines.push(`return ${result};`);
    const where = `${c.source.file}:${c.source.line}:${c.source.column}`;
    return {
      id: c.id,
      name: `${prefix}$check_${c.id}`,
      doc: `\`${c.id}\`: \`${commentText(exprSource(c.check))}\` (${commentText(where)})`,
      statements: b.lines,
    };
  });

  slots.sort((a, b) => a.index - b.index);
  return { constants, slots, checks, builtins: [...builtins].sort() };
}

function isLiteral(e: Expr): boolean {
  return e.kind === "number" || e.kind === "text" || e.kind === "bool" || e.kind === "regex" || (e.kind === "list" && e.items.every((i) => i.kind === "text"));
}

/** The runtime value of a literal argument (what the interpreter passes to the built-in). */
function literalValue(e: Expr): unknown {
  switch (e.kind) {
    case "number":
    case "text":
    case "bool":
      return e.value;
    case "regex":
      return { pattern: e.pattern, flags: e.flags };
    case "list":
      return e.items.map(literalValue);
    default:
      throw new Error(`internal: ${e.kind} is not a literal`);
  }
}

// ---- source-like rendering of checks, for doc comments ----------------------------------------------------------

const PRECEDENCE: Readonly<Record<string, number>> = { or: 1, and: 2, not: 3, compare: 4, inRange: 4, "+": 5, "-": 5, "*": 6, neg: 7 };

function precedenceOf(e: Expr): number {
  switch (e.kind) {
    case "or": case "and": case "not": case "compare": case "inRange": case "neg":
      return PRECEDENCE[e.kind] as number;
    case "arith":
      return PRECEDENCE[e.op] as number;
    default:
      return 9;
  }
}

/** The check written back in the contract language (for comments; not parsed). */
export function exprSource(e: Expr): string {
  const wrap = (x: Expr, min: number) => (precedenceOf(x) < min ? `(${exprSource(x)})` : exprSource(x));
  switch (e.kind) {
    case "number": return String(e.value);
    case "text": return JSON.stringify(e.value);
    case "bool": return String(e.value);
    case "regex": return `/${e.pattern}/${e.flags}`;
    case "list": return `[${e.items.map(exprSource).join(", ")}]`;
    case "input": return e.name;
    case "call": {
      const spec = getBuiltin(e.name);
      const given = Object.entries(e.args).filter(([k, v]) => {
        const p = spec?.params.find((x) => x.name === k);
        return !(p && p.default !== undefined && v.kind !== "list" && "value" in v && v.value === p.default);
      });
      const head = e.subject ? `${wrap(e.subject, 9)}.${e.name}` : e.name;
      if (given.length === 0) return head;
      const required = spec?.params.filter((p) => p.default === undefined).map((p) => p.name) ?? [];
      return `${head}(${given.map(([k, v]) => (required.includes(k) ? exprSource(v) : `${k}: ${exprSource(v)}`)).join(", ")})`;
    }
    case "not": return `not ${wrap(e.operand, PRECEDENCE["not"] as number)}`;
    case "and":
    case "or": {
      const p = PRECEDENCE[e.kind] as number;
      return e.operands.map((o) => wrap(o, p + 1)).join(` ${e.kind} `);
    }
    case "compare": return `${wrap(e.left, 5)} ${e.op} ${wrap(e.right, 5)}`;
    case "inRange": return `${wrap(e.subject, 5)} in ${wrap(e.low, 5)}..${wrap(e.high, 5)}`;
    case "arith": {
      const p = PRECEDENCE[e.op] as number;
      return `${wrap(e.left, p)} ${e.op} ${wrap(e.right, p + 1)}`;
    }
    case "neg": return `-${wrap(e.operand, PRECEDENCE["neg"] as number)}`;
  }
}
