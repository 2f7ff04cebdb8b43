CREATE TABLE teams (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    description text        NOT NULL DEFAULT '',
    created_by  uuid        NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE team_members (
    team_id   uuid        NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role      text        NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    joined_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, user_id)
);

CREATE INDEX team_members_user_id_idx ON team_members (user_id);

CREATE TABLE invitations (
    id           uuid        PRIMARY KEY,
    team_id      uuid        NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    inviter_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    invitee_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status       text        NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    responded_at timestamptz
);

-- At most one pending invitation per person and team; answered ones stay as history.
CREATE UNIQUE INDEX invitations_one_pending_key ON invitations (team_id, invitee_id) WHERE status = 'pending';
CREATE INDEX invitations_invitee_pending_idx ON invitations (invitee_id) WHERE status = 'pending';

-- Each user's notifications are numbered 1, 2, 3... The counter row is locked by the writing
-- transaction until it commits, so numbers become visible strictly in order (no gaps for readers).
ALTER TABLE users ADD COLUMN notification_seq bigint NOT NULL DEFAULT 0;

CREATE TABLE notifications (
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seq        bigint      NOT NULL,
    type       text        NOT NULL,
    team_id    uuid,
    data       jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at    timestamptz,
    PRIMARY KEY (user_id, seq)
);

CREATE INDEX notifications_unread_idx ON notifications (user_id, seq) WHERE read_at IS NULL;

-- The first answer to a POST carrying an Idempotency-Key, written in the same transaction as its effect.
CREATE TABLE idempotency_keys (
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key         text        NOT NULL,
    status_code integer     NOT NULL,
    body        text,
    location    text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);

CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);
