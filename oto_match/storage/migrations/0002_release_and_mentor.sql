-- Fastholdelse: a placement can be released by the team (follow-ups stop, the job goes on),
-- and mentor support has its own period (6 months at a time).
ALTER TABLE placements ADD COLUMN released_on DATE;
ALTER TABLE placements ADD COLUMN released_by VARCHAR;
ALTER TABLE placements ADD COLUMN mentor_start DATE;
