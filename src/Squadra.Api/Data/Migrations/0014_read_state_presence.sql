-- Read state on the server, per member of a team or DM (issue 19): the seq up to which the member has read its chat,
-- on any device. It only moves forward (PUT .../read keeps the greater), so concurrent devices never lower it.
ALTER TABLE team_members ADD COLUMN last_read_seq bigint NOT NULL DEFAULT 0;

-- When the user's last live connection closed (presence itself is kept in the replicas' memory, never written):
-- shown as "last seen" for someone offline. Written once per going offline, not per connection.
ALTER TABLE users ADD COLUMN last_seen_at timestamptz;
