CREATE TABLE events (
    id             uuid        PRIMARY KEY,
    team_id        uuid        NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    title          text        NOT NULL,
    description    text        NOT NULL DEFAULT '',
    location       text        NOT NULL DEFAULT '',
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz,
    created_by     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    cancelled      boolean     NOT NULL DEFAULT false,
    -- Set in the transaction that writes the reminders: each event's reminders go out once.
    reminded       boolean     NOT NULL DEFAULT false,
    CHECK (ends_at IS NULL OR ends_at >= starts_at)
);

CREATE INDEX events_team_starts_idx ON events (team_id, starts_at);
CREATE INDEX events_reminder_due_idx ON events (starts_at) WHERE NOT reminded AND NOT cancelled;

CREATE TABLE event_rsvps (
    event_id   uuid        NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    response   text        NOT NULL CHECK (response IN ('going', 'maybe', 'declined')),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, user_id)
);

-- A user's calendar-feed token is an HMAC of their id and this nonce under the replicas' signing key:
-- it can be shown again without being stored, and a new nonce (rotation) revokes the old token.
CREATE TABLE calendar_feed_tokens (
    user_id    uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    nonce      bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
