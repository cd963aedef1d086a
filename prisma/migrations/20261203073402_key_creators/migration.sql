-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "creatorUserId" TEXT;

-- CreateTable
CREATE TABLE "ClerkMember" (
    "orgId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "MemberRole" NOT NULL,
    "seenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ClerkMember_pkey" PRIMARY KEY ("orgId","userId")
);

-- AddForeignKey
ALTER TABLE "ClerkMember" ADD CONSTRAINT "ClerkMember_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written backfill: the person at the root of each existing key's chain of creators
-- ("apikey:<keyId>" points at the key that created it). A chain whose root key was deleted stays null.
WITH RECURSIVE chain AS (
    SELECT "id" AS "keyRow", "createdBy" AS "creator", 0 AS "depth" FROM "ApiKey"
    UNION ALL
    SELECT chain."keyRow", parent."createdBy", chain."depth" + 1
    FROM chain JOIN "ApiKey" parent ON chain."creator" = 'apikey:' || parent."keyId"
    WHERE chain."depth" < 32
)
UPDATE "ApiKey" SET "creatorUserId" = chain."creator"
FROM chain
WHERE chain."keyRow" = "ApiKey"."id" AND chain."creator" NOT LIKE 'apikey:%';
