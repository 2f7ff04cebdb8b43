-- What reaches each user outside the tab (issue 21): by push and by email, per kind of notification. A user without a
-- row has the defaults, which live in one place only: the view below. Everything reads the view; a change writes
-- the view's row for the user first, then the columns it changes.
CREATE TABLE notification_preferences (
    user_id               uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    push_invitations      boolean     NOT NULL,
    email_invitations     boolean     NOT NULL,
    push_mentions         boolean     NOT NULL,
    email_mentions        boolean     NOT NULL,
    push_direct_messages  boolean     NOT NULL,
    email_direct_messages boolean     NOT NULL,
    push_events           boolean     NOT NULL,
    email_events          boolean     NOT NULL
);

-- The defaults: push for all four kinds; email for invitations, mentions and DMs (as a digest), not for events.
CREATE VIEW user_notification_preferences AS
SELECT u.id AS user_id,
       coalesce(p.push_invitations, true)       AS push_invitations,
       coalesce(p.email_invitations, true)      AS email_invitations,
       coalesce(p.push_mentions, true)          AS push_mentions,
       coalesce(p.email_mentions, true)         AS email_mentions,
       coalesce(p.push_direct_messages, true)   AS push_direct_messages,
       coalesce(p.email_direct_messages, true)  AS email_direct_messages,
       coalesce(p.push_events, true)            AS push_events,
       coalesce(p.email_events, false)          AS email_events
FROM users u
LEFT JOIN notification_preferences p ON p.user_id = u.id;

-- The email digest's cursor: the user's notifications up to this seq were considered for a digest (sent or not wanted).
ALTER TABLE users ADD COLUMN digest_seq bigint NOT NULL DEFAULT 0;

-- The digest looks at the last day's unread notifications only.
CREATE INDEX notifications_unread_created_idx ON notifications (created_at) WHERE read_at IS NULL;
