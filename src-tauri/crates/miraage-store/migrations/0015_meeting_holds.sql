-- Tentative holds of shared free times: each is an event (TENTATIVE, busy) on the user's
-- calendar; the times of one share are released together when a meeting is booked in one of
-- them, or on request. An event deleted elsewhere leaves its row, skipped when read.
CREATE TABLE meeting_holds (
    calendar_id TEXT NOT NULL,
    event_uid   TEXT NOT NULL,
    share_id    TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (calendar_id, event_uid)
) STRICT;
CREATE INDEX meeting_holds_by_share ON meeting_holds (share_id);
