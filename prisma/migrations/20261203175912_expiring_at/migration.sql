-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "expiringAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "ApiKey_orgId_expiringAt_idx" ON "ApiKey"("orgId", "expiringAt");

-- A key shows as "expiring" in the last 20 % of its lifetime or its last 7 days, whichever is
-- shorter: expiringFrom() in lib/keys/status.ts, which the browser and the server's views use.
-- The list's status filter compares this column with the database's clock; a test holds the two
-- forms of the rule to the same answers (tests/keys/expiring-rule.test.ts).
CREATE FUNCTION "api_key_expiring_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."expiresAt" IS NULL THEN
    NEW."expiringAt" := NULL;
  ELSE
    -- In seconds (a day is 86,400 of them whatever the time zone's daylight saving).
    NEW."expiringAt" := NEW."expiresAt" - make_interval(secs => LEAST(
      604800,
      GREATEST(extract(epoch FROM NEW."expiresAt" - NEW."createdAt"), 0) * 0.2
    ));
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "ApiKey_expiringAt"
  BEFORE INSERT OR UPDATE OF "expiresAt", "createdAt", "expiringAt" ON "ApiKey"
  FOR EACH ROW EXECUTE FUNCTION "api_key_expiring_at"();

UPDATE "ApiKey" SET "expiringAt" = NULL WHERE "expiresAt" IS NOT NULL;
