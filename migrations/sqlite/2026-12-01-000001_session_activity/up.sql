-- When each session was last used, and from where: shown to its user and to admins, who can
-- end it (issue 12). Older sessions have none until they are next used.
ALTER TABLE sessions ADD COLUMN last_used_at TIMESTAMP;
ALTER TABLE sessions ADD COLUMN client_ip TEXT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
