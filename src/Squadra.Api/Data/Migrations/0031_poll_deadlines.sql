-- A poll's deadline (docs/api-extensions.md, "Polls"): from then on it takes no votes, as if closed, though nobody
-- closed it (poll_closed_at stays null, so reopening it means clearing the deadline too). Null: no deadline.
ALTER TABLE messages ADD COLUMN poll_closes_at timestamptz;
