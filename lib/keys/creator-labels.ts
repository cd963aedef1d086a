import { db } from "@/lib/db/client";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const API_KEY_ACTOR = "apikey:";

/**
 * What to show for each `ApiKey.createdBy`: a local user's email, `API key "<name>"` for keys made
 * by automation ("apikey:<keyId>"), otherwise the id itself (e.g. a Clerk user id).
 */
export async function creatorLabels(orgId: string, creators: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(creators)];
  const userIds = ids.filter((id) => UUID.test(id));
  const keyIds = ids.filter((id) => id.startsWith(API_KEY_ACTOR)).map((id) => id.slice(API_KEY_ACTOR.length));
  const [users, keys] = await Promise.all([
    userIds.length ? db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [],
    keyIds.length ? db().apiKey.findMany({ where: { orgId, keyId: { in: keyIds } }, select: { keyId: true, name: true } }) : [],
  ]);
  const labels = new Map(ids.map((id) => [id, id]));
  for (const user of users) labels.set(user.id, user.email);
  for (const key of keys) labels.set(API_KEY_ACTOR + key.keyId, `API key "${key.name}"`);
  return labels;
}
