-- Whether the service resolved a flag itself (because the conflict went away) is a column of
-- its own. Release 0.1.0 said so by the start of the resolution note, which a reviewer could
-- also type; its flags are read the way it read them.
ALTER TABLE contradictions ADD COLUMN auto_resolved BOOLEAN NOT NULL DEFAULT 0;
UPDATE contradictions SET auto_resolved = 1
    WHERE status = 'resolved' AND substr(resolution_note, 1, 23) = 'Automatically resolved:';
