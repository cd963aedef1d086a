-- A new key is announced to every verifier by the database itself, in the inserting transaction
-- (delivered only if it commits): verifiers remember "no such keyId" while their listener is
-- caught up, and this ends it. With the announcement in a trigger, a key's insert, its audit
-- event and its webhook event are one statement (lib/keys/insert-key.ts), not a transaction of
-- five round trips. The channel is KEY_CHANGES_CHANNEL of lib/keys/notify.ts; the payload the
-- public keyId, as notifyKeyChanged sends for every other change.
CREATE FUNCTION "api_key_announce_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('keysmith_key_changes', NEW."keyId");
  RETURN NULL;
END;
$$;

CREATE TRIGGER "ApiKey_announce_insert"
  AFTER INSERT ON "ApiKey"
  FOR EACH ROW EXECUTE FUNCTION "api_key_announce_insert"();
