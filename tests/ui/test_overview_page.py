"""Overblik in AppTest: charts with Danish captions for a leader and a team member, the team and period filters,
the empty states, and a refused period."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from oto_match.ui import charts
from tests.ui.conftest import by_label, start

LEADER, MEMBER, EMPLOYER_ONLY = "S001", "S006", "S-demo-student"  # Morten (leader), Amira (Gellerup), Emma


def test_a_danish_chart_carries_the_danish_locale_and_danish_axis_formats() -> None:
    import altair as alt
    import pandas as pd

    frame = pd.DataFrame({"Måned": [date(2026, 1, 1)], "Andel": [0.65]})
    bars = alt.Chart(frame).mark_bar().encode(x=charts.time_x("Måned", "month", "Måned"),
                                              y=charts.percent_y("Andel", "Andel"))  # fmt: skip
    spec = charts.danish(bars + charts.reference_rule(0.65, "Andel")).to_dict()
    assert spec["config"]["locale"]["time"]["shortMonths"][9] == "okt"
    assert spec["config"]["locale"]["number"] == {**charts.DANISH_NUMBERS}
    assert spec["usermeta"]["embedOptions"]["renderer"] == "svg"
    x_axis = spec["layer"][0]["encoding"]["x"]["axis"]
    assert x_axis["format"] == "%b %Y" and charts.month_text(date(2026, 10, 5)) == "okt 2026"


def _texts(at: AppTest) -> str:
    parts = [*(c.value for c in at.caption), *(i.value for i in at.info), *(e.value for e in at.error),
             *(s.value for s in at.subheader)]  # fmt: skip
    return "\n".join(str(p) for p in parts)


def _cells(at: AppTest) -> set[str]:
    return {str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel()}


def test_a_leader_sees_every_chart_with_its_danish_caption(app_db: Path) -> None:
    at = start("overview", LEADER)
    team = by_label(at.selectbox, "Team")
    assert team.value is None and "Alle teams" in [team.format_func(o) for o in team.options]  # type: ignore[attr-defined]
    text = _texts(at)
    for heading in ("Virksomheder i '3 kopper te'", "Virksomhedskontakter pr. medarbejder",
                    "Jobåbninger pr. branche og jobtype", "Borgere i forløb", "Stadig i forløb efter …",
                    "Opfølgninger til tiden"):  # fmt: skip
        assert heading in text
    assert "Rød linje: IPS-referencen, 65 % stadig i job efter 13 uger" in text
    assert "britisk" not in text and "benchmark" not in text
    assert len(at.get("vega_lite_chart")) >= 6
    assert [m.label for m in at.metric][:2] == ["Aktive forløb", "Median timer ved start"]
    buttons = [getattr(b, "label", None) for b in at.get("download_button")]
    assert buttons == ["Hent som Excel"] * 7  # the numbers of every chart


def test_a_team_member_can_only_choose_their_own_team_and_sees_only_its_people(app_db: Path) -> None:
    at = start("overview", MEMBER)
    team = by_label(at.selectbox, "Team")
    assert team.options == ["Gellerup"]  # type: ignore[attr-defined]
    cells = _cells(at)
    assert "Gellerup" in cells and "Viby" not in cells and "Tilst" not in cells


def test_a_leader_filters_by_team(app_db: Path) -> None:
    at = start("overview", LEADER)
    by_label(at.selectbox, "Team").set_value("viby")  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any(str(c.value).startswith("Viby, ") for c in at.caption)
    cells = _cells(at)
    assert "Viby" in cells and "Gellerup" not in cells


def test_a_period_without_data_shows_what_to_do_next(app_db: Path) -> None:
    at = start("overview", LEADER)
    by_label(at.date_input, "Fra").set_value(date(2001, 1, 1))  # type: ignore[attr-defined]
    by_label(at.date_input, "Til").set_value(date(2001, 12, 31))  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    infos = [i.value for i in at.info]
    assert any("Log det første besøg" in i for i in infos)
    assert any("Opret en jobåbning" in i for i in infos)
    assert any("Opret et forløb under Fastholdelse" in i for i in infos)
    assert len(at.get("vega_lite_chart")) == 1  # only the statuses as they are today


def test_a_period_that_ends_before_it_starts_is_a_danish_message(app_db: Path) -> None:
    at = start("overview", LEADER)
    by_label(at.date_input, "Fra").set_value(date(2026, 6, 1))  # type: ignore[attr-defined]
    by_label(at.date_input, "Til").set_value(date(2026, 5, 1))  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any(e.value.startswith("Fra: ") for e in at.error)


def test_a_user_without_access_to_citizens_sees_the_employer_figures_only(app_db: Path) -> None:
    at = start("overview", EMPLOYER_ONLY)
    text = _texts(at)
    assert "Virksomheder i '3 kopper te'" in text and "Stadig i forløb efter …" not in text
    assert "Din rolle giver ikke adgang til borgeroplysninger" in text
