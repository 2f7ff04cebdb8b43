-- Recurring events: a series is its rule and the template of its occurrences; each occurrence is a row of events
-- (its own answers, reminders and changes), made ahead for the next 12 months and topped up as time passes.
CREATE TABLE event_series (
    id                uuid        PRIMARY KEY,
    team_id           uuid        NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    created_by        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    frequency         text        NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
    interval          int         NOT NULL CHECK (interval BETWEEN 1 AND 52),
    by_day            text[]      NOT NULL DEFAULT '{}',
    until             timestamptz,
    count             int         CHECK (count BETWEEN 1 AND 365),
    -- The IANA zone whose local time the occurrences keep, and the first occurrence's start in it.
    time_zone         text        NOT NULL,
    first_local_start timestamp   NOT NULL,
    -- How far edits of "following" or "all" moved the occurrences' local time: occurrences made later move alike.
    local_shift       interval    NOT NULL DEFAULT interval '0',
    -- The template of occurrences still to be made (changed by edits to "following" or "all").
    title             text        NOT NULL,
    description       text        NOT NULL DEFAULT '',
    location          text        NOT NULL DEFAULT '',
    duration          interval,
    capacity          int,
    deadline_before   interval,
    rsvp_request_lead interval,
    creator_going     boolean     NOT NULL DEFAULT false,
    -- Occurrences starting before this exist; ended: the rule has no more, or the rest was cancelled.
    listed_until      timestamptz NOT NULL,
    ended             boolean     NOT NULL DEFAULT false
);

CREATE INDEX event_series_to_extend_idx ON event_series (listed_until) WHERE NOT ended;

ALTER TABLE events
    ADD COLUMN series_id     uuid        REFERENCES event_series (id) ON DELETE CASCADE,
    -- The occurrence's start as the rule made it (RFC 5545's RECURRENCE-ID): which occurrence this row is.
    ADD COLUMN recurrence_id timestamptz;

CREATE UNIQUE INDEX events_series_occurrence_idx ON events (series_id, recurrence_id) WHERE series_id IS NOT NULL;
