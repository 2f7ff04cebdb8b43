-- Polls (docs/api-extensions.md, "Polls"): a message may ask a poll, its body the question. The message row says
-- whether it is one (poll_multiple not null: one choice or several) and when it was closed; its options and the votes
-- are rows of their own. A vote or a closing is a change of the message (its revision and change number), so the
-- push, the sweep and catch-up with changedAfter carry it as they carry a reaction.
ALTER TABLE messages
    ADD COLUMN poll_multiple boolean,
    ADD COLUMN poll_closed_at timestamptz;

CREATE TABLE poll_options (
    message_id uuid     NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    position   smallint NOT NULL,
    text       text     NOT NULL,
    PRIMARY KEY (message_id, position)
);

-- Voters in the order they chose (clock_timestamp: the options of one vote in the order given, too).
CREATE TABLE poll_votes (
    message_id uuid        NOT NULL,
    position   smallint    NOT NULL,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    voted_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (message_id, position, user_id),
    FOREIGN KEY (message_id, position) REFERENCES poll_options (message_id, position) ON DELETE CASCADE
);

-- An account's deletion takes its votes: looked up by user.
CREATE INDEX poll_votes_by_user ON poll_votes (user_id);
