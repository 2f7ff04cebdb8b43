-- "Pause notifications" (Slack's, Mattermost's Do Not Disturb): until this instant nothing is pushed to the user and
-- their email digest waits. Null, or past, when not paused; nothing needs to clear it.
ALTER TABLE users ADD COLUMN notifications_paused_until timestamptz;
