import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { keyIdParamSchema } from "@/lib/validations/keys";
import { creatorLabels } from "./creator-labels";
import { toKeyView } from "./to-view";
import type { KeyView } from "./view";

export interface KeyDetailView extends KeyView {
  /** The creator's email where Keysmith knows it (see creator-labels.ts). */
  createdByLabel: string;
}

/** One key of the organisation; NOT_FOUND for an unknown id, a malformed one, or another organisation's key. */
export async function getKeyDetail(orgId: string, id: string, now: Date = new Date()): Promise<KeyDetailView> {
  if (!keyIdParamSchema.safeParse(id).success) throw notFound("Key");
  const row = await db().apiKey.findFirst({ where: { id, orgId } });
  if (!row) throw notFound("Key");
  const labels = await creatorLabels(orgId, [row.createdBy]);
  return { ...toKeyView(row, now), createdByLabel: labels.get(row.createdBy) ?? row.createdBy };
}
