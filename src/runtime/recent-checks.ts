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
 * caller's own `HardBackend` is always run. Entries are per contract object
 * (released with it) and bounded in count and in response characters, oldest
 * first out, so a server verifying large responses keeps little alive.
 */
import type { CompiledContract, HardConstraint, InputValue } from "../compiler/ir.js";
import { readsInstruction } from "./evaluate.js";
import type { ResolvedInputs } from "./inputs.js";
import type { Own } from "./verify.js";

/** Responses remembered per contract, and their total characters. */
const MAX_RESPONSES = 512;
const MAX_CHARS = 1 << 21;

interface Entry {
  readonly values: ResolvedInputs;
  /** Own results by constraint id: only constraints whose check does not read the instruction. */
  readonly own: Map<string, Own>;
}

interface Recent {
  /** Insertion order is age order. */
  readonly byResponse: Map<string, Entry[]>;
  chars: number;
}

const recentByContract = new WeakMap<CompiledContract, Recent>();
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
 * The remembered own results for this response and these inputs (constraint id ->
 * result; only instruction-independent checks), created empty when there are none
 * yet, so the caller can add what it computes. Undefined when the response is too
 * large to remember.
 */
export function recentOwn(contract: CompiledContract, response: string, values: ResolvedInputs): Map<string, Own> | undefined {
  if (response.length > MAX_CHARS / 8) return undefined;
  let recent = recentByContract.get(contract);
  if (!recent) {
    recent = { byResponse: new Map(), chars: 0 };
    recentByContract.set(contract, recent);
  }
  const entries = recent.byResponse.get(response);
  if (entries) {
    for (const e of entries) if (sameValues(contract, e.values, values)) return e.own;
    const e: Entry = { values, own: new Map() };
    entries.push(e);
    return e.own;
  }
  const e: Entry = { values, own: new Map() };
  recent.byResponse.set(response, [e]);
  recent.chars += response.length;
  evict(recent);
  return e.own;
}

function evict(recent: Recent): void {
  const m = recent.byResponse;
  while (m.size > MAX_RESPONSES || recent.chars > MAX_CHARS) {
    const oldest = m.keys().next().value as string;
    m.delete(oldest);
    recent.chars -= oldest.length;
  }
}
