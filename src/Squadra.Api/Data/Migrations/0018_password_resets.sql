-- Password reset links (issue 21): only a hash of each link's token is kept, so the table alone resets nothing.
-- A link works once and for an hour; setting a new password through one spends every other link of the account.
CREATE TABLE password_resets (
    token_hash bytea       PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);

CREATE INDEX password_resets_user_id_idx ON password_resets (user_id, created_at);
