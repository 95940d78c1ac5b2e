-- A create that went out to a provider without client-chosen ids (Google Tasks, To Do) may
-- have reached it even though no answer came back: the engine looks for its marker before
-- sending it again. Set before the send, kept across later edits of the item, gone with the
-- entry once the server confirmed it.
ALTER TABLE outbox ADD COLUMN create_sent INTEGER NOT NULL DEFAULT 0 CHECK (create_sent IN (0, 1));
