-- An account's email address (issue 21): optional, seen only by its owner, one account per address in any letter case.
ALTER TABLE users ADD COLUMN email text;
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

-- Every token a login issued, until it expires: a JWT names no list of its siblings, and a password change revokes the
-- user's other tokens (their ids go to revoked_tokens, which every replica refuses and closes the connections of).
CREATE TABLE issued_tokens (
    jti        uuid        PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL
);

CREATE INDEX issued_tokens_user_id_idx ON issued_tokens (user_id, expires_at);
