-- Identical verification outcomes within one write window are one row with a count.
ALTER TABLE "VerificationLog" ADD COLUMN "count" INTEGER NOT NULL DEFAULT 1;
