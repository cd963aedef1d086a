import { z } from "zod";
import { EXPIRY_PRESET_DAYS } from "@/lib/keys/expiry";

/**
 * One of the preset lifetimes in days. The explicit `enum` in the metadata is for the OpenAPI
 * document: zod-to-openapi 9.1 documents a multi-value literal as its first value only, which
 * made generated clients refuse `30`.
 */
export const expiryPresetSchema = (field: string) =>
  z
    .literal(EXPIRY_PRESET_DAYS, { error: `${field} must be one of ${EXPIRY_PRESET_DAYS.join(", ")}.` })
    .meta({ enum: [...EXPIRY_PRESET_DAYS] });
