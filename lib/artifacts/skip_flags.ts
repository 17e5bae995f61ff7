/**
 * The flags of a tuning skip object, shared by the writer (lib/tuning), the readers
 * (lib/analysis) and the schema. No dependencies, so the fast analysis path can import it
 * without loading zod.
 * @module
 */

/**
 * The boolean flags of a skip object, in the order that names a skip when `reason` is absent.
 * The original wrote the first five (SPEC §2.1); mmsoak gives every guard a flag.
 */
export const SKIP_FLAGS = [
  "freeze",
  "oscillation",
  "velocity",
  "cooldown",
  "no_op",
  "late_iteration",
  "idempotent",
  "bounds",
  "panic_revert",
  "micro_steps",
] as const;

/** One flag of a skip object. */
export type SkipFlag = typeof SKIP_FLAGS[number];
