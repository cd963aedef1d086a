import { db } from "@/lib/db/client";
import { dbClock } from "@/lib/db/db-clock";
import { notFound } from "@/lib/errors";
import { keyIdParamSchema } from "@/lib/validations/keys";
import { creatorLabels } from "./creator-labels";
import { toKeyView } from "./to-view";
import type { KeyView } from "./view";

export interface KeyDetailView extends KeyView {
  /** The creator's email where Keysmith knows it (see creator-labels.ts). */
  createdByLabel: string;
  /** The name of the project the key is limited to, when it is. */
  projectName: string | null;
  /** The name of the key that replaced this one in a rotation, when there is one. */
  replacedByName: string | null;
}

/** One key of the organisation; NOT_FOUND for an unknown id, a malformed one, or another organisation's key. */
export async function getKeyDetail(orgId: string, id: string, now?: Date): Promise<KeyDetailView> {
  if (!keyIdParamSchema.safeParse(id).success) throw notFound("Key");
  const row = await db().apiKey.findFirst({
    where: { id, orgId },
    include: { project: { select: { name: true } } },
  });
  if (!row) throw notFound("Key");
  const { project, ...key } = row;
  const [labels, successor] = await Promise.all([
    creatorLabels(orgId, [row.createdBy]),
    row.replacedById ? db().apiKey.findFirst({ where: { id: row.replacedById, orgId }, select: { name: true } }) : null,
  ]);
  return {
    ...toKeyView(key, now ?? (await dbClock().now())),
    createdByLabel: labels.get(row.createdBy) ?? row.createdBy,
    projectName: project?.name ?? null,
    replacedByName: successor?.name ?? null,
  };
}
