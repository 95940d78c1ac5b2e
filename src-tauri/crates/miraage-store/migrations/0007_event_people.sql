-- A meeting's organizer and attendees (JSON, as miraage_domain::People serialises them;
-- NULL for an event without guests): kept so that an edit writes them back unchanged.
ALTER TABLE events ADD COLUMN people TEXT;
