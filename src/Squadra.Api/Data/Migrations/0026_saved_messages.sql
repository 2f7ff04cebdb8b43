-- Saved messages (docs/api-extensions.md, "Saved messages"): each person's own list of messages to come back to, the
-- same on all their devices. A message deleted for good (its team deleted) leaves the list with it; one deleted in
-- chat, or of a chat the person left, stays here but is not listed.
CREATE TABLE saved_messages (
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message_id uuid        NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    saved_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, message_id)
);

-- The list, newest saved first, page by page.
CREATE INDEX saved_messages_by_user ON saved_messages (user_id, saved_at DESC);

-- A message's row goes with it: the foreign key's delete looks rows up by message.
CREATE INDEX saved_messages_by_message ON saved_messages (message_id);
