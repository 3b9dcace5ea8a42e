import type { Position, Range } from "../diagnostics/types.js";

/**
 * The position `index` code units into `text`, where `text` itself starts at `start`
 * (used to point inside a comment whose range is known).
 */
export function advancePosition(start: Position, text: string, index: number): Position {
  let { line, column } = start;
  const end = Math.min(index, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return { offset: start.offset + end, line, column };
}

/** A zero-width range at the start of a document. */
export const START_RANGE: Range = {
  start: { offset: 0, line: 1, column: 1 },
  end: { offset: 0, line: 1, column: 1 },
};
