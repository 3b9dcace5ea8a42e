/**
 * A deterministic synthetic corpus of contracts shaped like a real training set
 * (HIR-16K / RLVR data): 5 to 17 constraints each, mixing hard checks, judge
 * rubrics, dependencies and replay settings. Used by the parse and compile benches.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = ["a product launch", "quarterly earnings", "a data breach", "a new hire", "remote work policy", "a customer refund", "the migration plan", "an outage"];
const KEYWORDS = ["risk", "timeline", "budget", "owner", "customer", "compliance", "roadmap", "metric"];

interface ConstraintShape { role: string; id: string; clause: string; body: string }

/** One template per kind of requirement; a contract uses each kind at most once, so it stays satisfiable. */
const TEMPLATES: readonly ((n: number, kw: string, i: number) => ConstraintShape)[] = [
  (n, _kw, i) => ({ role: "task", id: `bullets_${i}`, clause: `Use exactly ${n} bullet points.`, body: `check bullets == ${n}` }),
  (n, _kw, i) => ({ role: "task", id: `words_${i}`, clause: `Write between ${n * 20} and ${n * 40} words.`, body: `check words in ${n * 20}..${n * 40}` }),
  (n, _kw, i) => ({ role: "quality", id: `short_${i}`, clause: `Keep each sentence short: at most ${n + 20} sentences.`, body: `check sentences <= ${n + 20}` }),
  (n, kw, i) => ({ role: "task", id: `kw_${i}`, clause: `Mention \\"${kw}\\" at least ${n} times.`, body: `check count("${kw}") >= ${n}` }),
  (_n, kw, i) => ({ role: "task", id: `first_${i}`, clause: `Start with \\"${kw}\\".`, body: `check first_line starts_with "${kw}"` }),
  (n, _kw, i) => ({ role: "task", id: `para_${i}`, clause: `Write ${n} paragraphs.`, body: `check paragraphs == ${n}` }),
  (_n, _kw, i) => ({ role: "quality", id: `tone_${i}`, clause: "Keep a neutral tone.", body: `judge "The tone is neutral and professional throughout."` }),
  (_n, _kw, i) => ({ role: "safety", id: `safe_${i}`, clause: "Never promise guaranteed outcomes.", body: `check not contains_any(["guaranteed", "risk-free"], whole_words: true)` }),
  (_n, _kw, i) => ({ role: "task", id: `re_${i}`, clause: "Include a ticket id like ABC-123.", body: `check matches(/\\b[A-Z]{3}-\\d{3}\\b/)` }),
  (_n, _kw, i) => ({ role: "task", id: `end_${i}`, clause: "End with a question.", body: `check last_line ends_with "?"` }),
  (n, _kw, i) => ({ role: "task", id: `title_${i}`, clause: `Give it a title of at most ${n + 5} words.`, body: `check first_line.words <= ${n + 5}` }),
  (_n, kw, i) => ({ role: "task", id: `avoid_${i}`, clause: `Do not use the word \\"${kw}s\\".`, body: `check not contains("${kw}s", whole_words: true)` }),
  (_n, _kw, i) => ({ role: "task", id: `sum_${i}`, clause: "Summarise the key points.", body: `judge "The response summarises the key points of the topic accurately."` }),
  (_n, _kw, i) => ({ role: "quality", id: `json_${i}`, clause: "Do not answer in JSON.", body: "check not is_json" }),
  (n, _kw, i) => ({ role: "task", id: `lines_${i}`, clause: `Use at least ${n} lines.`, body: `check lines >= ${n}` }),
  (_n, _kw, i) => ({ role: "task", id: `lower_${i}`, clause: "Write the last paragraph in lowercase.", body: "check last_paragraph.is_lowercase" }),
  (n, _kw, i) => ({ role: "quality", id: `chars_${i}`, clause: `Stay under ${n * 400} characters.`, body: `check chars < ${n * 400}` }),
  (_n, _kw, i) => ({ role: "pinned task", id: `lang_${i}`, clause: "Write in English.", body: "check language == \"en\"" }),
];

function constraints(rng: () => number, k: number): ConstraintShape[] {
  const order = TEMPLATES.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order.slice(0, k).map((t, i) => (TEMPLATES[t] as (typeof TEMPLATES)[number])(1 + Math.floor(rng() * 9), KEYWORDS[Math.floor(rng() * KEYWORDS.length)] as string, i));
}

export interface CorpusContract {
  readonly name: string;
  readonly source: string;
  /** The same contract as a JSON document (what a JSON-based format would have to parse). */
  readonly json: string;
}

export function generateCorpus(count: number, seed = 1): CorpusContract[] {
  const rng = mulberry32(seed);
  const out: CorpusContract[] = [];
  for (let c = 0; c < count; c++) {
    const k = 5 + Math.floor(rng() * 13);
    const cs = constraints(rng, k);
    const topic = TOPICS[c % TOPICS.length] as string;
    const name = `Contract${c}`;
    const deps = k > 6 ? [`${cs[1]?.id} requires ${cs[0]?.id}`] : [];
    const lines = [
      `/// Generated contract ${c}.`,
      `contract ${name} {`,
      "  input topic: text",
      `  prompt "Write about {{topic}} (${topic})."`,
      ...cs.map((x) => `  ${x.role} ${x.id} "${x.clause}"\n    ${x.body}`),
      ...deps.map((d) => `  ${d}`),
      `  replay { min_kept 1 layout ${["inline", "lines", "numbered", "bullets"][c % 4]} }`,
      "}",
      "",
    ];
    const json = JSON.stringify({
      contract: name,
      inputs: [{ name: "topic", type: "text" }],
      prompt: `Write about {{topic}} (${topic}).`,
      constraints: cs.map((x) => ({ role: x.role, id: x.id, clause: x.clause, body: x.body })),
      requires: deps,
      replay: { min_kept: 1, layout: ["inline", "lines", "numbered", "bullets"][c % 4] },
    });
    out.push({ name, source: lines.join("\n"), json });
  }
  return out;
}

/**
 * One contract with exactly `k` constraints (templates cycled, ids unique), for
 * the per-constraint scaling figure: cost per constraint should stay flat from
 * 12 to 1,200 constraints.
 */
export function generateLargeContract(k: number, seed = 1): CorpusContract {
  const rng = mulberry32(seed);
  const cs = Array.from({ length: k }, (_, i) =>
    (TEMPLATES[i % TEMPLATES.length] as (typeof TEMPLATES)[number])(1 + Math.floor(rng() * 9), KEYWORDS[Math.floor(rng() * KEYWORDS.length)] as string, i),
  );
  const name = `Large${k}`;
  const source = [
    `contract ${name} {`,
    "  input topic: text",
    `  prompt "Write about {{topic}}."`,
    ...cs.map((x) => `  ${x.role} ${x.id} "${x.clause}"\n    ${x.body}`),
    "}",
    "",
  ].join("\n");
  const json = JSON.stringify({ contract: name, prompt: "Write about {{topic}}.", constraints: cs });
  return { name, source, json };
}
