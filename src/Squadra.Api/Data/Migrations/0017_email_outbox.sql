-- Email goes out through an outbox (issue 21): the email is written in the transaction of what causes it (a password
-- reset, an invitation), so it is never lost with a replica, and one replica at a time sends what is due.
-- event_key names what caused it: a second enqueue for the same event is no second email.
CREATE TABLE email_outbox (
    id              uuid        PRIMARY KEY,
    event_key       text        NOT NULL UNIQUE,
    to_address      text        NOT NULL,
    subject         text        NOT NULL,
    text_body       text        NOT NULL,
    html_body       text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- Set while a sender holds it; a sender killed mid-send leaves it, and the next takes it after a lease.
    sending_since   timestamptz,
    sent_at         timestamptz,
    last_error      text
);

CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at) WHERE sent_at IS NULL;
