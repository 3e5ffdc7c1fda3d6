-- Signed-in sessions (services/sessions.py): the browser keeps a random token in a cookie; the database keeps only
-- its SHA-256, who it belongs to, how they signed in, and when it was last used. A session ends after the
-- configured minutes without activity (config.session_timeout_minutes) and at `expires_at` whatever happens;
-- signing out deletes the row.
CREATE TABLE user_sessions (
    token_hash VARCHAR PRIMARY KEY,
    username   VARCHAR NOT NULL,
    method     VARCHAR NOT NULL CHECK (method IN ('password', 'sso')),
    created_at TIMESTAMP NOT NULL,
    last_seen  TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    CHECK (expires_at > created_at)
);
