/**
 * TUNING_STATE.json (SPEC §1.13): the tuner's persistent state between iterations.
 * @module
 */
import { z } from "zod";
import { schema_version } from "./common.ts";

/** TUNING_STATE.json; mmsoak adds its guard state as extra keys. */
export const TuningState = z.looseObject({
  schema_version,
  last_applied_signature: z.string().nullable().optional(),
  frozen_until_iter: z.number().int().nullable().optional(),
  freeze_reason: z.string().nullable().optional(),
  cooldown_until_iter: z.number().int().nullable().optional(),
});

/** A parsed TUNING_STATE. */
export type TuningState = z.output<typeof TuningState>;
