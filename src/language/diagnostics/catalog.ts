/**
 * The one catalog of diagnostics. Codes and rule ids are stable: tools, configs,
 * suppression comments and docs links refer to them. Never renumber; retire a code
 * by leaving it in place with `retired: true`.
 *
 * Numbering: 1xxx syntax, 2xxx names, 3xxx types, 4xxx files and imports,
 * 5xxx dependencies, 6xxx replay hazards, 7xxx meaning (contradictions, clauses),
 * 8xxx regular expressions, 9xxx hygiene and suppressions.
 */
import type { Severity } from "./types.js";

export type Category =
  | "syntax"
  | "names"
  | "types"
  | "imports"
  | "dependencies"
  | "replay"
  | "meaning"
  | "regex"
  | "hygiene";

export interface CatalogEntry {
  readonly code: string;
  readonly rule: string;
  readonly category: Category;
  readonly severity: Severity;
  /** One line, used as SARIF shortDescription and docs heading. */
  readonly title: string;
  /** Why it matters and how to fix it; rendered into docs/diagnostics.md. */
  readonly doc: string;
  /**
   * A spec that triggers exactly this code. Members alone (no top-level `contract`,
   * `constraints` or `import`) stand inside `contract A { prompt "Write." task brief
   * "Be brief." check words < 100 ... }`; `// file: NAME` starts another file of the
   * example. Shown in docs/diagnostics.md and hovers, and run by the rule-tester
   * (test/language/diagnostics/catalog-examples.test.ts).
   */
  readonly example?: string;
  /** Whether a config file may change its severity or turn it off. Syntax and file errors may not. */
  readonly configurable: boolean;
}

function entry(
  code: string,
  rule: string,
  category: Category,
  severity: Severity,
  title: string,
  doc: string,
  example?: string,
  configurable = true,
): CatalogEntry {
  return { code, rule, category, severity, title, doc, example, configurable };
}

