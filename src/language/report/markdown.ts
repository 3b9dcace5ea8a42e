/** Small helpers to put untrusted text into GitHub-flavored Markdown safely. */

/**
 * Escapes the characters that mean something inside a line of GitHub-flavored Markdown:
 * emphasis, code, links, HTML, tables, strikethrough and `$` math. The text is always placed
 * mid-line (after a label), so block syntax such as `#` or `-` cannot trigger.
 */
export function escapeMarkdownText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/[\\`*_[\]<>|~$]/g, (ch) => `\\${ch}`);
}

/** An inline code span that shows `s` literally, whatever backticks it contains. */
export function codeSpan(s: string): string {
  const flat = s.replace(/\r\n|\r|\n/g, " ");
  let longest = 0;
  for (const m of flat.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat.startsWith(" ") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Renders a diagnostic message for Markdown: balanced `backtick` spans stay code spans (messages
 * use them to quote names), everything else is escaped, and line breaks become `<br>`.
 */
export function markdownMessage(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => {
      const parts = line.split("`");
      if (parts.length % 2 === 0) return escapeMarkdownText(line); // unbalanced: no code spans
      return parts.map((p, i) => (i % 2 === 0 ? escapeMarkdownText(p) : p.length > 0 ? codeSpan(p) : "")).join("");
    })
    .join("<br>");
}
