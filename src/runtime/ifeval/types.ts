/**
 * Shared types of the IFEval-faithful check library.
 */
import type { z } from "zod";

/** The verdict of one instruction check on one response. */
export interface CheckOutcome {
  pass: boolean;
  /** The quantity the verdict was based on (a count, a detected language, ...), or null. */
  measured: number | string | boolean | null;
  /** A sentence a person can read, e.g. "found 4 bullet lines (lines 3, 7, 9, 12); expected exactly 3". */
  evidence: string;
}

/** The 25 instruction ids registered in the IFEval reference evaluator. */
export const IFEVAL_INSTRUCTION_IDS = [
  "keywords:existence",
  "keywords:frequency",
  "keywords:forbidden_words",
  "keywords:letter_frequency",
  "language:response_language",
  "length_constraints:number_sentences",
  "length_constraints:number_paragraphs",
  "length_constraints:number_words",
  "length_constraints:nth_paragraph_first_word",
  "detectable_content:number_placeholders",
  "detectable_content:postscript",
  "detectable_format:number_bullet_lists",
  "detectable_format:constrained_response",
  "detectable_format:number_highlighted_sections",
  "detectable_format:multiple_sections",
  "detectable_format:json_format",
  "detectable_format:title",
  "combination:two_responses",
  "combination:repeat_prompt",
  "startend:end_checker",
  "change_case:capital_word_frequency",
  "change_case:english_capital",
  "change_case:english_lowercase",
  "punctuation:no_comma",
  "startend:quotation",
] as const;

export type InstructionId = (typeof IFEVAL_INSTRUCTION_IDS)[number];

/** Signature every checker exposes. Never throws. */
export type CheckFn = (response: string, kwargs: Record<string, unknown>, prompt: string) => CheckOutcome;

/** A registry entry: the id, the zod schema of its kwargs, and the check. IFBench and IFEvalG checkers share the shape. */
export interface IfevalChecker<P = unknown, Id extends string = InstructionId> {
  id: Id;
  params: z.ZodType<P>;
  check: CheckFn;
}

/** One row of IFEval's input_data.jsonl. */
export interface IfevalInput {
  key: number | string;
  prompt: string;
  instruction_id_list: string[];
  kwargs: Array<Record<string, unknown>>;
}

/** One record of IFEval's eval_results_{strict,loose}.jsonl. */
export interface IfevalResultRecord {
  prompt: string;
  response: string;
  instruction_id_list: string[];
  follow_instruction_list: boolean[];
  follow_all_instructions: boolean;
}

export type EvaluationMode = "strict" | "loose";
