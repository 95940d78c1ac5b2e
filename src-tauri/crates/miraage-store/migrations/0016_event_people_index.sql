-- Attendee suggestions read only the events that have guests: a partial index keeps that
-- read off the events without them (most of a calendar).
CREATE INDEX events_with_people ON events (start_utc) WHERE people IS NOT NULL;
