/**
 * Renders docs/diagnostics.md from the catalog. `scripts/gen-diagnostics-doc.ts` writes it;
 * a test regenerates it in memory and fails when the committed file is stale.
 *
 * Each code gets a heading "HIRxxxx rule-id", whose GitHub anchor (`#hirxxxx-rule-id`) is
 * exactly the fragment `docsUrl()` links to.
 */
import { CATALOG_ENTRIES, type CatalogEntry, type Category } from "../diagnostics/catalog.js";

/** GitHub's heading anchor: lower-case, punctuation except `-` and `_` removed, spaces to `-`. */
export function githubAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
    .replace(/ /g, "-");
}

/** The heading text of a code's section. */
export function sectionHeading(e: CatalogEntry): string {
  return `${e.code} ${e.rule}`;
}

const CATEGORY_ORDER: ReadonlyArray<readonly [Category, string, string]> = [
  ["syntax", "1xxx", "Syntax: the text does not parse."],
  ["names", "2xxx", "Names: references to things that do not exist."],
  ["types", "3xxx", "Types: expressions, arguments and defaults of the wrong type."],
  ["imports", "4xxx", "Files, imports and duplicate declarations."],
  ["dependencies", "5xxx", "Dependencies between constraints (`requires`, `couple`)."],
  ["replay", "6xxx", "Replay hazards: contracts whose failures hindsight replay cannot use."],
  ["meaning", "7xxx", "Meaning: contradictions, and clauses that disagree with their checks."],
  ["regex", "8xxx", "Regular expressions."],
  ["hygiene", "9xxx", "Hygiene: unused or vague declarations, suppressions and configuration."],
];

function fence(text: string, info: string): string {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const f = "`".repeat(Math.max(3, longest + 1));
  return `${f}${info}\n${text}\n${f}`;
}

function tableCell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

const INTRO = `# Diagnostics

Every problem \`hir\` reports is a **diagnostic** with a stable identity:

- a **code** such as \`HIR2002\`. Codes never change meaning and are never reused; a retired
  code stays documented. The first digit is the category:
{{CATEGORIES}}
- a **rule id** such as \`unknown-input\`: the same thing in words. Config files and
  suppression comments accept either the rule id or the code (codes are case-insensitive).
- a **severity**: \`error\` (the contract is wrong or unusable), \`warning\` (probably a
  mistake) or \`info\` (worth knowing). Each rule has a default severity, listed below.
  \`hir lint\` exits with status 1 when a diagnostic at or above the \`--fail-on\` severity
  (default \`warning\`) remains after configuration and suppressions.

Folders named on the command line (\`hir lint\`, \`fmt\`, \`compile\`, \`ir\`) are walked for
\`.contract\` files safely: each directory is read once (symbolic-link loops end), and links
that lead outside the folder are not followed (they are named on stderr) unless
\`--follow-symlinks\` is given. See [security.md](security.md).

Each diagnostic points at a range of a file (1-based line and column, columns counted in
UTF-16 code units), explains the problem, usually suggests a fix (\`hint\`) and may point
at related locations (for example the other half of a contradiction).

Every rule below has an example, and the test suite lints each one expecting exactly that
code (except HIR9005, which no check in this version reports yet). An example of members alone sits inside \`contract A { prompt "Write." task brief
"Be brief." check words < 100 ... }\`; \`// file: NAME\` starts another file of the example.

## Configuration

\`hir lint\` looks for \`hir.config.json\` (or \`.hirrc.json\`) in the current directory and
then in each parent directory up to the filesystem root; the first one found is used. If a
directory has both, \`hir.config.json\` wins.

\`\`\`json
{
  "rules": {
    "unused-input": "off",
    "HIR7002": "error",
    "vague-judge-rubric": "warning"
  },
  "ignore": ["generated/**", "*.draft.contract", "!generated/keep.contract"]
}
\`\`\`

- \`rules\` maps a rule id or code to \`"error"\`, \`"warning"\`, \`"info"\` or \`"off"\`.
  Rules marked **Configurable: no** below (syntax and file errors) cannot be changed; a
  config entry that tries is itself an error.
- \`ignore\` lists glob patterns of files to skip, relative to the config file's directory:
  \`*\` matches within a path segment, \`**\` any number of segments, \`?\` one character,
  \`[abc]\` a character class, \`{a,b}\` alternatives. A pattern without \`/\` matches a file
  or directory name at any depth; a pattern that matches a directory skips everything in
  it; \`!pattern\` re-includes files an earlier pattern skipped (the last match wins).
- \`imports.root\` (default: the config file's directory) is the folder imports must stay
  inside, relative to the config file (\`{ "imports": { "root": ".." } }\` for a monorepo).
  Without a config file the project root is the nearest directory with a \`package.json\`,
  else the working directory. An import outside it ([HIR4008](#hir4008-import-outside-project)),
  or of a file that is not a \`.contract\` file ([HIR4009](#hir4009-import-not-contract)), is
  never read: the error names the path only.
- \`$schema\` may be set (for editors) and is otherwise ignored.
- Unknown fields, unknown rule names (with a "did you mean" suggestion) and invalid values
  are reported as [HIR9009 config-error](#hir9009-config-error), pointing at the offending
  key; the rest of the file still applies.

## Suppressions

A comment can silence specific diagnostics where they are intended:

\`\`\`contract
input audience: text  // hir-ignore unused-input -- filled in by the caller's template

// hir-ignore always-true -- placeholder until the real limit is decided
task a "Be brief." check words >= 0
\`\`\`

- The syntax is \`// hir-ignore <rule>[, <rule>...] -- <reason>\` (also \`/* ... */\`), where
  each rule is a rule id or a code (\`// hir-ignore HIR9001, always-true -- ...\`).
- A comment after code suppresses matching diagnostics that start on **its own line**. A
  comment on a line by itself applies to the **next line that has code** (blank lines and
  other comment lines are skipped).
- Either way the suppression covers the **whole statement** on that line (a contract or
  constraint-set member, or an import), however many lines it spans: \`hir fmt\` may move a
  constraint's \`check\` to the next line and the suppression still applies to it.
- Always give a reason after \`--\`. Without one the suppression still works but is reported
  as [HIR9006](#hir9006-suppression-without-reason).
- A suppression that matches nothing is reported as
  [HIR9007](#hir9007-unused-suppression); an unknown rule name as
  [HIR9010](#hir9010-unknown-rule-in-suppression).
- Syntax and file errors (rules that are not configurable) cannot be suppressed.

## Output formats

\`hir lint --format <name>\` selects how diagnostics are printed:

- \`pretty\` (default in a terminal): \`file:line:col  severity  message  [rule code]\`, a code
  frame with the range underlined, the hint and related locations, then a summary line.
- \`json\`: a stable, versioned JSON document (\`version\`, \`tool\`, \`summary\`, \`diagnostics\`).
- \`github\` (default when \`GITHUB_ACTIONS=true\`): workflow commands that GitHub shows as
  annotations on the pull request, plus a Markdown job summary.
- \`sarif\`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

## Index

{{INDEX}}
`;

