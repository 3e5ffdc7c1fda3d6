-- The duplicate scan's result is kept: computed once per state of the employer register, read 25 pairs at a time.
-- Only the latest scan is kept; `register_state` is the fingerprint of what it read (see storage/employers.py),
-- so the page can say when the register has changed since.
CREATE TABLE duplicate_scans (
    scan_id        VARCHAR PRIMARY KEY,
    register_state VARCHAR NOT NULL,
    computed_at    TIMESTAMP NOT NULL,
    computed_by    VARCHAR,
    employers      INTEGER NOT NULL,
    seconds        DOUBLE NOT NULL
);

CREATE TABLE duplicate_pairs (
    scan_id    VARCHAR NOT NULL,
    a_id       VARCHAR NOT NULL,
    b_id       VARCHAR NOT NULL,
    score      DOUBLE NOT NULL,
    reasons    VARCHAR[] NOT NULL,
    codes      VARCHAR[] NOT NULL,
    postcode_a VARCHAR NOT NULL,
    postcode_b VARCHAR NOT NULL,
    PRIMARY KEY (scan_id, a_id, b_id)
);
