import { latestChildExpiry, type Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";

// A key made by a key cannot outlive it: otherwise a short-lived key could mint a never-expiring
// one and outlast its own revocation date.

/** Slack for "7 days" asked a moment after the issuing key's own "7 days" began. */
const SAME_MOMENT_MS = 60_000;

/**
 * The expiry a key made by this principal gets: refused (403 naming expiresAt) when it is later
 * than the issuing key's, or none while the issuer has one; capped at the issuer's within a minute.
 */
export function withinIssuerLifetime(principal: Principal, expiresAt: Date | null): Date | null {
  const latest = latestChildExpiry(principal);
  if (latest === null) return expiresAt;
  if (expiresAt === null || expiresAt.getTime() > latest.getTime() + SAME_MOMENT_MS) {
    throw new AppError(
      "AUTHORITY_EXCEEDED",
      `A key made by an API key cannot outlive it: choose an expiry on or before ${latest.toISOString()}.`,
      "expiresAt",
    );
  }
  return capToIssuerLifetime(principal, expiresAt);
}

/** The expiry capped at the issuing key's (rotation and publishable keys keep working, just not longer). */
export function capToIssuerLifetime(principal: Principal, expiresAt: Date | null): Date | null {
  const latest = latestChildExpiry(principal);
  if (latest === null) return expiresAt;
  return expiresAt === null || expiresAt.getTime() > latest.getTime() ? latest : expiresAt;
}
