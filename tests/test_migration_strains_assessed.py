"""Migration 0004: a job opening records whether its strains have been assessed; existing rows keep their meaning."""

from __future__ import annotations

from pathlib import Path

from oto_match.domain import JobOpening
from oto_match.storage import jobs as job_sql
from oto_match.storage.db import Database, migrate, migration_files


def _database_at_version_3(path: Path) -> Database:
    db = Database(path)
    with db.transaction() as cur:
        cur.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                    " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)")  # fmt: skip
        for version, name, sql in migration_files():
            if version <= 3:
                cur.execute(sql)
                cur.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, name])
        cur.execute("INSERT INTO employer_keys VALUES ('E1')")
        cur.execute("INSERT INTO employers (employer_id, name, postcode) VALUES ('E1', 'Kantinen', '8220')")
        for job_id, strains in (("J1", ["cold", "heavy_lifting"]), ("J2", [])):
            cur.execute("INSERT INTO job_keys VALUES (?)", [job_id])
            cur.execute("INSERT INTO job_openings (job_id, employer_id, title, job_type, strains)"
                        " VALUES (?, 'E1', 'Lager', 'ordinary', ?)", [job_id, strains])  # fmt: skip
    return db


def test_a_job_with_strains_stays_assessed_and_an_empty_one_becomes_not_assessed(tmp_path: Path) -> None:
    db = _database_at_version_3(tmp_path / "old.duckdb")
    assert 4 in migrate(db)
    with db.transaction() as cur:
        jobs = {j.job_id: j for j in job_sql.list_jobs(cur)}
    assert jobs["J1"].strains_assessed is True and jobs["J1"].strains == ("cold", "heavy_lifting")
    assert jobs["J2"].strains_assessed is False and jobs["J2"].strains == ()
    db.close()


def test_a_job_saved_after_the_migration_is_assessed_by_default(db: Database) -> None:
    with db.transaction() as cur:
        cur.execute("INSERT INTO employer_keys VALUES ('E1')")
        cur.execute("INSERT INTO employers (employer_id, name, postcode) VALUES ('E1', 'Kantinen', '8220')")
        job_sql.save_job(cur, JobOpening("J9", "E1", "Opvasker", "small_job"))
        saved = job_sql.get_job(cur, "J9")
    assert saved is not None and saved.strains_assessed is True
