-- Full-text search over event titles, locations and descriptions and task titles and
-- notes, kept in step by the triggers below (so every write path, imports and syncs
-- included, keeps it); diacritics folded so that "cafe" finds "Café". Events use an
-- external-content index over `events` (the text is not stored twice).
CREATE VIRTUAL TABLE event_search USING fts5 (
    summary, location, description,
    content = 'events', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Tasks have no integer key of their own (VACUUM may renumber their rowids), so their
-- index keeps its own copy of the text with the task's id.
CREATE VIRTUAL TABLE task_search USING fts5 (
    title, notes, task_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO event_search (event_search) VALUES ('rebuild');
INSERT INTO task_search (title, notes, task_id) SELECT title, notes, id FROM tasks;

CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN
    INSERT INTO event_search (rowid, summary, location, description)
    VALUES (new.seq, new.summary, new.location, new.description);
END;
CREATE TRIGGER events_search_delete AFTER DELETE ON events BEGIN
    INSERT INTO event_search (event_search, rowid, summary, location, description)
    VALUES ('delete', old.seq, old.summary, old.location, old.description);
END;
-- An upsert sets every column: only a changed text is indexed again.
CREATE TRIGGER events_search_update AFTER UPDATE OF summary, location, description ON events
WHEN old.summary IS NOT new.summary OR old.location IS NOT new.location OR old.description IS NOT new.description
BEGIN
    INSERT INTO event_search (event_search, rowid, summary, location, description)
    VALUES ('delete', old.seq, old.summary, old.location, old.description);
    INSERT INTO event_search (rowid, summary, location, description)
    VALUES (new.seq, new.summary, new.location, new.description);
END;

CREATE TRIGGER tasks_search_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO task_search (title, notes, task_id) VALUES (new.title, new.notes, new.id);
END;
CREATE TRIGGER tasks_search_delete AFTER DELETE ON tasks BEGIN
    DELETE FROM task_search WHERE task_id = old.id;
END;
CREATE TRIGGER tasks_search_update AFTER UPDATE OF title, notes ON tasks
WHEN old.title IS NOT new.title OR old.notes IS NOT new.notes
BEGIN
    UPDATE task_search SET title = new.title, notes = new.notes WHERE task_id = old.id;
END;
