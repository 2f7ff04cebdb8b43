-- Attachments (issue 20): files uploaded to a team's or a DM's chat, then attached to one message. The metadata is a
-- small row read with every page of messages (MessageRow's aggregated column); the bytes live in their own table, so
-- no message query ever reads them. PostgreSQL with synchronous replication is the storage: an upload answered 201
-- has been flushed on the standby too and survives the loss of the primary (docs/reliability.md).
CREATE TABLE attachments (
    id           uuid        PRIMARY KEY,
    -- A DM is a team row (0013): deleting either deletes its files.
    team_id      uuid        NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    uploader_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- Null until a message carries it; an upload never attached is swept after a day (AttachmentSweeper).
    message_id   uuid        REFERENCES messages (id) ON DELETE CASCADE,
    -- Its place among the message's attachments, as the poster listed them.
    position     smallint,
    name         text        NOT NULL,
    content_type text        NOT NULL,
    size         bigint      NOT NULL CHECK (size > 0),
    -- Set for images only (after EXIF orientation); an image always has a thumbnail.
    width        int,
    height       int,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((message_id IS NULL) = (position IS NULL))
);

-- A message's attachments in order (the page query's aggregate).
CREATE INDEX attachments_message_idx ON attachments (message_id, position) WHERE message_id IS NOT NULL;
-- A team's quota: the sum of its files' sizes, read from the index alone.
CREATE INDEX attachments_team_idx ON attachments (team_id) INCLUDE (size);
-- The sweep of uploads never attached.
CREATE INDEX attachments_unattached_idx ON attachments (created_at) WHERE message_id IS NULL;
-- Deleting an account deletes its uploads.
CREATE INDEX attachments_uploader_idx ON attachments (uploader_id);

-- The bytes: the file as uploaded and, for an image, its thumbnail. Images are compressed already, so TOAST stores
-- them out of line without trying to compress them again (EXTERNAL).
CREATE TABLE attachment_blobs (
    attachment_id uuid  PRIMARY KEY REFERENCES attachments (id) ON DELETE CASCADE,
    content       bytea NOT NULL,
    thumbnail     bytea
);
ALTER TABLE attachment_blobs ALTER COLUMN content SET STORAGE EXTERNAL, ALTER COLUMN thumbnail SET STORAGE EXTERNAL;
