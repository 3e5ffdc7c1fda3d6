"""Versioned saves: a save never overwrites a change the user did not see."""

from __future__ import annotations

import threading

import pytest

from oto_match.errors import DatabaseBusyError, DuplicateRecordError, StaleRecordError
from oto_match.storage.db import Database
from oto_match.storage.rows import save_versioned

ROW = {"employer_id": "E1", "name": "Bageriet", "postcode": "8220"}


def _save(db: Database, values: dict[str, object], version: int | None, actor: str = "S1") -> int:
    with db.transaction() as cur:
        return save_versioned(cur, "employers", "employer_keys", "employer_id", values, version, actor, "Virksomheden")


def test_a_new_record_starts_at_version_one_and_each_save_bumps_it(db: Database) -> None:
    assert _save(db, ROW, 0) == 1
    assert _save(db, {**ROW, "name": "Bageriet ApS"}, 1) == 2
    row = db.cursor().execute("SELECT name, version, changed_by FROM employers").fetchall()
    assert row == [("Bageriet ApS", 2, "S1")]


def test_a_save_on_an_old_version_is_refused_and_names_who_changed_it(db: Database) -> None:
    _save(db, ROW, 0)
    _save(db, {**ROW, "name": "Annes navn"}, 1, actor="S2")  # Bo saves first
    with pytest.raises(StaleRecordError, match="Bo Job") as caught:
        _save(db, {**ROW, "name": "Lis' navn"}, 1, actor="S3")  # Lis saves a form opened at version 1
    assert "dine indtastninger står stadig i formularen" in caught.value.message
    assert db.cursor().execute("SELECT name FROM employers").fetchall() == [("Annes navn",)]


def test_a_form_sent_twice_creates_one_record(db: Database) -> None:
    _save(db, ROW, 0)
    with pytest.raises(DuplicateRecordError, match="allerede gemt"):
        _save(db, ROW, 0)
    assert db.cursor().execute("SELECT count(*) FROM employers").fetchall() == [(1,)]


def test_an_import_overwrites_by_id_and_still_bumps_the_version(db: Database) -> None:
    _save(db, ROW, None)
    assert _save(db, {**ROW, "name": "Fra filen"}, None) == 2


def test_two_sessions_saving_the_same_row_at_once_lose_nothing_silently(db: Database) -> None:
    """One wins; the other gets a Danish message (stale or busy), never the database's own words."""
    _save(db, ROW, 0)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def save(name: str, who: str) -> None:
        start.wait()  # both forms were opened on version 1 and are sent at the same moment
        try:
            with db.transaction() as cur:
                save_versioned(cur, "employers", "employer_keys", "employer_id", {**ROW, "name": name}, 1, who,
                               "Virksomheden")  # fmt: skip
            outcomes.append("saved")
        except (StaleRecordError, DatabaseBusyError) as e:
            assert "Conflict" not in e.message and "TransactionContext" not in e.message
            outcomes.append("refused")

    threads = [threading.Thread(target=save, args=(n, w)) for n, w in (("A", "S1"), ("B", "S2"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert db.cursor().execute("SELECT version FROM employers").fetchall() == [(2,)]


def test_the_data_version_advances_with_each_committed_write_to_what_a_ranking_reads(db: Database) -> None:
    start = db.data_version
    _save(db, ROW, 0)
    assert db.data_version == start + 1
    with db.transaction() as cur:
        cur.execute("SELECT count(*) FROM employers").fetchall()
    assert db.data_version == start + 1  # a read changes nothing
    with pytest.raises(RuntimeError), db.transaction() as cur:
        save_versioned(cur, "employers", "employer_keys", "employer_id", {**ROW, "name": "X"}, 1, "S1", "V")
        raise RuntimeError("rolled back")
    assert db.data_version == start + 1  # nothing committed
