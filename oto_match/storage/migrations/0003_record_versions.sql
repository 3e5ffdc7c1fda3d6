-- Never overwrite what you did not see: every record a form can change carries a version,
-- bumped by each save, and who saved it last and when (for the message the loser of a race sees).
-- A save states the version its form was opened on; a save against a newer version is refused.
ALTER TABLE employers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE employers ADD COLUMN changed_at TIMESTAMP;
ALTER TABLE employers ADD COLUMN changed_by VARCHAR;
ALTER TABLE contact_persons ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contact_persons ADD COLUMN changed_at TIMESTAMP;
ALTER TABLE contact_persons ADD COLUMN changed_by VARCHAR;
ALTER TABLE citizens ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE citizens ADD COLUMN changed_at TIMESTAMP;
ALTER TABLE citizens ADD COLUMN changed_by VARCHAR;
ALTER TABLE job_openings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE job_openings ADD COLUMN changed_at TIMESTAMP;
ALTER TABLE job_openings ADD COLUMN changed_by VARCHAR;
ALTER TABLE placements ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE placements ADD COLUMN changed_at TIMESTAMP;
ALTER TABLE placements ADD COLUMN changed_by VARCHAR;
ALTER TABLE followups ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE followups ADD COLUMN changed_at TIMESTAMP;
ALTER TABLE followups ADD COLUMN changed_by VARCHAR;
ALTER TABLE candidates ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE candidates ADD COLUMN changed_at TIMESTAMP;
ALTER TABLE candidates ADD COLUMN changed_by VARCHAR;
