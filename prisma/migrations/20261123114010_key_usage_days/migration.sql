-- CreateTable
CREATE TABLE "KeyUsageDay" (
    "orgId" UUID NOT NULL,
    "keyId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "KeyUsageDay_pkey" PRIMARY KEY ("keyId","day")
);

-- CreateIndex
CREATE INDEX "KeyUsageDay_orgId_day_idx" ON "KeyUsageDay"("orgId", "day");

-- AddForeignKey
ALTER TABLE "KeyUsageDay" ADD CONSTRAINT "KeyUsageDay_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyUsageDay" ADD CONSTRAINT "KeyUsageDay_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
