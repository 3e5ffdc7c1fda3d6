from __future__ import annotations

import json

import pytest

from oto_match.domain import Citizen, Employer, JobOpening, Staff
from oto_match.employer_inputs import VisitLog
from oto_match.errors import RuleError, ValidationError
from oto_match.services import candidates as candidate_service
from oto_match.services import citizens as citizen_service
from oto_match.services import matching as match_service
from oto_match.services import visits as visit_service
from oto_match.services.candidates import CandidateMove, MatchDecision, MoveResult, Proposal
from oto_match.services.citizen_change import CitizenChange
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import employers as employer_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage.db import Database
from oto_match.vocab import field_label
from tests.conftest import TODAY

FIT = Citizen("C1", "Passer", postcode="8220", max_hours_week=12, availability="man-fre 08:00-14:00",
              transport_modes=("walk",), max_commute_min=30, danish_level=2, driving_license=False,
              fleksjob_visitated=True, wishes="køkken", team_id="gellerup")  # fmt: skip
UNFIT = Citizen("C2", "Kan ikke", postcode="8220", max_hours_week=3, team_id="gellerup", transport_modes=("walk",),
                max_commute_min=30, danish_level=2)  # fmt: skip
OTHER_TEAM = Citizen("C3", "Viby", postcode="8260", max_hours_week=20, team_id="viby")
ENDED = Citizen("C4", "Afsluttet", status="ended", team_id="gellerup")


def _decide(proposals: list[Proposal], reason: str) -> MatchDecision:
    return MatchDecision("J1", tuple(proposals), reason)


def _move(db: Database, actor: Staff, state: str, note: str = "") -> MoveResult:
    """Move C1 on J1's list from the version the list shows now."""
    ((current, _events),) = candidate_service.candidate_list(db, actor, "J1")
    return candidate_service.move_candidate(db, actor, CandidateMove("J1", "C1", state, note, current.version))


@pytest.fixture
def setup(db: Database) -> Database:
    with db.transaction() as cur:
        employer_sql.save_employer(cur, Employer("E1", "Kantinen", "8220"))
        job_sql.save_job(cur, JobOpening("J1", "E1", "Køkkenmedhjælper", "small_job", hours_min_week=10))
        for c in (FIT, UNFIT, OTHER_TEAM, ENDED):
            citizen_sql.save_citizen(cur, c)
    return db


def test_every_active_citizen_is_ranked_and_the_view_is_logged(setup: Database, actor: Staff) -> None:
    ranking = match_service.rank_job(setup, actor, "J1")
    assert [c.citizen.citizen_id for c in ranking.candidates] == ["C1", "C3", "C2"]
    assert "C4" not in {c.citizen.citizen_id for c in ranking.candidates}
    team = match_service.rank_job(setup, actor, "J1", team_id="gellerup")
    assert {c.citizen.citizen_id for c in team.candidates} == {"C1", "C2"}
    logged = setup.cursor().execute("SELECT count(*) FROM audit_log WHERE entity = 'ranking'").fetchall()
    assert logged == [(2,)]
    seen = citizen_service.audit_trail(setup, actor, "C2")
    assert [e.detail for e in seen] == ["rangering til job J1"] * 2 and all(e.staff_id == "S1" for e in seen)


def test_proposing_an_excluded_citizen_needs_a_reason_and_is_logged_as_an_override(
    setup: Database, actor: Staff
) -> None:
    ranking = match_service.rank_job(setup, actor, "J1", team_id="gellerup")
    with pytest.raises(ValidationError, match=field_label("override_reason")):
        candidate_service.record_decision(setup, actor, ranking, _decide([Proposal("C2")], "vil gerne"))
    candidate_service.record_decision(
        setup, actor, ranking, _decide([Proposal("C2", override_reason="arbejdsgiver kan gå ned i tid")], "prøv")
    )
    cand = setup.cursor().execute("SELECT tool_verdict, override_reason FROM candidates").fetchall()
    assert cand == [("excluded", "arbejdsgiver kan gå ned i tid")]
    overrides = setup.cursor().execute("SELECT entity_id, detail FROM audit_log WHERE action = 'override'").fetchall()
    assert overrides[0][0] == "C2" and "arbejdsgiver kan gå ned i tid" in overrides[0][1]


