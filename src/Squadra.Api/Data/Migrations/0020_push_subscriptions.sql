-- Web push (issue 21): each browser a user turned push on in is a subscription (its push service endpoint and the
-- keys to encrypt for it). One endpoint is one browser: it belongs to the user who last subscribed it.
CREATE TABLE push_subscriptions (
    id               uuid        PRIMARY KEY,
    user_id          uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    endpoint         text        NOT NULL UNIQUE,
    p256dh           text        NOT NULL,
    auth             text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id, created_at);

-- One message per notification and subscription, written in the notification's transaction and sent by one replica
-- at a time (as email_outbox); a message is deleted once the push service accepted it, and a subscription the push
-- service says is gone takes its messages with it.
CREATE TABLE push_outbox (
    id               uuid        PRIMARY KEY,
    subscription_id  uuid        NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    notification_seq bigint      NOT NULL,
    payload          text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    attempts         int         NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    -- Set while a sender holds it; a sender killed mid-send leaves it, and the next takes it after a lease.
    sending_since    timestamptz,
    last_error       text,
    UNIQUE (subscription_id, notification_seq)
);

CREATE INDEX push_outbox_due_idx ON push_outbox (next_attempt_at);

