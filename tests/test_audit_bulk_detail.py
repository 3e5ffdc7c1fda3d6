"""A batch of audit rows is written column by column, and reads exactly as one written row by row: the same
details (field, old → new) and the same hash chain."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from oto_match import audit_detail
from oto_match.domain import Citizen
from oto_match.services import citizens as citizen_service
from oto_match.services.citizen_change import PROFILE_FIELDS
from oto_match.storage import audit
from oto_match.storage.db import Database

NEW = [
    Citizen("C1", "Åse  Hansen", birth_year=1980, gender="female", max_hours_week=37.0, spare_strains=("noise",),
            driving_license=False, fleksjob_visitated=True, status="unemployed", consent_date=date(2026, 1, 2)),
    Citizen("C2", "Bo", max_hours_week=12.5, danish_level=1, wishes="x" * 300, transport_modes=("walk", "bike")),
    Citizen("C3", "Bo", max_hours_week=12, danish_level=True, status="ended", own_words="line\nbreak"),
]  # fmt: skip


def _one_by_one(befores: list[Citizen | None], afters: list[Citizen]) -> list[str]:
    return [citizen_service.audit_detail(b, a, [f for f in PROFILE_FIELDS if getattr(b, f, None) != getattr(a, f)]
                                         if b is not None else citizen_service.changed_fields(None, a))
            for b, a in zip(befores, afters, strict=True)]  # fmt: skip


def test_new_citizens_in_a_batch_get_the_same_details_as_one_at_a_time() -> None:
    assert citizen_service.audit_details(None, NEW) == _one_by_one([None] * len(NEW), NEW)
    first = citizen_service.audit_details(None, NEW)[0]
    assert "Køn: – → " in first and "Status" not in first  # the default status is not something it sets


def test_changed_citizens_in_a_batch_get_the_same_details_as_one_at_a_time() -> None:
    afters = [replace(NEW[0], max_hours_week=37, driving_license=True),
              replace(NEW[1], wishes="", spare_strains=("a",)), NEW[2]]  # fmt: skip
    details = citizen_service.audit_details(NEW, afters)
    assert details == _one_by_one(list(NEW), afters)
    assert details[2] == "" and "→ ja" in details[0]


def test_describe_columns_reads_like_describe() -> None:
    fields = ["status", "max_hours_week", "spare_strains"]
    olds = [("unemployed", "unemployed"), (1, None), ((), ("noise",))]
    news = [("ended", "unemployed"), (True, 2.5), (("noise",), ("noise",))]
    got = audit_detail.describe_columns(fields, news, olds, audit_detail.CITIZEN_CODES)
    changes = [[(f, olds[k][i], news[k][i]) for k, f in enumerate(fields) if olds[k][i] != news[k][i]] for i in (0, 1)]
    expected = [audit_detail.describe(one, audit_detail.CITIZEN_CODES) for one in changes]
    assert got == expected


def test_a_batch_digests_each_row_as_values_digest_does() -> None:
    rows = [audit.NewRow("S1", "create", "citizen", "C1", 'Navn: – → Åse "x" \\ \n\u2028 \x01 😀'),
            audit.NewRow(None, "view", "ranking", "J1", "d", ("C1", 'C"2')),
            audit.NewRow("S1", "v", "c", "eø", "", ())]  # fmt: skip
    at, ids = datetime(2026, 1, 2, 3, 4, 5, 6), [5, 6, 99_999_999_999]
    expected = [audit.values_digest(i, at, r.staff_id, r.action, r.entity, r.entity_id, r.detail, r.citizen_ids)
                for i, r in zip(ids, rows, strict=True)]  # fmt: skip
    assert audit._digests(ids, at, rows) == expected


def test_a_batch_of_audit_rows_keeps_the_chain_whole(db: Database) -> None:
    with db.transaction() as cur:
        audit.log(cur, "S1", "view", "citizen", "C0")
        audit.log_each(cur, "S1", "create", "citizen", [(f"C{i}", f"Navn: – → Åse {i}") for i in range(1, 50)])
        audit.log_many(cur, None, "view", "citizen", ["C1", "C2"])
        check = audit.verify_chain(cur)
        details = [e.detail for e in audit.entries_for(cur, "citizen", "C7")]
    assert check.rows == 52 and check.broken_at is None
    assert details[-1] == "Navn: – → Åse 7"
