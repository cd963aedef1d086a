-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "leakedAt" TIMESTAMPTZ(3),
ADD COLUMN     "leakedUrl" TEXT;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "revokeLeakedKeys" BOOLEAN NOT NULL DEFAULT true;
