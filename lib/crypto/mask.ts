// What the dashboard and API show of a secret: enough to recognise it, never enough to use it.
// "prmd_0123456789abcdwxyz" → "prmd_****wxyz". Short secrets show less, or nothing.

const MASK = "****";

export function maskSecret(secret: string): string {
  // A short readable prefix such as "prmd_" or "npm_" is a type marker, not secret material.
  const prefixMatch = /^[A-Za-z]{2,8}[_-]/.exec(secret);
  const prefix = prefixMatch?.[0] ?? "";
  const rest = secret.slice(prefix.length);
  if (rest.length >= 16) return `${prefix}${MASK}${rest.slice(-4)}`;
  if (rest.length >= 8) return `${prefix}${MASK}${rest.slice(-2)}`;
  return MASK;
}
