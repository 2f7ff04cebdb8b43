-- A direct message (two people, or a group of up to 9) is a conversation kept as a team nobody sees as one: its chat
-- is team chat (seq, change numbers, fan-out, catch-up, reactions, mentions, threads and their guarantees), its
-- members are team_members rows with the role 'dm', and every team query leaves those rows out, so no team endpoint
-- knows it. dm_key is its members' ids, sorted: one DM per set of people, whoever asks first.
ALTER TABLE teams ADD COLUMN dm_key text UNIQUE;

ALTER TABLE team_members DROP CONSTRAINT team_members_role_check;
ALTER TABLE team_members ADD CONSTRAINT team_members_role_check CHECK (role IN ('owner', 'admin', 'member', 'dm'));

-- Set on insert from the conversation, so a message row says which kind it is without a join.
ALTER TABLE messages ADD COLUMN in_dm boolean NOT NULL DEFAULT false;

