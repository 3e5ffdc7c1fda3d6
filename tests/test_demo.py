from __future__ import annotations

from datetime import date

from oto_match import postcodes, stages, vocab
from oto_match.dedup import normalise_name
from oto_match.demo import generate
from oto_match.services.employers import employer_rows
from oto_match.storage.db import Database
from oto_match.validation import cvr_is_valid

TODAY = date(2026, 11, 24)


def test_the_same_seed_gives_the_same_data() -> None:
    assert generate(seed=7, today=TODAY) == generate(seed=7, today=TODAY)


def test_another_seed_gives_other_data() -> None:
    assert generate(seed=7, today=TODAY).citizens != generate(seed=8, today=TODAY).citizens


def test_the_demo_has_the_three_teams_each_with_a_leader_and_about_ten_staff() -> None:
    data = generate(today=TODAY)
    assert {t.name for t in data.teams} == {"OTO Gellerup", "OTO Viby", "OTO Tilst"}
    for team in data.teams:
        members = [s for s in data.staff if s.team_id == team.team_id]
        assert sum(s.is_leader for s in members) == 1 and 9 <= len(members) - 1 <= 12


def test_the_demo_is_realistic_in_size_and_range() -> None:
    data = generate(today=TODAY)
    assert len(data.employers) == 60 and len(data.citizens) == 75
    assert sum(j.status == "open" for j in data.jobs) == 15
    hours = [c.max_hours_week for c in data.citizens if c.max_hours_week]
    assert min(hours) <= 3 and max(hours) >= 30
    assert all(cvr_is_valid(e.cvr) for e in data.employers if e.cvr)
    assert {m for c in data.citizens for m in c.transport_modes} == set(vocab.TRANSPORT_MODES)
    assert data.placements and data.followups and data.visits


def test_the_demo_pipeline_has_employers_in_every_stage(demo_db: Database) -> None:
    rows = employer_rows(demo_db, TODAY)
    assert {r.stage for r in rows} == set(stages.STAGE_ORDER)


def test_the_generator_scales_and_stays_deterministic() -> None:
    big = generate(citizens=3000, employers=1500, today=TODAY)
    assert len(big.citizens) == 3000 and len(big.employers) == 1500
    assert len({c.citizen_id for c in big.citizens}) == 3000
    again = generate(citizens=3000, employers=1500, today=TODAY)
    assert again.citizens == big.citizens and again.employers == big.employers and again.followups == big.followups


def test_at_scale_workplaces_keep_distinct_names_and_spread_beyond_aarhus() -> None:
    employers = generate(citizens=0, employers=6000, today=TODAY).employers
    twice_registered = 1  # the demo's one deliberate duplicate has its own spelling
    assert len({e.name for e in employers}) == len(employers)
    assert len({normalise_name(e.name) for e in employers}) == len(employers) - twice_registered
    assert not any(e.name.endswith(")") and "socialøkonomisk" not in e.name for e in employers)
    assert sum(not "8000" <= e.postcode <= "8399" for e in employers) > len(employers) // 2
    assert all(postcodes.is_known(e.postcode) for e in employers)


def test_the_demo_shows_placements_at_every_point_of_the_cadence() -> None:
    data = generate(today=TODAY)
    done_per_placement = {p.placement_id: 0 for p in data.placements}
    for f in data.followups:
        if f.status == "done":
            done_per_placement[f.placement_id] += 1
    assert len(set(done_per_placement.values())) >= 4  # early, middle and late in the cadence
    assert any(f.status == "open" and f.due_date < TODAY for f in data.followups)  # overdue
    assert any(p.status == "ended" for p in data.placements)
    increases = {h[0] for h in data.hours if h[4] != "start"}
    assert increases  # an hours increase
