-- Language-aware stemming (issue 20 item 2): a team says what language its messages are in, and each message is
-- indexed in its team's language ('english': "runs" and "running" are both 'run'); 'simple' (words as typed) stays
-- the default, and a DM's only language. The application allows only Squadra.Contracts.Teams.TeamLanguages.
ALTER TABLE teams ADD COLUMN search_language regconfig NOT NULL DEFAULT 'simple';
-- Each message keeps the language it is indexed in (set from its team's row as it is posted, and changed with the
-- team's), so a search parses its words once per language and compares like with like.
ALTER TABLE messages ADD COLUMN search_language regconfig NOT NULL DEFAULT 'simple';
-- A generated column's expression cannot be altered: dropped (with its index) and added again. The two-argument
-- to_tsvector is immutable, as a generated column needs.
ALTER TABLE messages DROP COLUMN search;
ALTER TABLE messages ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector(search_language, body)) STORED;
-- Without a pending list, as before (0023_message_search_speed.sql).
CREATE INDEX messages_search_idx ON messages USING gin (search) WITH (fastupdate = off);
