-- Capacity and waitlist, an RSVP deadline, and a request for an answer to members who gave none.
ALTER TABLE events
    ADD COLUMN capacity      int         CHECK (capacity BETWEEN 1 AND 10000),
    ADD COLUMN rsvp_deadline timestamptz CHECK (rsvp_deadline <= starts_at),
    -- How long before the start members without an answer are asked for one; null: the configured default
    -- (Events:Reminders:NonResponderLead), zero: never.
    ADD COLUMN rsvp_request_lead interval CHECK (rsvp_request_lead >= interval '0'),
    -- Set in the transaction that writes the requests: each event's go out once.
    ADD COLUMN rsvp_requested boolean NOT NULL DEFAULT false,
    -- When the event itself last changed (answers aside): the calendar feed's DTSTAMP, so that an unchanged feed is
    -- the same bytes and calendar apps polling it get a 304.
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

CREATE INDEX events_rsvp_request_due_idx ON events (starts_at) WHERE NOT rsvp_requested AND NOT cancelled;

ALTER TABLE event_rsvps DROP CONSTRAINT event_rsvps_response_check;
ALTER TABLE event_rsvps ADD CONSTRAINT event_rsvps_response_check CHECK (response IN ('going', 'maybe', 'declined', 'waitlisted'));

-- The waitlist's order: updated_at changes only when the answer does, so it is when the member joined the list.
CREATE INDEX event_rsvps_waitlist_idx ON event_rsvps (event_id, updated_at, user_id) WHERE response = 'waitlisted';
