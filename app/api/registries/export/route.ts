import { NextResponse } from "next/server";
import { auditContext } from "@/lib/audit/context";
import { db } from "@/lib/db/client";
import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { exportRegistries } from "@/lib/registries/transfer";
import { exportOptionsSchema } from "@/lib/validations/registries";

async function orgName(orgId: string): Promise<string> {
  return (await db().organization.findUnique({ where: { id: orgId }, select: { name: true } }))?.name ?? "your organisation";
}

/** config.yaml without secrets, as a download (for curl and links). */
export const GET = withSession({}, async ({ session, request }) => {
  const file = await exportRegistries(session, { includeSecrets: false }, auditContext(request, session), await orgName(session.orgId));
  return new NextResponse(file.content, {
    headers: {
      "Content-Type": "application/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
});

/**
 * { includeSecrets?, mintKeyFor? } → { fileName, content, mintedKey }. A POST because it can
 * mint a key and reveal secrets: a cross-site GET must not be able to do either.
 */
export const POST = withSession({ body: exportOptionsSchema }, async ({ session, body, request }) =>
  json(await exportRegistries(session, body, auditContext(request, session), await orgName(session.orgId))),
);
