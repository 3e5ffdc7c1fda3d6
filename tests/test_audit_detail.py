"""Every change is audited as field, old value → new value, readable in Danish (oto_match/audit_detail.py);
health-related values are written, and live only in the row's detail, which an erasure may blank."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from oto_match import audit_detail
from oto_match.domain import Staff
from oto_match.errors import StaleRecordError
from oto_match.importexport import import_text
from oto_match.placement_inputs import NewPlacement
from oto_match.records import CITIZEN_COLUMNS
from oto_match.services import citizens as citizen_service
from oto_match.services import placements as placement_service
from oto_match.services.audit_log import verify_log
from oto_match.services.citizen_change import CitizenChange
from oto_match.storage.db import Database

CODES = audit_detail.CITIZEN_CODES
CHANGES: list[tuple[str, list[tuple[str, Any, Any]], str]] = [
    ("a status and a strain to spare",
     [("status", "unemployed", "internship"), ("spare_strains", (), ("heavy_lifting",))],
     "Status: ledig → i praktik; Skal skånes for: – → tunge løft"),
    ("a list of strains, one dropped", [("spare_strains", ("heavy_lifting", "cold"), ("cold",))],
     "Skal skånes for: tunge løft, kulde → kulde"),
    ("whole and half hours", [("max_hours_week", 15.0, 12.5)], "Maks. timer/uge: 15 → 12,5"),
    ("a walking distance removed", [("max_walk_m", 800, None)], "Kan gå højst: 800 → –"),
    ("a date", [("consent_date", None, date(2026, 10, 1))], "Dato for samtykke: – → 01-10-2026"),
    ("yes and no", [("driving_license", False, True)], "Kørekort: nej → ja"),
    ("a Danish level", [("danish_level", 0, 2)], "Dansk: intet dansk → mellem (PD2)"),
    ("transport modes", [("transport_modes", ("walk",), ("walk", "public"))],
     "Transportformer: gang → gang, offentlig transport"),
    ("availability", [("availability", "", "man-fre 08:00-12:00")], "Tilgængelig: – → man-fre 08:00-12:00"),
    ("an unknown code is shown as it is", [("status", "unemployed", "weird")], "Status: ledig → weird"),
    ("a text over two lines", [("wishes", "køkken\nlager", "køkken")], "Ønsker: køkken lager → køkken"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "expected"), [c[1:] for c in CHANGES], ids=[c[0] for c in CHANGES])
def test_a_change_is_written_as_each_fields_label_with_old_and_new_value_in_danish(
    changes: list[tuple[str, Any, Any]], expected: str
) -> None:
    assert audit_detail.describe(changes, CODES) == expected


def test_the_same_code_reads_by_the_vocabulary_of_its_kind_of_record() -> None:
    assert audit_detail.describe([("status", "open", "filled")], audit_detail.JOB_CODES) == "Status: åben → besat"
    placement = audit_detail.describe([("status", "active", "ended")], audit_detail.PLACEMENT_CODES)
    assert placement == "Status: aktiv → afsluttet"
    assert audit_detail.describe([("max_hours_week", 1.0, True)]) == "Maks. timer/uge: 1 → ja"  # 1.0 == True


def test_each_value_is_cut_at_200_characters_so_a_row_stays_bounded() -> None:
    detail = audit_detail.describe([("wishes", "", "x" * 5000)])
    assert detail == "Ønsker: – → " + "x" * 199 + "…"


def test_the_changed_fields_are_read_back_from_the_new_and_the_older_form_of_the_log() -> None:
    fields = ("status", "spare_strains", "wishes")
    new = "Status: ledig → i praktik; Skal skånes for: – → tunge løft; Ønsker: køkken: opvask → –"
    assert audit_detail.changed_fields(new, fields) == ["status", "spare_strains", "wishes"]
    assert audit_detail.changed_fields("Status, Skal skånes for", fields) == ["status", "spare_strains"]


def _change(**values: Any) -> CitizenChange:
    base: dict[str, Any] = {"citizen_id": "C1", "name": "Fatima Ali", "postcode": "8220", "team_id": "gellerup"}
    return CitizenChange(**{**base, **values})


def _updates(db: Database, actor: Staff, citizen_id: str = "C1") -> list[str]:
    return [e.detail for e in citizen_service.audit_trail(db, actor, citizen_id) if e.action == "update"]


def test_a_form_change_of_a_citizens_restrictions_is_logged_with_old_and_new_values(db: Database, actor: Staff) -> None:
    first = citizen_service.save_citizen(db, actor, _change(max_hours_week=15.0, spare_strains=("cold",)))
    more = _change(version=first.version, max_hours_week=10.0, spare_strains=("cold", "heavy_lifting"), max_walk_m=500)
    citizen_service.save_citizen(db, actor, more)
    assert _updates(db, actor) == [
        "Maks. timer/uge: 15 → 10; Skal skånes for: kulde → kulde, tunge løft; Kan gå højst: – → 500"
    ]


def test_an_import_writes_old_and_new_values_too(db: Database, actor: Staff) -> None:
    header = ",".join([*CITIZEN_COLUMNS, "team_id"])
    row = "C1,Fatima Ali,1985,female,Syrien,8220,15,man-fre 08:00-12:00,heavy_lifting,walk,30,800,2,no,yes,,,,gellerup"
    import_text(db, actor, "citizens", f"{header}\n{row}\n")
    import_text(db, actor, "citizens", f"{header}\n{row.replace(',15,', ',20,').replace('heavy_lifting', 'cold')}\n")
    assert _updates(db, actor) == ["Maks. timer/uge: 15 → 20; Skal skånes for: tunge løft → kulde"]


def test_a_stale_citizen_form_still_names_the_fields_changed_even_after_a_placements_row_in_the_log(
    placement_world: Database, actor: Staff
) -> None:
    bo = Staff("S2", "Bo Job", "gellerup", "job_consultant")
    new = NewPlacement("C1", "E1", "internship", date(2026, 11, 2), 10)
    started = placement_service.create_placement(placement_world, actor, new)
    opened = citizen_service.get_citizen(placement_world, actor, "C1")
    citizen_service.save_citizen(placement_world, bo, CitizenChange(
        "C1", opened.name, opened.version, wishes="køkken", given=frozenset({"wishes"})))  # fmt: skip
    contact = placement_service.set_contact(placement_world, actor, started.placement_id, None,
                                            version=started.version)  # fmt: skip
    with pytest.raises(StaleRecordError) as refused:
        citizen_service.save_citizen(placement_world, actor, CitizenChange(
            "C1", opened.name, opened.version, experience="lager", given=frozenset({"experience"})))  # fmt: skip
    assert "Ønsker" in str(refused.value) and "Bo Job" in str(refused.value)
    assert contact.version == started.version + 1


def test_health_values_live_only_in_the_rows_detail_and_an_erasure_blanks_them_with_the_chain_intact(
    db: Database, actor: Staff
) -> None:
    first = citizen_service.save_citizen(db, actor, _change())
    citizen_service.save_citizen(db, actor, _change(version=first.version, spare_strains=("heavy_lifting",)))
    cur = db.cursor()
    [(audit_id,)] = cur.execute("SELECT audit_id FROM audit_log WHERE detail LIKE '%tunge løft%'").fetchall()
    # What a GDPR erasure does (outside the core, which only appends): blank the values, mark the row erased.
    cur.execute("UPDATE audit_log SET detail = '', erased_at = now() WHERE audit_id = ?", [audit_id])
    assert cur.execute("SELECT count(*) FROM audit_log WHERE detail LIKE '%tunge%'").fetchall() == [(0,)]
    assert verify_log(db, actor).broken_at is None
