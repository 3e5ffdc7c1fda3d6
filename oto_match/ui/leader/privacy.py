"""Sletning (borgeres rettigheder) for a leader: erase one citizen's personal data, and erase the closed cases past
the retention period. Both are destructive: each first shows what would be erased, then asks for a confirmation
before the service acts (services/erasure.py decides who may and what is erased)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oto_match.access import User
from oto_match.services import citizen_lists, erasure
from oto_match.services.citizen_lists import CitizenWhere
from oto_match.services.erasure import ClosedCase, ErasurePlan, RetentionPeriod
from oto_match.ui import common, state
from oto_match.vocab import ERASURE_PARTS, team_name

PLAN = "privacy_erasure_plan"  # the ErasurePlan shown, waiting for the leader's confirmation
DRY_RUN = "privacy_retention_dry_run"  # (RetentionPeriod, list[ClosedCase]) shown, waiting for the confirmation
ERASE_FLASH, RETENTION_FLASH = "leader_erasure", "leader_retention"  # the messages shown where the leader acted
UNITS = {"years": "år", "months": "måneder", "days": "dage"}


def privacy(user: User) -> None:
    st.caption("En borger kan bede om at få sine oplysninger slettet. Borgeren bliver til 'Slettet borger', så "
               "forløb og statistik stadig passer; navn, kontaktoplysninger, noter og skånehensyn slettes, også i "
               "gemte rangeringer og i loggen. Sletningen kan ikke fortrydes.")  # fmt: skip
    st.subheader("Slet én borgers oplysninger")
    state.show_flash(ERASE_FLASH)
    erase_one(user)
    st.divider()
    st.subheader("Opbevaringsperiode: slet afsluttede sager")
    state.show_flash(RETENTION_FLASH)
    retention(user)


def _citizen_picker(user: User) -> str | None:
    search = st.text_input("Find borger (navn eller borger-id)", key="privacy_search")
    found = search.strip()
    choices = common.attempt(lambda: citizen_lists.citizen_choices(common.db(), user, CitizenWhere(search=found),
                                                                   keep=[found] if found else []))  # fmt: skip
    options = common.unique_labels(choices[0] if choices else {})
    return st.selectbox("Borger", list(options), format_func=common.label_of(options), index=None,
                        placeholder="Vælg borgeren (søg for andre)", key="privacy_citizen")  # fmt: skip


def erase_one(user: User) -> None:
    citizen_id = _citizen_picker(user)
    if st.button("Vis hvad der slettes", disabled=citizen_id is None) and citizen_id is not None:
        st.session_state[PLAN] = common.attempt(lambda: erasure.erasure_plan(common.db(), user, citizen_id))
    plan = st.session_state.get(PLAN)
    if not isinstance(plan, ErasurePlan) or plan.citizen_id != citizen_id:
        return
    lines = "\n".join(f"- {ERASURE_PARTS[part]}: {n}" for part, n in plan.counts.items() if n)
    st.warning(f"**Dette slettes om {plan.name}** (team {team_name(plan.team_id)}):\n\n{lines}\n\n"
               "Forløbenes datoer, timer og slutårsager bevares uden navn, så statistikken stadig passer.")  # fmt: skip
    sure = st.checkbox(f"Ja, slet {plan.name}s oplysninger. Jeg ved, at det ikke kan fortrydes.", key="privacy_sure")
    if not st.button("Slet borgerens oplysninger", type="primary", disabled=not sure, icon=":material/delete:"):
        return
    result = common.attempt(lambda: erasure.erase_citizen(common.db(), user, plan.citizen_id))
    if result is None:
        return
    _forget(PLAN, "privacy_sure", "privacy_citizen")
    state.flash(ERASE_FLASH, f"{result.former_name}s oplysninger er slettet. Borgeren står nu som 'Slettet borger'.")
    st.rerun()


def _period() -> RetentionPeriod:
    c1, c2 = st.columns(2)
    amount = int(c1.number_input("Opbevaringsperiode", min_value=1, max_value=100, value=5, step=1))
    unit = c2.selectbox("Enhed", list(UNITS), format_func=UNITS.__getitem__, key="privacy_unit")
    return RetentionPeriod(**{unit: amount})


def _cases_table(cases: list[ClosedCase]) -> pd.DataFrame:
    return pd.DataFrame({
        "Borger": [c.name for c in cases],
        "Team": [team_name(c.team_id) for c in cases],
        "Intet sket siden": [common.fmt_date(c.closed_since) for c in cases],
    })  # fmt: skip


def retention(user: User) -> None:
    st.caption("En sag er afsluttet, når borgeren er afsluttet i OTO, eller teamet har sluppet borgerens forløb og "
               "intet forløb følges mere. Den slettes, når intet er sket i sagen i længere end perioden.")  # fmt: skip
    period = _period()
    if st.button("Vis hvad der ville blive slettet"):
        cases = common.attempt(lambda: erasure.erase_closed_cases(common.db(), user, period, common.today(),
                                                                  dry_run=True))  # fmt: skip
        st.session_state[DRY_RUN] = None if cases is None else (period, cases)
    shown = st.session_state.get(DRY_RUN)
    if not shown or shown[0] != period:
        return
    cases = shown[1]
    if not cases:
        st.info(f"Ingen afsluttede sager er ældre end {period.words()}. Intet ville blive slettet.")
        return
    st.caption(f"{len(cases)} afsluttede sager, hvor intet er sket i mere end {period.words()}:")
    st.dataframe(_cases_table(cases), hide_index=True, width="stretch")
    sure = st.checkbox(f"Ja, slet de {len(cases)} sager. Jeg ved, at det ikke kan fortrydes.", key="privacy_all_sure")
    if not st.button(f"Slet {len(cases)} afsluttede sager", type="primary", disabled=not sure,
                     icon=":material/delete_sweep:"):  # fmt: skip
        return
    shown_ids = [c.citizen_id for c in cases]  # exactly the list the leader confirmed, nothing found since
    erased = common.attempt(lambda: erasure.erase_closed_cases(common.db(), user, period, common.today(),
                                                               only=shown_ids))  # fmt: skip
    if erased is None:
        return
    _forget(DRY_RUN, "privacy_all_sure")
    state.flash(RETENTION_FLASH, retention_message(len(erased), len(cases), period))
    st.rerun()


def retention_message(erased: int, shown: int, period: RetentionPeriod) -> str:
    """How many of the cases shown were erased; those where something happened since the list was shown are kept."""
    if erased == shown:
        return f"{erased} afsluttede sager ældre end {period.words()} er slettet."
    left = shown - erased
    kept = (f"{left} {'sag' if left == 1 else 'sager'} er ikke slettet, fordi der er sket noget, siden listen blev "
            f"vist (ikke længere afsluttet og ældre end {period.words()}).")  # fmt: skip
    return f"{erased} af de {shown} viste sager er slettet. {kept}"


def _forget(*keys: str) -> None:
    for key in keys:
        st.session_state.pop(key, None)
