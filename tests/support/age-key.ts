import { db } from "@/lib/db/client";

/**
 * Moves a key's whole lifetime `seconds` into the past by the database's clock, as if that much
 * time had passed since it was made (createdAt and expiresAt shift together; the expiringAt
 * trigger follows).
 */
export async function ageKey(id: string, seconds: number): Promise<void> {
  await db().$executeRaw`
    UPDATE "ApiKey"
    SET "createdAt" = "createdAt" - make_interval(secs => ${seconds}::float8),
        "expiresAt" = "expiresAt" - make_interval(secs => ${seconds}::float8)
    WHERE id = ${id}::uuid`;
}
