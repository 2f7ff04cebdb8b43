-- Each replica keeps the revoked tokens in memory and reads, every second, those revoked since its
-- last look (docs/decisions/0005-revoked-tokens-in-memory.md). "Since" is the revoking transaction's
-- id, compared with the oldest transaction still running at the last look: unlike a timestamp, it
-- cannot miss a revocation whose commit came late.
ALTER TABLE revoked_tokens ADD COLUMN revoked_xid xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE INDEX revoked_tokens_revoked_xid_idx ON revoked_tokens (revoked_xid);
