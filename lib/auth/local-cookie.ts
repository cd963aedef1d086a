import type { NextResponse } from "next/server";
import { SESSION_COOKIE, sessionCookieOptions } from "./cookie";
import { startSession } from "./local-sessions";

/** Starts a session for the user and puts its token in the response's cookie. */
export async function attachNewSession(response: NextResponse, userId: string): Promise<NextResponse> {
  const { token, expiresAt } = await startSession(userId);
  response.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(expiresAt));
  return response;
}

export function clearSessionCookie(response: NextResponse): NextResponse {
  response.cookies.set(SESSION_COOKIE, "", { ...sessionCookieOptions(new Date(0)), maxAge: 0 });
  return response;
}
