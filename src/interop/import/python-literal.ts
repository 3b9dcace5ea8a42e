/**
 * A safe reader for the Python literal subset that RLVR datasets use in their
 * `ground_truth` column: lists, tuples, dicts, strings, numbers, True/False/None.
 * It evaluates nothing; anything else is an error with an offset.
 */
export type PyValue = null | boolean | number | string | PyValue[] | { [key: string]: PyValue };

export type PyParse = { ok: true; value: PyValue } | { ok: false; message: string };

export function parsePythonLiteral(text: string): PyParse {
  let i = 0;
  const fail = (m: string): never => {
    throw new SyntaxError(`${m} at offset ${i}`);
  };
  const ws = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const str = (): string => {
    const q = text[i];
    const triple = text.startsWith(q!.repeat(3), i);
    const close = triple ? q!.repeat(3) : q!;
    i += close.length;
    let out = "";
    while (i < text.length && !text.startsWith(close, i)) {
      const c = text[i] as string;
      if (c === "\\") {
        const n = text[i + 1];
        const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0", "\n": "" };
        if (n !== undefined && simple[n] !== undefined) {
          out += simple[n];
          i += 2;
        } else if (n === "u" || n === "x") {
          const len = n === "u" ? 4 : 2;
          const hex = text.slice(i + 2, i + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) fail("bad escape");
          out += String.fromCharCode(parseInt(hex, 16));
          i += 2 + len;
        } else if (n === "U") {
          const hex = text.slice(i + 2, i + 10);
          if (!/^[0-9a-fA-F]{8}$/.test(hex)) fail("bad escape");
          out += String.fromCodePoint(parseInt(hex, 16));
          i += 10;
        } else {
          out += c;
          i++;
        }
      } else {
        if (!triple && c === "\n") fail("unterminated string");
        out += c;
        i++;
      }
    }
    if (i >= text.length) fail("unterminated string");
    i += close.length;
    return out;
  };
  const value = (depth: number): PyValue => {
    if (depth > 64) fail("nesting too deep");
    ws();
    const c = text[i];
    if (c === undefined) return fail("unexpected end");
    if (c === "'" || c === '"') {
      let s = str();
      // Adjacent string literals concatenate.
      for (ws(); text[i] === "'" || text[i] === '"'; ws()) s += str();
      return s;
    }
    if (c === "[" || c === "(") {
      const close = c === "[" ? "]" : ")";
      i++;
      const items: PyValue[] = [];
      for (ws(); text[i] !== close; ws()) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ",") i++;
        else if (text[i] !== close) fail(`expected , or ${close}`);
      }
      i++;
      return items;
    }
    if (c === "{") {
      i++;
      const obj = Object.create(null) as Record<string, PyValue>; // dataset keys may be `__proto__`
      for (ws(); text[i] !== "}"; ws()) {
        const k = value(depth + 1);
        if (typeof k !== "string" && typeof k !== "number") fail("dict keys must be strings or numbers");
        ws();
        if (text[i] !== ":") fail("expected :");
        i++;
        Object.defineProperty(obj, String(k), { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ",") i++;
        else if (text[i] !== "}") fail("expected , or }");
      }
      i++;
      return obj;
    }
    const word = /^(None|True|False|null|true|false|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 40));
    if (!word) return fail(`unexpected ${JSON.stringify(c)}`);
    i += (word[1] as string).length;
    switch (word[1]) {
      case "None":
      case "null":
        return null;
      case "True":
      case "true":
        return true;
      case "False":
      case "false":
        return false;
      default:
        return Number(word[1]);
    }
  };
  try {
    const v = value(0);
    ws();
    if (i !== text.length) fail("trailing text");
    return { ok: true, value: v };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
