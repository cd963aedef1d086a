import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import * as operations from "@/lib/api/operations/registries";
import { exportRegistries } from "@/lib/registries/transfer";

async function orgName(orgId: string): Promise<string> {
  return (await db().organization.findUnique({ where: { id: orgId }, select: { name: true } }))?.name ?? "your organisation";
}

/** config.yaml without secrets, as a download (for curl and links). */
export const GET = route(operations.downloadConfig, async ({ principal, query, audit }) => {
  const file = await exportRegistries(principal, { includeSecrets: false, format: query.format }, audit, await orgName(principal.orgId));
  return new NextResponse(file.content, {
    headers: {
      "Content-Type": "application/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
});

/**
 * { includeSecrets?, mintKeyFor?, mintKeyExpiresInDays? } → { fileName, content, mintedKey }. A POST
 * because it can mint a key and reveal secrets: a cross-site GET must not be able to do either.
 */
export const POST = route(operations.exportConfig, async ({ principal, body, audit }) =>
  json(await exportRegistries(principal, body, audit, await orgName(principal.orgId))),
);
