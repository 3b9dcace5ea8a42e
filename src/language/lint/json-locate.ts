/**
 * A strict JSON (RFC 8259) parser that remembers where every key and value is, so config
 * errors can point at the offending text. Never throws: syntax errors come back as a result.
 */
import type { Range } from "../diagnostics/types.js";
import { LineIndex } from "../line-index.js";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type JsonPath = ReadonlyArray<string | number>;

export interface JsonNodeLocation {
  /** The property name, for object members. */
  readonly key?: Range;
  readonly value: Range;
}

export interface LocatedJson {
  readonly value: JsonValue;
  /** Where the value at `path` is (and its key, for object members). */
  locate(path: JsonPath): JsonNodeLocation | undefined;
  /** Object members whose key repeats an earlier key of the same object (the last one wins). */
  readonly duplicateKeys: ReadonlyArray<{ readonly path: JsonPath; readonly key: Range }>;
  readonly lines: LineIndex;
}

export type JsonParseResult =
  | { readonly ok: true; readonly json: LocatedJson }
  | { readonly ok: false; readonly message: string; readonly range: Range };

const MAX_DEPTH = 200;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

export function parseJsonWithLocations(text: string): JsonParseResult {
  const lines = new LineIndex(text);
  const spans = new Map<string, { key?: [number, number]; value: [number, number] }>();
  const duplicates: Array<{ path: JsonPath; key: [number, number] }> = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const describe = (at: number): string => {
    if (at >= text.length) return "end of file";
    const ch = text.codePointAt(at) ?? 0;
    return ch < 0x20 ? `character U+${ch.toString(16).toUpperCase().padStart(4, "0")}` : `\`${String.fromCodePoint(ch)}\``;
  };
  function fail(message: string, start = i, end = Math.min(i + 1, text.length)): never {
    throw new JsonSyntaxError(message, start, end);
  }

  const skipSpace = (): void => {
    for (;;) {
      const c = text[i];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") i++;
      else if (c === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) fail("Comments are not allowed in JSON.", i, i + 2);
      else return;
    }
  };

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    let out = "";
    for (;;) {
      if (i >= text.length) fail("Unterminated string.", start, text.length);
      const c = text.charCodeAt(i);
      if (c === 34 /* " */) {
        i++;
        return out;
      }
      if (c === 92 /* \ */) {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          fail("Invalid escape sequence in string.", i, Math.min(i + 2, text.length));
        }
        continue;
      }
      if (c < 0x20) fail("Control characters must be escaped in JSON strings.", i, i + 1);
      out += text[i];
      i++;
    }
  };

  /** After a member or element: consumes `,` (false: another item follows) or `close` (true: the container ends). */
  const closesAfterItem = (close: "}" | "]", item: string): boolean => {
    skipSpace();
    if (text[i] === ",") {
      i++;
      return false;
    }
    if (text[i] === close) {
      i++;
      return true;
    }
    fail(`Expected \`,\` or \`${close}\` after ${item}, found ${describe(i)}.`);
  };

  const parseValue = (path: Array<string | number>, depth: number, keySpan?: [number, number]): JsonValue => {
    if (depth > MAX_DEPTH) fail("JSON is nested too deeply.");
    skipSpace();
    const start = i;
    const c = text[i];
    let value: JsonValue;
    if (c === "{") {
      i++;
      const obj: { [key: string]: JsonValue } = {};
      const seen = new Set<string>();
      skipSpace();
      if (text[i] === "}") {
        i++;
      } else {
        for (;;) {
          skipSpace();
          if (text[i] !== '"') fail(text[i] === "}" ? "Trailing commas are not allowed in JSON." : `Expected a property name in double quotes, found ${describe(i)}.`);
          const keyStart = i;
          const key = parseString();
          const kSpan: [number, number] = [keyStart, i];
          skipSpace();
          if (text[i] !== ":") fail(`Expected \`:\` after a property name, found ${describe(i)}.`);
          i++;
          const childPath = [...path, key];
          if (seen.has(key)) duplicates.push({ path: childPath, key: kSpan });
          seen.add(key);
          // defineProperty: a key named "__proto__" must become a plain member, not a prototype.
          Object.defineProperty(obj, key, {
            value: parseValue(childPath, depth + 1, kSpan),
            enumerable: true,
            writable: true,
            configurable: true,
          });
          if (closesAfterItem("}", "a property value")) break;
        }
      }
      value = obj;
    } else if (c === "[") {
      i++;
      const arr: JsonValue[] = [];
      skipSpace();
      if (text[i] === "]") {
        i++;
      } else {
        for (;;) {
          skipSpace();
          if (text[i] === "]") fail("Trailing commas are not allowed in JSON.");
          arr.push(parseValue([...path, arr.length], depth + 1));
          if (closesAfterItem("]", "an array element")) break;
        }
      }
      value = arr;
    } else if (c === '"') {
      value = parseString();
    } else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
      m.lastIndex = i;
      const r = m.exec(text);
      if (!r) fail("Invalid number.");
      i += r[0].length;
      if (/[0-9.eE+-]/.test(text[i] ?? "")) fail("Invalid number.", start, i + 1);
      value = Number(r[0]);
    } else if (text.startsWith("true", i)) {
      i += 4;
      value = true;
    } else if (text.startsWith("false", i)) {
      i += 5;
      value = false;
    } else if (text.startsWith("null", i)) {
      i += 4;
      value = null;
    } else {
      fail(i >= text.length ? "Unexpected end of file: expected a JSON value." : `Unexpected ${describe(i)}: expected a JSON value.`);
    }
    spans.set(pathKey(path), keySpan ? { key: keySpan, value: [start, i] } : { value: [start, i] });
    return value;
  };

  try {
    const value = parseValue([], 0);
    skipSpace();
    if (i < text.length) fail(`Unexpected ${describe(i)} after the end of the JSON value.`);
    const json: LocatedJson = {
      value,
      lines,
      duplicateKeys: duplicates.map((d) => ({ path: d.path, key: lines.range(d.key[0], d.key[1]) })),
      locate(path) {
        const s = spans.get(pathKey(path));
        if (!s) return undefined;
        const value = lines.range(s.value[0], s.value[1]);
        return s.key ? { key: lines.range(s.key[0], s.key[1]), value } : { value };
      },
    };
    return { ok: true, json };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, message: e.message, range: lines.range(e.start, e.end) };
    throw e;
  }
}
