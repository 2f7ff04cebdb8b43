-- The members a message mentions by @username, in the order of their first mention (current members of the team at
-- the time of writing, never the author). Rewritten by an edit. Keyed by the message alone, as reactions are.
CREATE TABLE message_mentions (
    message_id uuid     NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id    uuid     NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    ordinal    smallint NOT NULL,
    PRIMARY KEY (message_id, user_id)
);
CREATE INDEX message_mentions_user ON message_mentions (user_id);

-- "@all" from an owner or admin: the message mentions every member.
ALTER TABLE messages ADD COLUMN mentions_all boolean NOT NULL DEFAULT false;

-- Who has been told of a message's mention (message.mentioned), so an edit that adds a mention tells only the newly
-- mentioned, and nobody twice for one message, even when an edit removes and a later one restores the mention.
CREATE TABLE mention_notices (
    message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (message_id, user_id)
);
CREATE INDEX mention_notices_user ON mention_notices (user_id);
