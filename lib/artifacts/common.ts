/**
 * Building blocks shared by the artifact schemas.
 * @module
 */
import { z } from "zod";

/** A finite JSON number (NaN and ±Infinity cannot come from JSON; strings like "NaN" are rejected). */
export const num = z.number();
/** A number or null. */
export const num_or_null = z.number().nullable();
/** An optional nullable number: absent, null or finite. */
export const opt_num = z.number().nullable().optional();
/** A map of parameter name → numeric delta or value. */
export const deltas = z.record(z.string(), z.number());
/** A 64-hex SHA-256 string. */
export const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "expected a 64-hex SHA-256");
/** The version written into every artifact mmsoak produces. */
export const SCHEMA_VERSION = "2.0";
/** `schema_version`: optional, since the original tools' files do not always carry one. */
export const schema_version = z.string().optional();
