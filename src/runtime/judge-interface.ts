/**
 * The interface soft constraints are verified through. The HTTP/LLM judge client
 * lives elsewhere; anything with this shape works (tests use scripted judges).
 *
 * Contract for implementations: answer "yes" only when the response fully satisfies
 * the rubric, "no" when it does not, "unknown" when unsure or on any failure. The
 * runtime fails closed: "unknown", a thrown error or a malformed answer never
 * counts as a pass.
 */
export interface JudgeRequest {
  /** The rubric with inputs substituted: the YES/NO statement to evaluate. */
  readonly rubric: string;
  readonly response: string;
  /** The instruction the response answers (for a hindsight replay: the rewritten one). */
  readonly instruction: string;
  readonly constraintId: string;
}

export interface JudgeAnswer {
  readonly verdict: "yes" | "no" | "unknown";
  readonly reason?: string;
}

/** Alias of JudgeAnswer. */
export type JudgeVerdict = JudgeAnswer;

export interface Judge {
  judge(req: JudgeRequest): Promise<JudgeAnswer>;
}
