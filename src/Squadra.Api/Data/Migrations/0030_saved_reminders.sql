-- Reminders on saved messages (docs/api-extensions.md, "Reminders"): "remind me about this" at an instant the person
-- chose. The reminder is sent once: the sweep that sends it clears remind_at in the same transaction.
ALTER TABLE saved_messages ADD COLUMN remind_at timestamptz;

-- What the sweep reads every few seconds: the due reminders alone, however many messages are saved.
CREATE INDEX saved_messages_due ON saved_messages (remind_at) WHERE remind_at IS NOT NULL;
