-- Reactions to messages: one row per (message, emoji, user). Keyed by the message alone, so any kind of message
-- (team chat now, DMs later) shares the table. The serial id orders them: an emoji's place is its oldest row's.
CREATE TABLE message_reactions (
    id         bigint      GENERATED ALWAYS AS IDENTITY,
    message_id uuid        NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    emoji      text        NOT NULL,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, emoji, user_id)
);

-- Counts every change of a message (edit, deletion, reaction): a client keeps the highest it has seen.
ALTER TABLE messages ADD COLUMN revision bigint NOT NULL DEFAULT 0;

-- Deleting an account removes its reactions.
CREATE INDEX message_reactions_user ON message_reactions (user_id);
