-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "meta" JSONB;

-- CreateIndex
CREATE INDEX "ApiKey_orgId_externalId_idx" ON "ApiKey"("orgId", "externalId");
