/**
 * Types one expression tree: resolves names (inputs and built-ins), binds call
 * arguments to parameters, checks argument types and values, and records the
 * results in a TypingTable. Problems go to the reporter it is given.
 */
import type * as A from "../ast.js";
import { getBuiltin, builtinNames, isAssignable, type BuiltinSpec } from "../builtins/registry.js";
import { CATALOG } from "../diagnostics/catalog.js";
import { suggestion, type ReportFn } from "../diagnostics/builder.js";
import { didYouMean } from "../suggest.js";
import { describeType, inputValueType, type ExprType, type Resolution, type TypingTable } from "./table.js";

/** Types one expression tree, reporting problems; `inputs` is the scope. */
export class ExpressionTyper {
  private readonly inputs: ReadonlyMap<string, A.InputDecl>;

  constructor(
    private readonly report: ReportFn,
    private readonly table: TypingTable,
    private readonly file: string,
    inputs: readonly A.InputDecl[],
    private readonly inSet: boolean,
  ) {
    this.inputs = new Map(inputs.map((i) => [i.name.name, i]));
  }

  type(e: A.Expression): ExprType {
    const t = this.compute(e);
    this.table.types.set(e, t);
    return t;
  }

  private mismatch(e: A.Expression, message: string, hint?: string): "unknown" {
    this.report(CATALOG.typeMismatch, this.file, e.range, message, hint ? { hint } : {});
    return "unknown";
  }

  private compute(e: A.Expression): ExprType {
    switch (e.kind) {
      case "Number": return Number.isInteger(e.value) && !/[.eE]/.test(e.raw) ? "int" : "number";
      case "String": return "text";
      case "Boolean": return "bool";
      case "Regex": return "regex";
      case "Error": return "unknown";
      case "Paren": return this.type(e.inner);
      case "List": {
        for (const item of e.items) {
          const t = this.type(item);
          if (t !== "text" && t !== "unknown") this.mismatch(item, `list items must be texts, but this is ${describeType(t)}`, "Quote it: lists hold phrases.");
        }
        return "text[]";
      }
      case "Name": return this.name(e);
      case "Call": return this.call(e);
      case "Unary": {
        const t = this.type(e.operand);
        if (e.op === "not") {
          if (t !== "bool" && t !== "unknown") this.mismatch(e.operand, `\`not\` needs a condition, but this is ${describeType(t)}`);
          return "bool";
        }
        if (t !== "int" && t !== "number" && t !== "unknown") this.mismatch(e.operand, `\`-\` needs a number, but this is ${describeType(t)}`);
        return t === "int" ? "int" : "number";
      }
      case "Binary": return this.binary(e);
      case "InRange": {
        for (const part of [e.subject, e.low, e.high]) {
          const t = this.type(part);
          if (t !== "int" && t !== "number" && t !== "unknown") this.mismatch(part, `a range compares numbers, but this is ${describeType(t)}`);
        }
        const lo = this.table.constOf(e.low, true);
        const hi = this.table.constOf(e.high, true);
        if (typeof lo === "number" && typeof hi === "number" && lo > hi) {
          this.report(CATALOG.emptyRange, this.file, { start: e.low.range.start, end: e.high.range.end }, `the range ${lo}..${hi} is empty`, { hint: `Write it low..high: ${hi}..${lo}.` });
        }
        return "bool";
      }
    }
  }

  private binary(e: A.BinaryExpression): ExprType {
    const l = this.type(e.left);
    const r = this.type(e.right);
    const numeric = (t: ExprType) => t === "int" || t === "number";
    if (e.op === "and" || e.op === "or") {
      for (const [side, t] of [[e.left, l], [e.right, r]] as const) {
        if (t !== "bool" && t !== "unknown") this.mismatch(side, `\`${e.op}\` joins conditions, but this is ${describeType(t)}`, "Compare it with something, e.g. `words <= 100`.");
      }
      return "bool";
    }
    if (e.op === "+" || e.op === "-" || e.op === "*") {
      for (const [side, t] of [[e.left, l], [e.right, r]] as const) {
        if (!numeric(t) && t !== "unknown") this.mismatch(side, `\`${e.op}\` needs numbers, but this is ${describeType(t)}`);
      }
      return l === "int" && r === "int" ? "int" : "number";
    }
    if (l === "unknown" || r === "unknown") return "bool";
    if (e.op === "==" || e.op === "!=") {
      if (numeric(l) && numeric(r)) return "bool";
      if (l === r && (l === "text" || l === "bool")) return "bool";
      return this.mismatch(e, `cannot compare ${describeType(l)} with ${describeType(r)}`, l === "text" || r === "text" ? "Compare a count with a number (`bullets == 3`) or a text with a text (`language == \"de\"`)." : undefined);
    }
    if (!numeric(l) || !numeric(r)) {
      return this.mismatch(e, `\`${e.op}\` compares numbers, not ${describeType(numeric(l) ? r : l)}`, "Use a measure such as `words`, `chars` or `first_line.words`.");
    }
    return "bool";
  }

  private name(e: A.NameRef): ExprType {
    const name = e.name.name;
    const input = this.inputs.get(name);
    if (input) {
      this.table.resolutions.set(e, { kind: "input", decl: input });
      return inputValueType(input) ?? "unknown";
    }
    const spec = getBuiltin(name);
    if (spec) return this.applyBuiltin(e, spec, undefined, [], e.name);
    const guess = didYouMean(name, [...this.inputs.keys(), ...builtinNames()]);
    this.report(CATALOG.unknownBuiltin, this.file, e.name.range, `\`${name}\` is not ${this.inSet ? "a built-in (constraint sets have no inputs)" : "an input or a built-in"}`, {
      ...(guess ? suggestion(guess, e.name.range) : { hint: "See docs/builtins.md for the built-ins." }),
    });
    return "unknown";
  }

