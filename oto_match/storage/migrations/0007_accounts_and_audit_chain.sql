-- Sign-in: a local account (or a single sign-on identity) per staff member, the sign-in attempts that limit
-- guessing, and midlertidig adgang. The rules are in oto_match/access.py and services/accounts.py.
CREATE TABLE user_accounts (
    username             VARCHAR PRIMARY KEY CHECK (regexp_full_match(username, '[a-z0-9][a-z0-9._-]{1,39}')),
    staff_id             VARCHAR NOT NULL UNIQUE REFERENCES staff_keys (staff_id),
    role                 VARCHAR NOT NULL CHECK (role IN ('team', 'leader', 'employer_only')),
    password_hash        VARCHAR,              -- argon2; NULL for an account that signs in by single sign-on only
    must_change_password BOOLEAN NOT NULL DEFAULT true,
    disabled             BOOLEAN NOT NULL DEFAULT false,
    created_at           TIMESTAMP NOT NULL,
    created_by           VARCHAR NOT NULL,     -- a staff id, or the system ('cli:…', 'demo')
    password_changed_at  TIMESTAMP,
    oidc_subject         VARCHAR UNIQUE,       -- the identity provider's subject ('sub')
    email                VARCHAR UNIQUE        -- lower case; the identity provider's e-mail
);

-- Every sign-in attempt, also for names that are no account (so a refusal looks the same either way).
-- Only 'wrong_password' and 'unknown_user' count towards a lock; attempts while locked do not prolong it.
CREATE TABLE sign_in_attempts (
    username     VARCHAR NOT NULL,
    attempted_at TIMESTAMP NOT NULL,
    outcome      VARCHAR NOT NULL
        CHECK (outcome IN ('ok', 'wrong_password', 'unknown_user', 'locked', 'disabled'))
);

-- Midlertidig adgang: one staff member, one citizen of another team, a reason, a period that ends by itself.
CREATE TABLE temporary_access (
    grant_id   VARCHAR PRIMARY KEY,
    staff_id   VARCHAR NOT NULL REFERENCES staff_keys (staff_id),
    citizen_id VARCHAR NOT NULL REFERENCES citizen_keys (citizen_id),
    reason     VARCHAR NOT NULL CHECK (length(trim(reason)) > 0),
    granted_by VARCHAR NOT NULL,
    starts_at  TIMESTAMP NOT NULL,
    ends_at    TIMESTAMP NOT NULL,
    CHECK (ends_at > starts_at)
);

-- The audit log becomes a hash chain (storage/audit.py): each row keeps a digest of its own values, the chain
-- hash of the row before it (`prev_hash`) and its own chain hash = sha256(prev_hash || values_digest). A row
-- can have only one successor (the unique index), so two transactions appending at once cannot fork the chain:
-- the second is told to try again. `erased_at` marks a row whose values a GDPR erasure has blanked; its digest
-- and chain hash stay, so the chain still verifies. Rows written before this migration have no hashes; the first
-- chained row starts from a digest of all of them.
ALTER TABLE audit_log ADD COLUMN values_digest VARCHAR;
ALTER TABLE audit_log ADD COLUMN prev_hash VARCHAR;
ALTER TABLE audit_log ADD COLUMN chain_hash VARCHAR;
ALTER TABLE audit_log ADD COLUMN erased_at TIMESTAMP;
CREATE UNIQUE INDEX audit_log_one_successor ON audit_log (prev_hash);
