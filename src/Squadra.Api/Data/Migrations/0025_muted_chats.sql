-- Muting a chat (docs/api-extensions.md, "Muting a chat"): each member's own choice for a team's chat or a DM, the
-- same on all their devices. A muted chat counts no unread messages in their lists or tab title, and a muted DM
-- writes them no dm.message notification (so no push and no email digest for it); mentions still reach them.
ALTER TABLE team_members ADD COLUMN muted boolean NOT NULL DEFAULT false;
