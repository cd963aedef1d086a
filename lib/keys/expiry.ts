// Plain module (the create dialog offers the same presets).

export const EXPIRY_PRESET_DAYS = [7, 30, 60, 90, 365] as const;
export type ExpiryPresetDays = (typeof EXPIRY_PRESET_DAYS)[number];

export const DAY_MS = 24 * 60 * 60 * 1000;

export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}