/** The full text of docs/diagnostics.md. */
export function renderDiagnosticsDoc(entries: readonly CatalogEntry[] = CATALOG_ENTRIES): string {
  const sorted = [...entries].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const categories = CATEGORY_ORDER.map(([, digits, text]) => `  - \`${digits}\`: ${text}`).join("\n");

  const index: string[] = ["| Code | Rule | Category | Default severity | Configurable | Title |", "| --- | --- | --- | --- | --- | --- |"];
  for (const e of sorted) {
    index.push(
      `| [${e.code}](#${githubAnchor(sectionHeading(e))}) | \`${e.rule}\` | ${e.category} | ${e.severity} | ${e.configurable ? "yes" : "no"} | ${tableCell(e.title)} |`,
    );
  }

  const out: string[] = [
    "<!--",
    "  Generated from src/language/diagnostics/catalog.ts by scripts/gen-diagnostics-doc.ts.",
    "  Do not edit by hand: change the catalog and run `npx tsx scripts/gen-diagnostics-doc.ts`.",
    "-->",
    "",
    INTRO.replace("{{CATEGORIES}}", categories).replace("{{INDEX}}", index.join("\n")).trimEnd(),
  ];

  for (const [category, digits] of CATEGORY_ORDER) {
    const inCategory = sorted.filter((e) => e.category === category);
    if (inCategory.length === 0) continue;
    out.push("", `## Category: ${category} (${digits})`);
    for (const e of inCategory) {
      out.push("", `### ${sectionHeading(e)}`, "", `**${e.title}**`, "");
      out.push(`- Category: ${e.category}`);
      out.push(`- Default severity: ${e.severity}`);
      out.push(`- Configurable: ${e.configurable ? "yes" : "no (cannot be turned off, changed or suppressed)"}`);
      out.push("", e.doc);
      if (e.example !== undefined) out.push("", "Example:", "", fence(e.example, "contract"));
    }
  }
  // Entries in a category the table above does not know (should not happen; keeps the doc complete).
  const known = new Set<string>(CATEGORY_ORDER.map(([c]) => c));
  const other = sorted.filter((e) => !known.has(e.category));
  if (other.length > 0) {
    out.push("", "## Other");
    for (const e of other) {
      out.push("", `### ${sectionHeading(e)}`, "", `**${e.title}**`, "", e.doc);
    }
  }
  return `${out.join("\n")}\n`;
}
