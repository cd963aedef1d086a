// Characters that have no place in a display name: C0/C1 control characters (NUL included,
// which PostgreSQL text cannot even store), DEL, line and paragraph separators, and the
// bidirectional controls that can make a name read differently from what it is
// ("Trojan Source": U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) — and lone UTF-16
// surrogates, which are not text at all (the database would silently store U+FFFD instead).
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSAFE_TEXT_MESSAGE = "must not contain control, text-direction or invalid characters";

export function isSafeText(value: string): boolean {
  return !UNSAFE_TEXT.test(value) && !LONE_SURROGATE.test(value);
}
