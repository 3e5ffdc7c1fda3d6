-- A job opening records whether its strains have been assessed: an empty list is not "no strains".
-- Existing rows keep their meaning: a job with strains stays assessed; an empty one becomes not assessed.
ALTER TABLE job_openings ADD COLUMN strains_assessed BOOLEAN NOT NULL DEFAULT true;
UPDATE job_openings SET strains_assessed = false WHERE len(strains) = 0;
