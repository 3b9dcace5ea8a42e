/**
 * "Would Python's `json.loads` accept this text?"
 *
 * Python's decoder is standard JSON plus the constants `NaN`, `Infinity` and
 * `-Infinity`; otherwise it agrees with `JSON.parse` (same whitespace set, same
 * number grammar, control characters rejected inside strings). `JSON.parse` is
 * tried first; a small linear-time validator handles the extra constants.
 */

export type JsonVerdict = { ok: true } | { ok: false; error: string };

/** Validate `text` as Python's `json.loads` would. */
export function pythonJsonLoads(text: string): JsonVerdict {
  const depth = maxNesting(text);
  if (depth > MAX_DEPTH) {
    return { ok: false, error: `nesting depth ${depth} exceeds Python's recursion limit (the reference would raise RecursionError)` };
  }
  try {
    JSON.parse(text);
    return { ok: true };
  } catch (e) {
    if (!/NaN|Infinity/.test(text)) return { ok: false, error: (e as Error).message };
  }
  return validate(text);
}

/** CPython's default recursion limit bounds how deeply its JSON decoder can nest. */
const MAX_DEPTH = 990;

/** Maximum bracket nesting outside strings (linear scan). */
function maxNesting(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

function validate(text: string): JsonVerdict {
  let i = 0;
  const n = text.length;
  const fail = (what: string): JsonVerdict => ({ ok: false, error: `${what} at position ${i}` });
  const skip = (): void => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  /** Reads `"key" :` at `i` (after whitespace); the error Python's json reports, or undefined. */
  const propertyName = (): string | undefined => {
    STRING.lastIndex = i;
    if (!STRING.test(text)) return "Expecting property name enclosed in double quotes";
    i = STRING.lastIndex;
    skip();
    if (text[i] !== ":") return "Expecting ':' delimiter";
    i++;
    return undefined;
  };
  // Explicit stack instead of recursion: containers and whether a value is expected.
  const stack: Array<"[" | "{"> = [];
  skip();
  for (;;) {
    // Expect a value.
    skip();
    if (i >= n) return fail("Expecting value");
    const c = text[i]!;
    if (c === "{" || c === "[") {
      stack.push(c);
      i++;
      skip();
      if (c === "{") {
        if (text[i] === "}") {
          i++;
          stack.pop();
        } else {
          const error = propertyName();
          if (error) return fail(error);
          continue;
        }
      } else if (text[i] === "]") {
        i++;
        stack.pop();
      } else {
        continue;
      }
    } else if (c === '"') {
      STRING.lastIndex = i;
      if (!STRING.test(text)) return fail("Invalid string");
      i = STRING.lastIndex;
    } else if (text.startsWith("true", i)) i += 4;
    else if (text.startsWith("false", i)) i += 5;
    else if (text.startsWith("null", i)) i += 4;
    else if (text.startsWith("NaN", i)) i += 3;
    else if (text.startsWith("Infinity", i)) i += 8;
    else if (text.startsWith("-Infinity", i)) i += 9;
    else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return fail("Expecting value");
      i = NUMBER.lastIndex;
    }
    // After a value: close containers or continue with a comma.
    for (;;) {
      skip();
      const top = stack[stack.length - 1];
      if (top === undefined) {
        return i === n ? { ok: true } : fail("Extra data");
      }
      const d = text[i];
      if (d === ",") {
        i++;
        if (top === "{") {
          skip();
          const error = propertyName();
          if (error) return fail(error);
        }
        break;
      }
      if ((top === "[" && d === "]") || (top === "{" && d === "}")) {
        i++;
        stack.pop();
        continue;
      }
      return fail(top === "[" ? "Expecting ',' delimiter" : "Expecting ',' delimiter");
    }
  }
}
