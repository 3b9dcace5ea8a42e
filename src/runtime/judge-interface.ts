export interface JudgeRequest { rubric: string; response: string; instruction: string; constraintId: string }
export interface JudgeAnswer { verdict: "yes" | "no" | "unknown"; reason?: string }
export interface Judge { judge(req: JudgeRequest): Promise<JudgeAnswer> }