  private call(e: A.CallExpression): ExprType {
    const spec = getBuiltin(e.callee.name);
    if (!spec) {
      if (e.subject) this.type(e.subject);
      for (const a of e.args) this.type(a.value);
      const guess = didYouMean(e.callee.name, builtinNames());
      this.report(CATALOG.unknownBuiltin, this.file, e.callee.range, `unknown built-in \`${e.callee.name}\``, {
        ...(guess ? suggestion(guess, e.callee.range) : { hint: "See docs/builtins.md for the built-ins." }),
      });
      return "unknown";
    }
    return this.applyBuiltin(e, spec, e.subject, e.args, e.callee);
  }

  private applyBuiltin(e: A.Expression, spec: BuiltinSpec, subject: A.Expression | undefined, args: readonly A.Argument[], callee: A.Identifier): ExprType {
    if (subject) {
      const st = this.type(subject);
      if (!spec.subject) {
        this.report(CATALOG.typeMismatch, this.file, callee.range, `\`${spec.name}\` does not apply to a text`, { hint: `Call it on its own: \`${spec.name}(...)\`.` });
      } else if (st !== "text" && st !== "unknown") {
        this.mismatch(subject, `\`${spec.name}\` applies to a text, but this is ${describeType(st)}`, "Subjects are selectors such as `first_line`, `last_paragraph` or `paragraph(2)`.");
      }
    }
    // Most uses pass no arguments (`words`): they share one empty map.
    const bound = args.length === 0 ? NO_ARGS : new Map<string, A.Expression>();
    let positional = 0;
    let ok = true;
    for (const a of args) {
      const t = this.type(a.value);
      let param = undefined as (typeof spec.params)[number] | undefined;
      if (a.name) {
        param = spec.params.find((p) => p.name === a.name?.name);
        if (!param) {
          const guess = didYouMean(a.name.name, spec.params.map((p) => p.name));
          this.report(CATALOG.unknownParameter, this.file, a.name.range, `\`${spec.name}\` has no parameter \`${a.name.name}\``, {
            ...(guess ? suggestion(guess, a.name.range) : { hint: spec.params.length ? `Its parameters: ${spec.params.map((p) => p.name).join(", ")}.` : `\`${spec.name}\` takes no arguments.` }),
          });
          ok = false;
          continue;
        }
      } else {
        param = spec.params[positional++];
        if (!param) {
          this.report(CATALOG.wrongArity, this.file, a.range, `\`${spec.name}\` takes ${spec.params.length === 0 ? "no arguments" : `at most ${spec.params.length} argument${spec.params.length === 1 ? "" : "s"}`}`, {
            hint: signature(spec),
          });
          ok = false;
          continue;
        }
      }
      if (bound.has(param.name)) {
        this.report(CATALOG.wrongArity, this.file, a.range, `\`${param.name}\` is given twice`, { hint: signature(spec) });
        continue;
      }
      bound.set(param.name, a.value);
      if (t !== "unknown" && !isAssignable(t, param.type)) {
        this.mismatch(a.value, `\`${param.name}\` of \`${spec.name}\` takes ${describeType(param.type)}, but this is ${describeType(t)}`, signature(spec));
        ok = false;
        continue;
      }
      const value = this.table.constOf(a.value, true);
      if (param.schema && value !== undefined) {
        const res = param.schema.safeParse(value);
        if (!res.success) {
          const issue = res.error.issues[0];
          this.report(CATALOG.invalidArgumentValue, this.file, a.value.range, `invalid \`${param.name}\` for \`${spec.name}\`: ${issue?.message ?? "rejected"}`, { hint: param.doc });
        }
      }
    }
    let missing: (typeof spec.params)[number][] | undefined;
    for (const p of spec.params) if (p.default === undefined && !bound.has(p.name)) (missing ??= []).push(p);
    if (missing && ok) {
      this.report(CATALOG.wrongArity, this.file, e.range, `\`${spec.name}\` needs ${missing.map((p) => `\`${p.name}\``).join(" and ")}`, { hint: signature(spec) });
    }
    this.table.resolutions.set(e, bound === NO_ARGS ? argumentless(spec) : { kind: "builtin", spec, args: bound });
    return spec.result;
  }
}

/** The bound arguments of every argument-less use; never written (the loop over arguments does not run). */
const NO_ARGS = new Map<string, A.Expression>();

/** One resolution per built-in for its argument-less uses (`words`): they are all alike, and never mutated. */
const ARGUMENTLESS = new Map<BuiltinSpec, Resolution>();
function argumentless(spec: BuiltinSpec): Resolution {
  let r = ARGUMENTLESS.get(spec);
  if (r === undefined) {
    r = { kind: "builtin", spec, args: NO_ARGS };
    ARGUMENTLESS.set(spec, r);
  }
  return r;
}

export function signature(spec: BuiltinSpec): string {
  const params = spec.params.map((p) => `${p.name}: ${p.type}${p.default !== undefined ? ` = ${JSON.stringify(p.default)}` : ""}`).join(", ");
  return `Signature: ${spec.name}(${params}) -> ${spec.result}.`;
}
