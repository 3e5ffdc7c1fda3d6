-- Every import is a batch that can be taken back (services/import_batches.py, storage/import_batches.py).
-- `import_batches`: one row per import — what kind of file, its name, who imported it and when, how many records it
-- created and changed, and, once undone, who undid it and when (a batch is undone at most once).
-- `import_batch_rows`: what the batch did to each row it touched, in each table its kind writes (the kind's own table
-- and what its writer changes as a consequence, e.g. a placement's follow-up plan and its citizen's status):
-- 'created' (undo removes the row) or 'updated' with the row's values before (`before_json`, every column, so undo
-- puts the row back exactly). `after_mark` is a digest of the row as the import left it: a row whose digest differs
-- later was changed after the import, and undo refuses rather than lose that change. `row_key` is the row's primary
-- key as text (a key of two columns joined with '|'). Rows an import left unchanged are not kept.
-- No index or foreign key on the rows: a bulk import writes them in one statement, and undo reads one batch.
CREATE TABLE import_batches (
    batch_id      VARCHAR PRIMARY KEY,
    kind          VARCHAR NOT NULL,
    file_name     VARCHAR NOT NULL DEFAULT '',
    created_by    VARCHAR NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    created_count INTEGER NOT NULL DEFAULT 0,
    updated_count INTEGER NOT NULL DEFAULT 0,
    undone_at     TIMESTAMP,
    undone_by     VARCHAR
);

CREATE TABLE import_batch_rows (
    batch_id    VARCHAR NOT NULL,
    table_name  VARCHAR NOT NULL,
    row_key     VARCHAR NOT NULL,
    action      VARCHAR NOT NULL CHECK (action IN ('created', 'updated')),
    before_json VARCHAR,
    after_mark  VARCHAR,
    CHECK ((action = 'updated') = (before_json IS NOT NULL))
);