export const CATALOG = {
  // 1xxx syntax ---------------------------------------------------------------------------
  syntaxError: entry("HIR1001", "syntax-error", "syntax", "error", "The text does not follow the contract grammar.",
    "The parser expected something else at this point. It recovers and keeps reading, so every syntax error in a file is reported in one run.",
    "tsk bullets \"Use bullets.\" check bullets >= 2", false),
  unterminatedString: entry("HIR1002", "unterminated-string", "syntax", "error", "A string is not closed.",
    "A `\"` string must close on the same line; use `\"\"\"` for text that spans lines.", "task poem \"Write a poem", false),
  invalidEscape: entry("HIR1003", "invalid-escape", "syntax", "error", "A string contains an unknown escape sequence.",
    "Strings accept \\\\, \\\", \\n, \\t, \\r, \\{ and \\u{XXXX}. Any other backslash sequence is an error so that a typo does not silently change the text.",
    "task path \"Name the folder.\" check contains(\"C:\\path\")", false),
  unexpectedCharacter: entry("HIR1004", "unexpected-character", "syntax", "error", "A character that cannot start any token.",
    "Remove the character or put it inside a string.", "task a \"x\" check words < 3 §", false),
  invalidNumber: entry("HIR1005", "invalid-number", "syntax", "error", "A number is malformed or out of range.",
    "Integers must fit in a safe JavaScript integer (up to 9007199254740991).", "task short \"Be short.\" check words < 99999999999999999999", false),
  unterminatedRegex: entry("HIR1006", "unterminated-regex", "syntax", "error", "A regular expression literal is not closed.",
    "Close the pattern with `/` on the same line, optionally followed by flags (`i`, `m`, `s`).", "task hello \"Say hello.\" check matches /hello", false),
  nestingTooDeep: entry("HIR1007", "nesting-too-deep", "syntax", "error", "An expression nests deeper than the language allows.",
    "Parentheses and brackets may nest at most 100 levels, and an expression at most 100 operators or `.` accesses deep (`a and b and c` is 2 deep). The limit keeps every command (lint, fmt, compile, check, hindsight) within a fixed stack; real checks stay far below it. Split a long check into several constraints, or group it with a built-in such as `contains_all`.",
    `task short "Be short." check ${"(".repeat(101)}words < 100${")".repeat(101)}`, false),

  // 2xxx names -----------------------------------------------------------------------------
  unknownConstraint: entry("HIR2001", "unknown-constraint", "names", "error", "A name does not refer to any constraint in scope.",
    "`requires`, `couple` and `use` refer to constraints by id. The id must be declared in the same contract or in an imported constraint set.",
    "brief requires missing_one"),
  unknownInput: entry("HIR2002", "unknown-input", "names", "error", "An interpolation or check refers to an input that is not declared.",
    "Declare the input with `input name: type` or fix the spelling.", "contract A {\n  prompt \"Summarise {{polcy}}.\"\n  task brief \"Be brief.\" check words < 100\n}"),
  unknownBuiltin: entry("HIR2003", "unknown-builtin", "names", "error", "A check calls a measure, selector or predicate that does not exist.",
    "Run `hir builtins` or read docs/builtins.md for the list of built-ins and their parameters.", "task short \"Be short.\" check wrds < 100"),
  unknownImportName: entry("HIR2004", "unknown-use", "names", "error", "`use` names something no imported file declares.",
    "`use` takes a constraint id or a constraint set name from an imported file.", "import \"policies.contract\"\n\ncontract A {\n  prompt \"Write.\"\n  task brief \"Be brief.\" check words < 100\n  use no_guarantees\n  use no_guarantes\n}\n// file: policies.contract\nconstraints Policies {\n  safety no_guarantees \"Promise nothing.\" check not contains(\"guarantee\")\n}"),
  ambiguousUse: entry("HIR2005", "ambiguous-use", "names", "error", "`use` matches constraints in more than one imported set.",
    "Qualify the name with its set: `use SetName.constraint_id`.", "import \"privacy.contract\"\nimport \"legal.contract\"\n\ncontract A {\n  prompt \"Write.\"\n  task brief \"Be brief.\" check words < 100\n  use no_pii\n}\n// file: privacy.contract\nconstraints Privacy {\n  safety no_pii \"Share no e-mail address.\" check not contains(\"@\")\n}\n// file: legal.contract\nconstraints Legal {\n  safety no_pii \"Name no client.\" check not contains(\"client\")\n}"),
  unknownSetting: entry("HIR2006", "unknown-setting", "names", "error", "A replay setting or layout name is not known.",
    "Replay settings are `min_kept`, `layout` (inline, lines, numbered, bullets) and `placement` (after, before).", "replay { layout table }"),
  unknownType: entry("HIR2008", "unknown-type", "names", "error", "An input's type is not one of the language's types.",
    "Input types are `text`, `int`, `number`, `bool` and `text[]`.", "input n: integer\ntask list \"List {{n}} items.\" check bullets >= 1"),
  inputShadowsBuiltin: entry("HIR2009", "input-shadows-builtin", "names", "warning", "An input has the same name as a built-in, so checks cannot call the built-in by that name.",
    "Rename the input.", "input words: int"),
  unknownParameter: entry("HIR2007", "unknown-parameter", "names", "error", "A named argument does not match any parameter of the built-in.",
    "Check the built-in's parameters in docs/builtins.md.", "task a \"Mention a.\" check contains_any([\"a\"], whole_word: true)"),

  // 3xxx types -------------------------------------------------------------------------------
  typeMismatch: entry("HIR3001", "type-mismatch", "types", "error", "An expression has the wrong type for where it is used.",
    "Comparisons need two numbers or two texts; `and`, `or` and `not` need booleans; a check must be a boolean.",
    "task three \"Write three words.\" check words == \"three\""),
  wrongArity: entry("HIR3002", "wrong-arity", "types", "error", "A built-in is called with too many or too few arguments.",
    "Check the built-in's parameters in docs/builtins.md.", "task hi \"Say hi.\" check contains()"),
  checkNotBoolean: entry("HIR3003", "check-not-boolean", "types", "error", "A check does not evaluate to true or false.",
    "A check is a condition: compare the measure (`words <= 100`) or use a predicate.", "task some \"Write something.\" check words"),
  invalidDefault: entry("HIR3004", "invalid-default", "types", "error", "An input's default value does not match its type.",
    "Give a default of the declared type, or change the type.", "input n: int = \"ten\"\ntask list \"List {{n}} items.\" check bullets >= 1"),
  invalidArgumentValue: entry("HIR3005", "invalid-argument", "types", "error", "An argument's value is outside what the built-in accepts.",
    "Each built-in validates its arguments (for example counts must be non-negative); the message says which rule failed.",
    "task x \"Mention x first.\" check paragraph(0) contains \"x\""),
  emptyRange: entry("HIR3006", "empty-range", "types", "error", "A range's lower bound is above its upper bound.",
    "Write ranges low..high.", "task mid \"Write 100 to 200 words.\" check words in 200..100"),

  // 4xxx files, imports, duplicates ------------------------------------------------------------
  importNotFound: entry("HIR4001", "import-not-found", "imports", "error", "An imported file does not exist or cannot be read.",
    "Import paths are relative to the importing file.", "import \"policies/missing.contract\"\n\ncontract A {\n  prompt \"Write.\"\n  task brief \"Be brief.\" check words < 100\n}", false),
  importCycle: entry("HIR4002", "import-cycle", "imports", "error", "Files import each other in a cycle.",
    "Move the shared constraints into a file that both import.", "import \"tone.contract\"\n\nconstraints Style {\n  quality plain \"Use plain words.\" check not contains(\"utilize\")\n}\n\ncontract A {\n  prompt \"Write.\"\n  task brief \"Be brief.\" check words < 100\n  use polite\n}\n// file: tone.contract\nimport \"example.contract\"\n\nconstraints Tone {\n  quality polite \"Be polite.\" check not contains(\"idiot\")\n  use plain\n}", false),
  duplicateDeclaration: entry("HIR4003", "duplicate-declaration", "imports", "error", "Two declarations share a name in the same scope.",
    "Contract names, constraint set names, constraint ids and input names must be unique in their scope.", "task brief \"Be short.\" check sentences < 5", false),
  duplicateImport: entry("HIR4004", "duplicate-import", "imports", "warning", "A file is imported more than once.",
    "Remove the repeated import.", "import \"tone.contract\"\nimport \"tone.contract\"\n\ncontract A {\n  prompt \"Write.\"\n  task brief \"Be brief.\" check words < 100\n  use polite\n}\n// file: tone.contract\nconstraints Tone {\n  quality polite \"Be polite.\" check not contains(\"idiot\")\n}"),
  unusedImport: entry("HIR4005", "unused-import", "imports", "warning", "An imported file contributes nothing that this file uses.",
    "Remove the import, or `use` one of its constraints.", "import \"other.contract\"\n\ncontract A {\n  prompt \"Write.\"\n  task brief \"Be brief.\" check words < 100\n}\n// file: other.contract\ncontract B {\n  prompt \"Write.\"\n  task brief \"Be brief.\" check words < 50\n}"),
  memberNotAllowed: entry("HIR4007", "member-not-allowed", "imports", "error", "A constraint set holds a member only contracts may have.",
    "Constraint sets hold constraints, `use`, `requires` and `couple`. Inputs, prompts and replay settings belong to contracts.", "constraints P { prompt \"x\" }\n\ncontract A {\n  prompt \"Write.\"\n  use P\n  task brief \"Be brief.\" check words < 100\n}", false),
  duplicateSetting: entry("HIR4006", "duplicate-setting", "imports", "error", "A contract declares the same singular item twice (prompt, a replay setting).",
    "Keep one.", "prompt \"Write again.\"", false),
  importOutsideProject: entry("HIR4008", "import-outside-project", "imports", "error", "An import resolves to a file outside the project root; it is not read.",
    "Imports resolve only inside the project: the folder of hir.config.json (or `imports.root` in it), else of the nearest package.json. Move the file into the project or set `imports.root`.",
    "import \"../outside.contract\"\n\ncontract A {\n  prompt \"Write.\"\n  task brief \"Be brief.\" check words < 100\n}\n// file: ../outside.contract\nconstraints Outside {\n  task short \"Be short.\" check words < 50\n}", false),
  importNotContract: entry("HIR4009", "import-not-contract", "imports", "error", "An import names a file that is not a `.contract` file; it is not read.",
    "Only `.contract` files can be imported. Rename the file, or import the contract file that holds the constraints.",
    "import \"notes.txt\"\n\ncontract A {\n  prompt \"Write.\"\n  task brief \"Be brief.\" check words < 100\n}\n// file: notes.txt\nsome notes", false),

  // 5xxx dependencies ------------------------------------------------------------------------------
  requiresCycle: entry("HIR5001", "requires-cycle", "dependencies", "error", "Constraints require each other in a cycle.",
    "A cycle of `requires` means none of them can be dropped alone: say so directly with `couple a, b`.",
    "task bullets \"Use bullets.\" check bullets >= 2\nbrief requires bullets\nbullets requires brief"),
  selfDependency: entry("HIR5002", "self-dependency", "dependencies", "error", "A constraint requires itself or is coupled with itself.",
    "Remove the self-reference.", "brief requires brief"),
  redundantDependency: entry("HIR5003", "redundant-dependency", "dependencies", "warning", "A dependency is stated twice or already implied.",
    "Remove the repeated `requires` or the duplicate member of the coupled set.", "task bullets \"Use bullets.\" check bullets >= 2\nbrief requires bullets, bullets"),
  coupleTooSmall: entry("HIR5004", "couple-too-small", "dependencies", "error", "A coupled set names fewer than two distinct constraints.",
    "`couple` needs at least two constraints.", "couple brief"),

  // 6xxx replay hazards ----------------------------------------------------------------------------
  noRemovableConstraint: entry("HIR6001", "no-removable-constraint", "replay", "warning", "No constraint can be dropped, so hindsight replay can never use a failed response.",
    "Hindsight replay builds an instruction from the constraints a response met by dropping the ones it failed. If every constraint is safety or pinned, no failure can be replayed. Make some constraints `task` or `quality`, or accept that this contract only trains on full successes.",
    "contract A {\n  prompt \"Write.\"\n  safety no_secrets \"Reveal no password.\" check not contains(\"password\")\n}"),
  minKeptTooHigh: entry("HIR6002", "min-kept-unreachable", "replay", "error", "`min_kept` asks for more constraints than a replay can keep.",
    "A replay keeps at most all constraints minus one (a failure drops at least one, plus its drop-closure). With this `min_kept`, no failed response can ever be replayed.",
    "replay { min_kept 5 }  // with 1 constraint"),
  safetyCoupled: entry("HIR6003", "safety-in-coupled-set", "replay", "warning", "A safety or pinned constraint is in a coupled set.",
    "Coupling a non-removable constraint with removable ones means any failure of those removable constraints would drop the non-removable one too, which is never allowed: every response that fails any member of the set becomes ineligible for replay.",
    "task bullets \"Use bullets.\" check bullets >= 2\nquality tone \"No shouting.\" check not contains(\"!\")\nsafety no_pii \"Share no e-mail address.\" check not contains(\"@\")\ncouple tone, no_pii  // no_pii is safety"),
  safetyRequiredByRemovable: entry("HIR6004", "removable-requires-immutable-dependent", "replay", "warning", "A non-removable constraint requires a removable one.",
    "If the removable prerequisite fails, dropping it would drop the non-removable dependent, which is refused: every response that fails the prerequisite becomes ineligible for replay. Usually the prerequisite should be pinned too, or the dependency reversed.",
    "task lines \"Use at most 9 lines.\" check lines <= 9\ntask three_bullets \"Use three bullets.\" check bullets == 3\nsafety no_pii \"Share no e-mail address.\" check not contains(\"@\")\nno_pii requires three_bullets  // no_pii is safety"),
  minKeptBelowOne: entry("HIR6005", "min-kept-invalid", "replay", "error", "`min_kept` must be at least 1.",
    "A hindsight instruction with no constraints says nothing; the minimum is 1.", "task bullets \"Use bullets.\" check bullets >= 2\nreplay { min_kept 0 }"),
  allDropClosuresBlocked: entry("HIR6006", "replay-mostly-blocked", "replay", "info", "Most constraints cannot be dropped without dropping a non-removable one.",
    "Reported when more than half of the removable constraints have a drop-closure that reaches a safety or pinned constraint. Replay will rarely be possible.", "task three_bullets \"Use three bullets.\" check bullets == 3\nsafety no_pii \"Share no e-mail address.\" check not contains(\"@\")\n// hir-ignore removable-requires-immutable-dependent -- the policy needs the layout\nno_pii requires three_bullets, brief"),

  // 7xxx meaning --------------------------------------------------------------------------------------
  contradiction: entry("HIR7001", "contradiction", "meaning", "error", "Two requirements can never both hold, so no response can satisfy the contract.",
    "The contract asks for incompatible things (for example `words >= 300` and `words <= 100`, or `contains \"x\"` and `not contains \"x\"`). Fix one of them.",
    "task long \"Write at least 300 words.\" check words >= 300"),
  clauseMismatch: entry("HIR7002", "clause-check-mismatch", "meaning", "warning", "The clause says a different number than the check enforces.",
    "The clause is what the model reads; the check is what is rewarded. If they disagree the model is trained toward a requirement it was never told. Numbers written as digits and as words (\"three\") are compared.",
    "task bullets \"Use exactly three bullet points.\" check bullets == 4"),
  clauseUnitMismatch: entry("HIR7003", "clause-unit-mismatch", "meaning", "warning", "The clause talks about a different unit than the check measures.",
    "For example the clause says \"words\" but the check counts sentences.", "task short \"Under 100 words.\" check sentences < 100"),
  missingClause: entry("HIR7004", "missing-clause", "meaning", "error", "A constraint has no clause and none can be derived from its check.",
    "Write the sentence the model should read, in quotes after the constraint id.", "task a check words < 3 or bullets == 2"),
  tautology: entry("HIR7005", "always-true", "meaning", "warning", "A check holds for every response.",
    "A constraint that always passes adds nothing to the reward and inflates constraint-level accuracy.", "task some \"Write something.\" check words >= 0"),
  duplicateClause: entry("HIR7006", "duplicate-clause", "meaning", "warning", "Two constraints state the same clause.",
    "The instruction would say the same thing twice; merge them.", "task short \"Be brief.\" check sentences < 5"),

  // 8xxx regex ----------------------------------------------------------------------------------------
  invalidRegex: entry("HIR8001", "invalid-regex", "regex", "error", "A regular expression does not compile.",
    "Patterns use RE2 syntax (linear-time: no backreferences or lookaround) so that no response can hang a verifier.",
    "task x \"Open a group.\" check matches /(unclosed/"),
  catastrophicRegex: entry("HIR8002", "catastrophic-backtracking", "regex", "warning", "A regular expression would backtrack exponentially in a backtracking engine.",
    "hindsight runs patterns on a linear-time engine, so verification cannot hang here; but exported checks (for Python or other engines) would. Nested quantifiers such as `(a+)+` or overlapping alternatives under a star are the usual cause; rewrite without the nested repetition.",
    "task a \"End with a run of a.\" check matches /(a+)+$/"),
  emptyMatchRegex: entry("HIR8003", "regex-matches-empty", "regex", "warning", "A regular expression matches the empty string, so a presence check always passes.",
    "Make the pattern require at least one character.", "task a \"Mention a.\" check matches /a*/"),

  // 9xxx hygiene ------------------------------------------------------------------------------------------
  unusedInput: entry("HIR9001", "unused-input", "hygiene", "warning", "An input is declared but never used.",
    "Use it in the prompt, a clause, a rubric or a check, or remove it.", "input audience: text"),
  emptyJudgeRubric: entry("HIR9002", "empty-judge-rubric", "hygiene", "error", "A judge rubric is empty.",
    "A soft constraint needs a rubric the judge can answer YES or NO to.", "task helpful \"Be helpful.\" judge \"\""),
  emptyContract: entry("HIR9003", "empty-contract", "hygiene", "warning", "A contract has no constraints.",
    "Add constraints, or `use` a constraint set.", "contract A { prompt \"x\" }"),
  missingPrompt: entry("HIR9004", "missing-prompt", "hygiene", "warning", "A contract has no prompt.",
    "Without a prompt the instruction is only the list of clauses.", "contract A {\n  task brief \"Be brief.\" check words < 100\n}"),
  unusedConstraintSet: entry("HIR9005", "unused-constraint-set", "hygiene", "info", "A constraint set is never used by any contract in the files linted.",
    "This is informational: shared policy files are often linted on their own.", "constraints Tone {\n  quality polite \"Be polite.\" check not contains(\"idiot\")\n}\n\ncontract A {\n  prompt \"Write.\"\n  task brief \"Be brief.\" check words < 100\n}"),
  suppressionWithoutReason: entry("HIR9006", "suppression-without-reason", "hygiene", "warning", "A suppression comment gives no reason.",
    "Write `// hir-ignore rule-id -- why this is fine` so reviewers see the reason.", "// hir-ignore unused-input\ninput audience: text"),
  unusedSuppression: entry("HIR9007", "unused-suppression", "hygiene", "warning", "A suppression comment suppresses nothing.",
    "Remove it, or fix the rule id.", "// hir-ignore unused-input -- kept for the next version"),
  judgeRubricVague: entry("HIR9008", "vague-judge-rubric", "hygiene", "info", "A judge rubric is too short to be a clear YES/NO question.",
    "Rubrics of fewer than four words tend to make judges disagree; say what a passing response does.", "task good \"Be good.\" judge \"good\""),
  configError: entry("HIR9009", "config-error", "hygiene", "error", "The lint configuration file is invalid.",
    "The message names the failing field.", "contract A {\n  prompt \"Write.\"\n  task brief \"Be brief.\" check words < 100\n}\n// file: hir.config.json\n{ \"rules\": { \"unused-input\": \"loud\" } }", false),
  unknownSuppressedRule: entry("HIR9010", "unknown-rule-in-suppression", "hygiene", "warning", "A suppression comment names a rule that does not exist.",
    "Use a rule id or code from docs/diagnostics.md.", "// hir-ignore no-such-rule -- reason"),
} as const satisfies Record<string, CatalogEntry>;

