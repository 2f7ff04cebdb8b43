-- Each team numbers its messages 1, 2, 3... The writer holds the team row's lock until it commits,
-- so messages become visible strictly in seq order: a reader holding seq N misses nothing with after=N.
ALTER TABLE teams ADD COLUMN message_seq bigint NOT NULL DEFAULT 0;

CREATE TABLE messages (
    id         uuid        PRIMARY KEY,
    team_id    uuid        NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    seq        bigint      NOT NULL,
    author_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    edited_at  timestamptz,
    deleted    boolean     NOT NULL DEFAULT false,
    UNIQUE (team_id, seq)
);
