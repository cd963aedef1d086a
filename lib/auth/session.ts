import { cookies } from "next/headers";
import { cache } from "react";
import { getClerkSession } from "./clerk-session";
import { SESSION_COOKIE } from "./cookie";
import { resolveSession } from "./local-sessions";
import { authProvider } from "./mode";
import type { Session, Viewer } from "./types";

/**
 * The one entry point for "who is signed in", whichever provider is configured.
 * Cached per request: the layout and the page both ask.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  if (authProvider() === "clerk") {
    const session = await getClerkSession();
    return session && { ...session, email: null };
  }
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return resolveSession(token);
});

export async function getSession(): Promise<Session | null> {
  const viewer = await getViewer();
  return viewer && { userId: viewer.userId, orgId: viewer.orgId, orgRole: viewer.orgRole };
}
