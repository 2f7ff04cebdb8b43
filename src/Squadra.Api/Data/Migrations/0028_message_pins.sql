-- Pinned messages (docs/api-extensions.md, "Pinned messages"): a chat's messages its members keep at hand for everyone
-- (the kit list, the season's schedule). A pin is the message's state, not a row of its own: pinning changes the
-- message (its revision and change number), so the push, the sweep and catch-up with changedAfter carry it as they
-- carry an edit or a reaction. Both columns are null when the message is not pinned; a deleted account's pins stay,
-- by nobody known.
ALTER TABLE messages
    ADD COLUMN pinned_at timestamptz,
    ADD COLUMN pinned_by uuid REFERENCES users (id) ON DELETE SET NULL;

-- A chat's pins, the most recently pinned first; only pinned messages are in it (a few per chat).
CREATE INDEX messages_pinned ON messages (team_id, pinned_at DESC) WHERE pinned_at IS NOT NULL;

-- An account's deletion sets its pins' pinned_by to null: looked up by user.
CREATE INDEX messages_pinned_by ON messages (pinned_by) WHERE pinned_by IS NOT NULL;