export type CatalogKey = keyof typeof CATALOG;

export const CATALOG_ENTRIES: readonly CatalogEntry[] = Object.values(CATALOG);

const byRuleOrCode = new Map<string, CatalogEntry>();
for (const e of CATALOG_ENTRIES) {
  byRuleOrCode.set(e.rule, e);
  byRuleOrCode.set(e.code, e);
}

/** Looks an entry up by rule id ("unknown-input") or code ("HIR2002"). */
export function findCatalogEntry(ruleOrCode: string): CatalogEntry | undefined {
  return byRuleOrCode.get(ruleOrCode);
}

/**
 * The diagnostics reference, at this path in the repository and in the installed package
 * (docs/ ships with it). There is no public web site, so reporters name this file rather
 * than invent a URL; the language server turns it into a file URL of the installed copy.
 */
export const DIAGNOSTICS_DOC = "docs/diagnostics.md";

/** The anchor of a rule's section in docs/diagnostics.md. */
export function docsAnchor(e: CatalogEntry): string {
  return `${e.code.toLowerCase()}-${e.rule}`;
}

/** The reference a reporter shows for a rule: its section of docs/diagnostics.md, relative to the package. */
export function docsUrl(e: CatalogEntry): string {
  return `${DIAGNOSTICS_DOC}#${docsAnchor(e)}`;
}