def test_the_ranking_as_shown_is_stored_with_the_decision(setup: Database, actor: Staff) -> None:
    ranking = match_service.rank_job(setup, actor, "J1", team_id="gellerup")
    decision_id = candidate_service.record_decision(setup, actor, ranking, _decide([Proposal("C1")], "passer godt"))
    with setup.transaction() as cur:
        stored = job_sql.get_decision(cur, decision_id)
    assert stored is not None and stored.decided_by == actor.staff_id and stored.reason == "passer godt"
    shown = json.loads(stored.ranking_json)
    assert shown["rule_version"] == stored.rule_version
    assert [c["citizen_id"] for c in shown["candidates"]] == ["C1", "C2"]
    first = shown["candidates"][0]
    assert first["verdict"] == "eligible" and first["score"] == ranking.candidates[0].score
    assert sum(first["components"].values()) == pytest.approx(first["score"])
    assert first["checks"][0]["detail"].startswith("✓ 10 t/uge")
    assert first["inputs"]["max_hours_week"] == 12
    assert "birth_year" not in first["inputs"] and "name" not in first["inputs"]


def test_a_decision_needs_a_reason_and_a_citizen(setup: Database, actor: Staff) -> None:
    ranking = match_service.rank_job(setup, actor, "J1")
    with pytest.raises(ValidationError, match=field_label("reason")):
        candidate_service.record_decision(setup, actor, ranking, _decide([Proposal("C1")], " "))
    with pytest.raises(ValidationError, match=field_label("citizens")):
        candidate_service.record_decision(setup, actor, ranking, _decide([], "x"))


def test_the_candidate_flow_needs_the_citizens_yes_before_presenting(setup: Database, actor: Staff) -> None:
    ranking = match_service.rank_job(setup, actor, "J1")
    candidate_service.record_decision(setup, actor, ranking, _decide([Proposal("C1")], "passer"))
    with pytest.raises(RuleError, match="sagt ja"):
        _move(setup, actor, "presented")
    _move(setup, actor, "citizen_agreed")
    moved = _move(setup, actor, "presented")
    assert moved.warning == "I har ikke set arbejdspladsen endnu (ingen 2. kop te)."
    got = _move(setup, actor, "got_job", "starter mandag")
    assert got.offer_placement
    with pytest.raises(RuleError):
        _move(setup, actor, "interview")
    ((_cand, events),) = candidate_service.candidate_list(setup, actor, "J1")
    assert [e.state for e in events] == ["proposed", "citizen_agreed", "presented", "got_job"]
    assert all(e.staff_id == actor.staff_id for e in events)


def test_presenting_after_a_cup_2_visit_gives_no_warning(setup: Database, actor: Staff) -> None:
    visit_service.log_visit(setup, actor, VisitLog("E1", "S1", TODAY, "in_person_workplace", 2), TODAY)
    ranking = match_service.rank_job(setup, actor, "J1")
    candidate_service.record_decision(setup, actor, ranking, _decide([Proposal("C1")], "passer"))
    _move(setup, actor, "citizen_agreed")
    assert _move(setup, actor, "presented").warning is None


def test_the_reverse_question_lists_open_jobs_for_a_citizen(setup: Database, actor: Staff) -> None:
    results = match_service.jobs_for_citizen(setup, actor, "C1")
    assert [(job.job_id, cand.verdict) for job, _, cand in results] == [("J1", "eligible")]


def test_viewing_and_changing_a_citizen_is_logged(setup: Database, actor: Staff) -> None:
    opened = citizen_service.get_citizen(setup, actor, "C1")
    change = CitizenChange("C1", "Passer", version=opened.version, postcode="8220", max_hours_week=15,
                           status="unemployed", team_id="gellerup")  # fmt: skip
    citizen_service.save_citizen(setup, actor, change)
    trail = citizen_service.audit_trail(setup, actor, "C1")
    assert [e.action for e in trail][:2] == ["update", "view"]
    assert field_label("max_hours_week") in trail[0].detail and all(e.staff_id == "S1" for e in trail)
    copy = json.loads(citizen_service.data_copy(setup, actor, "C1"))
    assert copy["borger"]["citizen_id"] == "C1" and copy["adgangslog"]


def test_a_makkerpar_is_two_different_people(setup: Database, actor: Staff) -> None:
    with pytest.raises(ValidationError, match=field_label("partner2_id")):
        citizen_service.save_citizen(setup, actor, CitizenChange("C9", "X", partner1_id="S1", partner2_id="S1"))


def test_job_der_passer_explains_only_the_jobs_shown_with_the_same_verdicts_and_scores_for_all(
    demo_db: Database, actor: Staff
) -> None:
    with demo_db.transaction() as cur:
        citizen_id = citizen_sql.list_citizens(cur, active_only=True)[0].citizen_id
    every = match_service.jobs_for_citizen(demo_db, actor, citizen_id)
    fits = match_service.job_fits(demo_db, actor, citizen_id, explained=3)
    assert len(every) == len(fits) > 3
    assert [(job.job_id, c.verdict, c.score, c.parts) for job, _, c in every] == [
        (f.job.job_id, f.verdict, f.score, f.parts) for f in fits
    ]
    assert [f.explained for f in fits[:3]] == [c for _, _, c in every[:3]]
    assert all(f.explained is None for f in fits[3:])
