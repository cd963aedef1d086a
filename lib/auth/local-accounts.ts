import type { RequestOrigin } from "@/lib/audit/types";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { SignInInput, SignUpInput } from "@/lib/validations/auth";
import { recordAccountEvent } from "./account-audit";
import { hashPassword, verifyPassword } from "./password";

export const DEFAULT_ORG_NAME = "My organisation";
// Serialises sign-ups so that exactly one first user becomes the owner.
const SIGN_UP_LOCK = 4_231_907;

function signUpsClosed(): boolean {
  return process.env.KEYSMITH_SIGNUP === "closed";
}

/**
 * Creates a local user. The first user of an install creates the default organisation and
 * owns it; later users join it as members (read-only) until an owner promotes them.
 */
export async function signUp(input: SignUpInput, origin: RequestOrigin): Promise<{ userId: string }> {
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SIGN_UP_LOCK})`;
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new AppError("CONFLICT", "An account with this email already exists.", "email");
    }
    const org = await tx.organization.findFirst({ where: { externalId: null }, orderBy: { createdAt: "asc" } });
    if (org && signUpsClosed()) {
      throw new AppError("FORBIDDEN", "Sign-up is closed on this installation. Ask an owner for an account.");
    }
    const user = await tx.user.create({ data: { email: input.email, name: input.name || null, passwordHash } });
    if (org) {
      await tx.membership.create({ data: { orgId: org.id, userId: user.id, role: "member" } });
    } else {
      await tx.organization.create({
        data: { name: DEFAULT_ORG_NAME, memberships: { create: { userId: user.id, role: "owner" } } },
      });
    }
    await recordAccountEvent(tx, user.id, "auth.sign_up", origin);
    return { userId: user.id };
  });
}

/** Checks the password; failed attempts on a real account are recorded in its organisations' trails. */
export async function signIn(input: SignInInput, origin: RequestOrigin): Promise<{ userId: string }> {
  const user = await db().user.findUnique({ where: { email: input.email } });
  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (user) await recordAccountEvent(db(), user.id, ok ? "auth.sign_in" : "auth.sign_in_failed", origin);
  if (!user || !ok) throw new AppError("UNAUTHENTICATED", "Email or password is incorrect.");
  return { userId: user.id };
}
