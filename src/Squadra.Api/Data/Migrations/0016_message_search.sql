-- Full-text search over message bodies (issue 20). 'simple': words as typed, lower-cased, no stemming, no stop words,
-- because a team's language is not known (a team with a language could index with its configuration later). Kept
-- by PostgreSQL itself with every insert and edit; deleted messages keep their row but never match (the query says so).
ALTER TABLE messages ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED;
CREATE INDEX messages_search_idx ON messages USING gin (search);
