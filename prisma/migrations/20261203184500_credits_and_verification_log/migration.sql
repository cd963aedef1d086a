-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "creditGen" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "creditSeq" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "lastRefillAt" TIMESTAMPTZ(3),
ADD COLUMN     "refillAmount" INTEGER,
ADD COLUMN     "refillDay" INTEGER,
ADD COLUMN     "refillInterval" TEXT,
ADD COLUMN     "remaining" INTEGER;

-- CreateTable
CREATE TABLE "VerificationLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "orgId" UUID,
    "keyRowId" UUID,
    "keyId" TEXT,
    "code" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "latencyMs" DOUBLE PRECISION NOT NULL,
    "cost" INTEGER,

    CONSTRAINT "VerificationLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VerificationLog_orgId_id_idx" ON "VerificationLog"("orgId", "id" DESC);

-- CreateIndex
CREATE INDEX "VerificationLog_keyRowId_id_idx" ON "VerificationLog"("keyRowId", "id" DESC);

-- CreateIndex
CREATE INDEX "VerificationLog_at_idx" ON "VerificationLog" USING BRIN ("at");
