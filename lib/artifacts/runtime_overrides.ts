/**
 * runtime_overrides.json: the strategy parameters in effect. Flat numeric keys, optionally nested
 * sections (the original wrote `engine`/`risk`/`quoting` sections), and mmsoak's metadata.
 * @module
 */
import { z } from "zod";

type Overrides = { [k: string]: number | string | boolean | null | Overrides };

/** A JSON object of numbers (and nested sections of numbers). */
export const RuntimeOverrides: z.ZodType<Overrides> = z.lazy(() =>
  z.record(
    z.string(),
    z.union([z.number(), z.string(), z.boolean(), z.null(), RuntimeOverrides]),
  )
);

/** A parsed runtime overrides object. */
export type RuntimeOverrides = Overrides;
