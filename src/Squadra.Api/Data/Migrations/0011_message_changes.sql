-- Each team also numbers every change to its messages (a post, an edit, a deletion, a reaction): the writer takes
-- the team's next change_seq under the team row's lock, held until commit, so changes become visible in that order
-- and a reader holding change N misses no change of a message with changedAfter=N. A message keeps the number of
-- its latest change. Unlike seq it may skip numbers (a write that changed nothing).
ALTER TABLE teams ADD COLUMN change_seq bigint NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN change_seq bigint NOT NULL DEFAULT 0;

-- What is there already counts as changed when it was posted.
UPDATE messages SET change_seq = seq;
UPDATE teams SET change_seq = message_seq;

CREATE INDEX messages_team_change ON messages (team_id, change_seq);
