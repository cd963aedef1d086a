-- Hand-written (Prisma's schema language cannot declare it without a preview feature): the
-- trigram operator class the keys list's text-search indexes below use.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "KeyType" AS ENUM ('sk', 'pk');

-- DropIndex
DROP INDEX "ApiKey_orgId_createdAt_idx";

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "allowedIps" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "notBefore" TIMESTAMPTZ(3),
ADD COLUMN     "projectId" UUID,
ADD COLUMN     "replacedById" UUID,
ADD COLUMN     "revokesAt" TIMESTAMPTZ(3),
ADD COLUMN     "role" TEXT,
ADD COLUMN     "type" "KeyType" NOT NULL DEFAULT 'sk';

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "keyAllowNoExpiry" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "keyMaxLifetimeDays" INTEGER,
ADD COLUMN     "keyRetentionDays" INTEGER NOT NULL DEFAULT 30;

-- CreateTable
CREATE TABLE "Project" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrgScope" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrgScope_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Project_orgId_name_key" ON "Project"("orgId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "OrgScope_orgId_name_key" ON "OrgScope"("orgId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_replacedById_key" ON "ApiKey"("replacedById");

-- CreateIndex
CREATE INDEX "ApiKey_orgId_createdAt_id_idx" ON "ApiKey"("orgId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "ApiKey_orgId_lastUsedAt_id_idx" ON "ApiKey"("orgId", "lastUsedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "ApiKey_orgId_name_id_idx" ON "ApiKey"("orgId", "name", "id");

-- CreateIndex
CREATE INDEX "ApiKey_orgId_expiresAt_id_idx" ON "ApiKey"("orgId", "expiresAt", "id");

-- CreateIndex
CREATE INDEX "ApiKey_orgId_projectId_idx" ON "ApiKey"("orgId", "projectId");

-- CreateIndex
CREATE INDEX "ApiKey_name_trgm_idx" ON "ApiKey" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "ApiKey_prefix_trgm_idx" ON "ApiKey" USING GIN ("prefix" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "ApiKey_revokesAt_idx" ON "ApiKey"("revokesAt");

-- CreateIndex
CREATE INDEX "ApiKey_expiresAt_idx" ON "ApiKey"("expiresAt");

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrgScope" ADD CONSTRAINT "OrgScope_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

