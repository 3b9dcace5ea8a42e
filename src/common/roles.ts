/**
 * The constraint roles, defined once for every layer: the language's AST, the IR
 * (src/compiler/ir.ts builds its `RoleSchema` from this list) and everything that
 * reads the IR import them from here.
 */
export const ROLES = ["task", "quality", "safety"] as const;

/** `task` and `quality` are removable in hindsight (unless pinned); `safety` never is. */
export type Role = (typeof ROLES)[number];
