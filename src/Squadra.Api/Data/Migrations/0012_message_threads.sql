-- Threads: a reply names its root, a top-level message of the same team (never a reply: threads are one level deep).
-- A reply is a message like any other (it takes its team's next seq), so catch-up with after= brings replies too.
ALTER TABLE messages ADD COLUMN thread_root_id uuid REFERENCES messages (id) ON DELETE CASCADE;

-- Kept on the root by the transaction that posts a reply, so a page of history shows "N replies" without counting.
ALTER TABLE messages ADD COLUMN reply_count integer NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN last_reply_at timestamptz;

-- A thread is read root first, then its replies by seq.
CREATE INDEX messages_thread ON messages (thread_root_id, seq) WHERE thread_root_id IS NOT NULL;
