/**
 * The response variants of IFEval's loose evaluation: the original, the
 * original without its first line, without its last line, without both, and
 * each of these four with every `*` removed. Lines are split on "\n"; the
 * three cut variants are stripped. An instruction is followed loosely when
 * any variant that is non-blank after stripping passes.
 */
import { pyStrip } from "../text/python-chars.js";

export interface ResponseVariant {
  name: string;
  text: string;
}

/** The 8 variants, in the reference's order. */
export function looseVariants(response: string): ResponseVariant[] {
  const lines = response.split("\n");
  const removeFirst = pyStrip(lines.slice(1).join("\n"));
  const removeLast = pyStrip(lines.slice(0, -1).join("\n"));
  const removeBoth = pyStrip(lines.slice(1, -1).join("\n"));
  const noStars = (s: string): string => s.replaceAll("*", "");
  return [
    { name: "original", text: response },
    { name: "without *", text: noStars(response) },
    { name: "without first line", text: removeFirst },
    { name: "without last line", text: removeLast },
    { name: "without first and last line", text: removeBoth },
    { name: "without first line and *", text: noStars(removeFirst) },
    { name: "without last line and *", text: noStars(removeLast) },
    { name: "without first and last line and *", text: noStars(removeBoth) },
  ];
}
