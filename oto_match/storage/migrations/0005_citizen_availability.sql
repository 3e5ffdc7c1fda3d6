-- Each citizen's availability as the stretches of the week it covers (timewindows.text_periods), written when the
-- citizen is saved (form, citizens.csv, demo), so a ranking reads numbers instead of parsing text per request.
-- A stretch starts on `day` (0 = mandag) at `start_minute` after that day's midnight and ends at `end_minute`
-- after the same midnight: above 1440 when it crosses midnight (fre 22:00-02:00 is day 4, 1320, 1560), 10080 for
-- the whole week (day 0, 0, 10080). A citizen without rows has no recorded availability (unknown).
-- The rows of the citizens already stored are written by the migration's Python step (storage/db.PYTHON_STEPS).
CREATE TABLE citizen_availability (
    citizen_id   VARCHAR NOT NULL REFERENCES citizen_keys (citizen_id),
    day          TINYINT NOT NULL CHECK (day BETWEEN 0 AND 6),
    start_minute SMALLINT NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   SMALLINT NOT NULL CHECK (end_minute > start_minute AND end_minute - start_minute <= 10080)
);

-- A ranking shown is one audit row (entity 'ranking', the job's id) naming the citizens on screen here, not one
-- row per citizen ranked; a citizen's own log lists the rankings whose `citizen_ids` hold them.
ALTER TABLE audit_log ADD COLUMN citizen_ids VARCHAR[];
