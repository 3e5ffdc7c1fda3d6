-- Each citizen's strains to spare and transport modes also as bits (citizen_columns.STRAIN_BIT, MODE_BIT: a code
-- outside the vocabulary adds nothing, one listed twice counts once), written in the same statement as the lists
-- at every save (form, citizens.csv, demo), so a ranking reads two integers instead of grouping and hashing lists.
-- The masks of the citizens already stored are written by the migration's Python step (storage/db.PYTHON_STEPS).
ALTER TABLE citizens ADD COLUMN spare_strain_mask BIGINT NOT NULL DEFAULT 0;
ALTER TABLE citizens ADD COLUMN transport_mode_mask BIGINT NOT NULL DEFAULT 0;
