-- A GDPR erasure (services/erasure.py) turns a citizen into an anonymous placeholder ("Slettet borger"): the row
-- stays, so placements, follow-ups and the statistics keep their citizen, and `erased_at` says when it was erased.
-- NULL: not erased. An erased citizen cannot be erased again.
ALTER TABLE citizens ADD COLUMN erased_at TIMESTAMP;
