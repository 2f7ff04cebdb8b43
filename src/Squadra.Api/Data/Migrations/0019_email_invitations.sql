-- Invitations by email (issue 21): to an address rather than an account, opened by a link whose token is kept hashed,
-- valid 7 days; whoever accepts through the link becomes the invitee (so "accepted your invitation" names them).
ALTER TABLE invitations
    ALTER COLUMN invitee_id DROP NOT NULL,
    ADD COLUMN email text,
    ADD COLUMN token_hash bytea UNIQUE,
    ADD COLUMN expires_at timestamptz,
    ADD CONSTRAINT invitations_invitee_or_email CHECK (invitee_id IS NOT NULL OR (email IS NOT NULL AND token_hash IS NOT NULL));

-- At most one pending invitation per address and team, as per person and team.
CREATE UNIQUE INDEX invitations_one_pending_email_key ON invitations (team_id, lower(email)) WHERE status = 'pending' AND email IS NOT NULL;
