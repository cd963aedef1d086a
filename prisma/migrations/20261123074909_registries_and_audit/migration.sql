-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "allowPrivateRegistryHosts" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Registry" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "apiBase" TEXT,
    "discovery" JSONB,
    "discoveredAt" TIMESTAMPTZ(3),
    "apiKeyCiphertext" BYTEA,
    "apiKeyIv" BYTEA,
    "apiKeyTag" BYTEA,
    "apiKeyVersion" INTEGER,
    "apiKeyHint" TEXT,
    "priority" INTEGER NOT NULL,
    "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "builtIn" BOOLEAN NOT NULL DEFAULT false,
    "upstreamId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Registry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Registry_orgId_priority_idx" ON "Registry"("orgId", "priority");

-- CreateIndex
CREATE UNIQUE INDEX "Registry_orgId_id_key" ON "Registry"("orgId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Registry_orgId_url_key" ON "Registry"("orgId", "url");

-- CreateIndex
CREATE INDEX "AuditEvent_orgId_createdAt_idx" ON "AuditEvent"("orgId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_orgId_targetType_targetId_idx" ON "AuditEvent"("orgId", "targetType", "targetId");

-- AddForeignKey
ALTER TABLE "Registry" ADD CONSTRAINT "Registry_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registry" ADD CONSTRAINT "Registry_orgId_upstreamId_fkey" FOREIGN KEY ("orgId", "upstreamId") REFERENCES "Registry"("orgId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- Written by hand: Prisma's schema language cannot express these (its partialIndexes
-- preview can, but it also makes "orgId" alone a unique input of the generated client).
-- `db:diff` ignores partial indexes, check constraints, functions and triggers, so it
-- never proposes to drop them; tests/db/migrations.test.ts checks that they exist.

-- At most one default and one built-in registry per organisation, even under concurrent
-- writes. Set-default clears the old default and sets the new one in one transaction.
CREATE UNIQUE INDEX "Registry_one_default_per_org" ON "Registry"("orgId") WHERE "isDefault";
CREATE UNIQUE INDEX "Registry_one_builtin_per_org" ON "Registry"("orgId") WHERE "builtIn";

-- A registry cannot be its own upstream; longer cycles are refused by lib/registries.
ALTER TABLE "Registry" ADD CONSTRAINT "Registry_upstream_not_self" CHECK ("upstreamId" IS NULL OR "upstreamId" <> "id");
ALTER TABLE "Registry" ADD CONSTRAINT "Registry_priority_non_negative" CHECK ("priority" >= 0);

-- The audit trail is append-only: rows can be inserted and read, never changed or removed.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
