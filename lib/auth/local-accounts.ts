import type { RequestOrigin } from "@/lib/audit/types";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { SignInInput, SignUpInput } from "@/lib/validations/auth";
import { recordAudit } from "@/lib/audit/record";
import { claimInvitation } from "@/lib/members/invitations";
import { recordAccountEvent } from "./account-audit";
import { countFailedSignIn } from "./failed-sign-ins";
import { hashPassword, verifyPassword } from "./password";
import { assertStrongPassword } from "./password-policy";
import { assertSignInAllowed, passwordWork, recordSignInFailure, recordSignInSuccess } from "./sign-in-throttle";
import { config } from "@/lib/config";

export const DEFAULT_ORG_NAME = "My organisation";
// Serialises sign-ups so that exactly one first user becomes the owner.
const SIGN_UP_LOCK = 4_231_907;

/** Sign-up closes after the first (owner) account unless KEYSMITH_SIGNUP=open. */
function signUpsOpen(): boolean {
  return config().KEYSMITH_SIGNUP === "open";
}

/**
 * Creates a local user. The first user of an install creates the default organisation and owns
 * it. After that, an invitation link signs people up into its organisation with its role; without
 * one, sign-up is closed (KEYSMITH_SIGNUP=open lets anyone join as a read-only member).
 */
export async function signUp(input: SignUpInput, origin: RequestOrigin): Promise<{ userId: string }> {
  assertStrongPassword(input.password, [input.email, ...(input.name ? [input.name] : [])]);
  const passwordHash = await passwordWork.run(() => hashPassword(input.password), origin.ip ?? "");
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SIGN_UP_LOCK})`;
    // Closed sign-up answers the same whether the email has an account or not.
    const org = await tx.organization.findFirst({ where: { externalId: null }, orderBy: { createdAt: "asc" } });
    const invitation = input.invitation ? await claimInvitation(tx, input.invitation, input.email) : null;
    if (!invitation && org && !signUpsOpen()) {
      throw new AppError("FORBIDDEN", "Sign-up is closed on this installation: ask an owner or admin for an invitation link.");
    }
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new AppError("CONFLICT", "An account with this email already exists.", "email");
    }
    const user = await tx.user.create({ data: { email: input.email, name: input.name || null, passwordHash } });
    if (invitation) {
      await tx.membership.create({ data: { orgId: invitation.orgId, userId: user.id, role: invitation.role } });
      await recordAudit(
        tx,
        { orgId: invitation.orgId, actorId: user.id, ...origin },
        {
          action: "member.join",
          targetType: "user",
          targetId: user.id,
          metadata: { email: input.email, role: invitation.role, invitationId: invitation.id },
        },
      );
    } else if (org) {
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

/**
 * Checks the password, within the sign-in throttle (lib/auth/sign-in-throttle.ts): while an account
 * or address is in a back-off, 429 before any Argon2 work. Unknown and existing accounts get the
 * same answers. Failed attempts on a real account reach its organisations' trails, tallied.
 */
export async function signIn(input: SignInInput, origin: RequestOrigin): Promise<{ userId: string }> {
  await assertSignInAllowed(input.email, origin.ip);
  const user = await db().user.findUnique({ where: { email: input.email } });
  const ok = await passwordWork.run(async () => {
    // A flood's attempts queue here together; a back-off may have begun while this one waited.
    await assertSignInAllowed(input.email, origin.ip);
    return verifyPassword(user?.passwordHash, input.password);
  }, origin.ip ?? "");
  if (!user || !ok) {
    await recordSignInFailure(input.email, origin.ip);
    if (user) countFailedSignIn(user.id, origin);
    throw new AppError("UNAUTHENTICATED", "Email or password is incorrect.");
  }
  await recordSignInSuccess(input.email);
  await recordAccountEvent(db(), user.id, "auth.sign_in", origin);
  return { userId: user.id };
}
