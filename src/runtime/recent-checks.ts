/**
 * Own results of hard checks that do not read the instruction, remembered per
 * recent response: a hindsight re-verification checks the same response with
 * the same inputs right after `verify` did, only under another instruction, so
 * every check that does not read the instruction (the IR tells:
 * `readsInstruction`) would compute exactly what `verify` computed. The HiR
 * trainer re-verifies every failed rollout of a step this way.
 *
 * Only the IR interpreter's results are remembered (its built-ins are pure
 * functions of the response, the inputs and, for some, the instruction); a
 * caller's own `HardBackend` is always run. One process-wide table, bounded in
 * responses and in their characters, oldest first out, so a server verifying
 * many or large responses keeps little alive.
 */
import type { CompiledContract, HardConstraint, InputValue } from "../compiler/ir.js";
import { readsInstruction } from "./evaluate.js";
import type { ResolvedInputs } from "./inputs.js";

/** Responses remembered, and their total characters; a longer response is not remembered. */
const MAX_RESPONSES = 1024;
const MAX_CHARS = 1 << 22;
const MAX_RESPONSE_CHARS = 1 << 18;
/** Contracts and input assignments remembered per response (the same text may be verified against many). */
const MAX_ENTRIES_PER_RESPONSE = 8;

interface Entry {
  readonly contract: CompiledContract;
  readonly values: ResolvedInputs;
  /** Own results (verify.ts `Own`) by constraint id: only constraints whose check does not read the instruction. */
  readonly own: Map<string, unknown>;
}

/** Entries per response text; insertion order is age order. */
const byResponse = new Map<string, Entry[]>();
let chars = 0;
const readsByConstraint = new WeakMap<HardConstraint, boolean>();

/** Does the constraint's check read the instruction (memoized per IR constraint)? */
export function checkReadsInstruction(c: HardConstraint): boolean {
  let r = readsByConstraint.get(c);
  if (r === undefined) {
    r = readsInstruction(c.check);
    readsByConstraint.set(c, r);
  }
  return r;
}

function sameValue(a: InputValue | undefined, b: InputValue | undefined): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  return Object.is(a, b);
}

function sameValues(contract: CompiledContract, a: ResolvedInputs, b: ResolvedInputs): boolean {
  if (a === b) return true;
  for (const decl of contract.inputs) if (!sameValue(a[decl.name], b[decl.name])) return false;
  return true;
}

/**
 * The remembered own results for this contract, response and inputs (constraint
 * id -> result; only instruction-independent checks), created empty when there
 * are none yet, so the caller can add what it computes. Undefined when the
 * response is too large to remember.
 */
export function recentOwn<Own>(contract: CompiledContract, response: string, values: ResolvedInputs): Map<string, Own> | undefined {
  if (response.length > MAX_RESPONSE_CHARS) return undefined;
  const entries = byResponse.get(response);
  if (entries) {
    for (const e of entries) if (e.contract === contract && sameValues(contract, e.values, values)) return e.own as Map<string, Own>;
    const e: Entry = { contract, values, own: new Map() };
    if (entries.length >= MAX_ENTRIES_PER_RESPONSE) entries.shift();
    entries.push(e);
    return e.own as Map<string, Own>;
  }
  const e: Entry = { contract, values, own: new Map() };
  byResponse.set(response, [e]);
  chars += response.length;
  while (byResponse.size > MAX_RESPONSES || chars > MAX_CHARS) {
    const oldest = byResponse.keys().next().value as string;
    byResponse.delete(oldest);
    chars -= oldest.length;
  }
  return e.own as Map<string, Own>;
}
