CREATE TABLE users (
    id            uuid        PRIMARY KEY,
    username      text        NOT NULL,
    display_name  text        NOT NULL,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Usernames are unique regardless of case: "Alice" and "alice" are the same account name.
CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));

-- A logged-out token stays refused until it would have expired anyway; both replicas read this table.
CREATE TABLE revoked_tokens (
    jti        uuid        PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL
);

CREATE INDEX revoked_tokens_expires_at_idx ON revoked_tokens (expires_at);
