"""The team's decision and the candidate list: typed inputs, names in messages, versions on moves."""

from __future__ import annotations

import pytest

from oto_match.domain import Citizen, Employer, JobOpening, Staff
from oto_match.errors import RuleError, StaleRecordError, ValidationError
from oto_match.services import candidates as candidate_service
from oto_match.services import matching as match_service
from oto_match.services.candidates import CandidateMove, CandidateNote, MatchDecision, Proposal
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import employers as employer_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage.db import Database
from oto_match.vocab import field_label

AMIRA = Citizen("C1", "Amira Hassan", postcode="8220", max_hours_week=12, transport_modes=("walk",),
                max_commute_min=30, danish_level=2, team_id="gellerup")  # fmt: skip
KARIM = Citizen("C2", "Karim Said", postcode="8220", max_hours_week=3, transport_modes=("walk",), team_id="gellerup")
BO = Staff("S2", "Bo Job", "gellerup", "job_consultant")


@pytest.fixture
def job(db: Database) -> Database:
    with db.transaction() as cur:
        employer_sql.save_employer(cur, Employer("E1", "Kantinen", "8220"))
        job_sql.save_job(cur, JobOpening("J1", "E1", "Køkkenmedhjælper", "small_job", hours_min_week=10))
        citizen_sql.save_citizen(cur, AMIRA)
        citizen_sql.save_citizen(cur, KARIM)
    return db


def _propose(db: Database, actor: Staff, *proposals: Proposal) -> str:
    ranking = match_service.rank_job(db, actor, "J1")
    return candidate_service.record_decision(db, actor, ranking, MatchDecision("J1", proposals, "passer til ønsker"))


def _version(db: Database, citizen_id: str = "C1") -> int:
    system = Staff("cli:test", "kommandolinje (test)", "", "system")
    return next(c.version for c, _ in candidate_service.candidate_list(db, system, "J1") if c.citizen_id == citizen_id)


def test_proposing_an_excluded_citizen_without_a_reason_names_her_by_name(job: Database, actor: Staff) -> None:
    with pytest.raises(ValidationError) as refused:
        _propose(job, actor, Proposal("C2"))
    assert str(refused.value) == (
        f"{field_label('override_reason')}: Karim Said er vurderet 'udelukket': skriv hvorfor I foreslår alligevel"
    )


def test_proposing_someone_already_on_the_list_names_them_and_writes_nothing(job: Database, actor: Staff) -> None:
    _propose(job, actor, Proposal("C1"))
    with pytest.raises(RuleError, match=r"^Amira Hassan står allerede på kandidatlisten"):
        _propose(job, actor, Proposal("C2", override_reason="kan gå ned i tid"), Proposal("C1"))
    assert len(candidate_service.candidate_list(job, actor, "J1")) == 1
    assert len(candidate_service.decisions(job, actor, "J1")) == 1


@pytest.mark.parametrize(
    "decision, field",
    [
        (MatchDecision("J1", (Proposal("C1"),), "x" * 5001), "reason"),
        (MatchDecision("J1", (Proposal("C1"),), "ok\u202e"), "reason"),
        (MatchDecision("J1", (Proposal("C1", override_reason="\x00"),), "ok"), "override_reason"),
        (MatchDecision("J1", (), "ok"), "citizens"),
    ],
)
def test_an_invalid_decision_names_the_field(job: Database, actor: Staff, decision: MatchDecision, field: str) -> None:
    ranking = match_service.rank_job(job, actor, "J1")
    with pytest.raises(ValidationError) as refused:
        candidate_service.record_decision(job, actor, ranking, decision)
    assert field in refused.value.fields() and field_label(field) in str(refused.value)


def test_two_people_moving_the_same_candidate_the_second_is_refused_with_who(job: Database, actor: Staff) -> None:
    _propose(job, actor, Proposal("C1"))
    seen = _version(job)
    candidate_service.move_candidate(job, actor, CandidateMove("J1", "C1", "citizen_agreed", version=seen))
    with pytest.raises(StaleRecordError, match="Amira Hassan på kandidatlisten er ændret af Anne Virksomhed"):
        candidate_service.move_candidate(job, BO, CandidateMove("J1", "C1", "declined", version=seen))
    ((current, events),) = candidate_service.candidate_list(job, actor, "J1")
    assert current.state == "citizen_agreed" and [e.state for e in events] == ["proposed", "citizen_agreed"]
    assert [e.staff_name for e in events] == ["Anne Virksomhed", "Anne Virksomhed"]


def test_a_move_the_flow_does_not_allow_names_the_citizen_and_both_states(job: Database, actor: Staff) -> None:
    _propose(job, actor, Proposal("C1"))
    with pytest.raises(RuleError, match="Amira Hassan kan ikke gå fra 'foreslået' til 'fik jobbet'"):
        candidate_service.move_candidate(job, actor, CandidateMove("J1", "C1", "got_job", version=_version(job)))


def test_a_move_note_and_a_candidate_note_have_length_limits(job: Database, actor: Staff) -> None:
    _propose(job, actor, Proposal("C1"))
    with pytest.raises(ValidationError, match=field_label("note")):
        move = CandidateMove("J1", "C1", "citizen_agreed", "x" * 2001, _version(job))
        candidate_service.move_candidate(job, actor, move)
    with pytest.raises(ValidationError, match=f"{field_label('text')}: noten er tom"):
        candidate_service.add_note(job, actor, CandidateNote("J1", "C1", "  "))
    with pytest.raises(ValidationError, match=field_label("text")):
        candidate_service.add_note(job, actor, CandidateNote("J1", "C1", "x" * 2001))
    candidate_service.add_note(job, actor, CandidateNote("J1", "C1", " Ringer hende fredag "))
    (note,) = candidate_service.notes(job, actor, "J1")
    assert (note.text, note.staff_name) == ("Ringer hende fredag", "Anne Virksomhed")
