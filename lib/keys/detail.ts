import { db } from "@/lib/db/client";
import { dbClock } from "@/lib/db/db-clock";
import { notFound } from "@/lib/errors";
import { keyIdParamSchema } from "@/lib/validations/keys";
import type { Principal } from "@/lib/auth/principal";
import { creatorLabels } from "./creator-labels";
import { keyScope, keyScopeWhere } from "./key-scope";
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

/** One key the caller may see; NOT_FOUND for an unknown id, a malformed one, or a key outside its scope. */
export async function getKeyDetail(caller: Principal | string, id: string, now?: Date): Promise<KeyDetailView> {
  if (!keyIdParamSchema.safeParse(id).success) throw notFound("Key");
  const scope = keyScope(caller);
  const orgId = scope.orgId;
  const row = await db().apiKey.findFirst({
    where: { id, ...keyScopeWhere(scope) },
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
