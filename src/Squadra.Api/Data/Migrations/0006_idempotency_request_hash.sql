-- What each key was first used for (SHA-256 of method, path and body): the same key with another request
-- is refused (422) instead of being answered with an unrelated response. Rows from before have none.
ALTER TABLE idempotency_keys ADD COLUMN request_hash bytea;
