-- Attendance registered (docs/api-extensions.md, "Registering attendance"): who came to an event that has started, as
-- its creator, the team's owner or an admin marked it. One mark per member and event, changed or cleared at will; a
-- member who leaves keeps their marks (the team's record) but no longer shows in the lists nor in the report.
CREATE TABLE event_checkins (
    event_id  uuid        NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    attended  boolean     NOT NULL,
    marked_by uuid        REFERENCES users (id) ON DELETE SET NULL,
    marked_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, user_id)
);

-- A member's marks across events (the report), and the users' foreign keys' deletes.
CREATE INDEX event_checkins_by_user ON event_checkins (user_id);
CREATE INDEX event_checkins_by_marker ON event_checkins (marked_by);
