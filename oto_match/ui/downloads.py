"""Every list as an Excel file: one "Hent som Excel" button under the list, the whole list (every page, the same
filters) with Danish headers, dates as dates and numbers as numbers. The file is built when the button is clicked
(Streamlit's deferred download), so a long list costs nothing until someone wants it; a list with citizens in it
is read through services/list_exports, which logs the export per citizen."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import streamlit as st

from oto_match import spreadsheets, vocab
from oto_match.domain import Staff
from oto_match.errors import OtoMatchError
from oto_match.services import employers as employer_service
from oto_match.services import jobs as job_service
from oto_match.services import list_exports
from oto_match.services.employers import EmployerFilter
from oto_match.storage.placement_lists import FollowUpWhere
from oto_match.ui import boundary, common

LABEL = "Hent som Excel"
Rows = Iterable[Sequence[object]]
log = logging.getLogger("oto_match")


def xlsx_download(label: str, headers: list[str], rows: Rows | Callable[[], Rows], file_name: str, key: str) -> None:
    """One download button for a list as .xlsx; `rows` may be a function, called only when the button is clicked."""
    sheet = Path(file_name).stem.replace("-", " ").capitalize()

    def data() -> bytes:
        return spreadsheets.write_xlsx(headers, rows() if callable(rows) else rows, sheet)

    st.download_button(label, guarded(data), file_name=file_name, mime=spreadsheets.XLSX_MIME, key=key,
                       on_click="ignore", icon=":material/download:")  # fmt: skip


def guarded(build: Callable[[], bytes]) -> Callable[[], bytes]:
    """The file builder with the pages' error boundary (ui/boundary.py): Streamlit calls it after the page has
    run, outside run_guarded. A project error gives a workbook holding its Danish message; anything else is
    logged with a reference, and the workbook says 'Der skete en fejl (reference …)'."""

    def data() -> bytes:
        try:
            return build()
        except OtoMatchError as e:
            return error_workbook(e.message)
        except Exception:
            ref = boundary.reference()
            log.exception("Uventet fejl i en Excel-fil, reference %s", ref)
            return error_workbook(f"Der skete en fejl (reference {ref}) — prøv igen eller kontakt en leder.")

    return data


def error_workbook(message: str) -> bytes:
    """A workbook of one sheet, 'Fejl', that says why the list could not be made."""
    return spreadsheets.write_xlsx(["Listen kunne ikke hentes"], [[message]], "Fejl")


def _yes(flag: bool) -> str:
    return "Ja" if flag else "Nej"


def employers(f: EmployerFilter, key: str = "employers.xlsx") -> None:
    """The employer register with its filters: master data, stage, contact and owner."""
    db, today = common.db(), common.today()
    headers = ["Virksomhed", "CVR-nummer", "P-nummer", "Adresse", "Postnummer", "Branche", "Fase",
               "Sidste kontakt", "Kold", "Næste skridt", "Dato for næste skridt", "Næste skridt overskredet", "Ejer",
               "Ejerens team", "Åbne job"]  # fmt: skip

    def rows() -> Rows:
        for r in employer_service.register(db, f, today, 1, list_exports.EVERY_ROW).rows:
            e = r.employer
            yield [e.name, e.cvr, e.pnumber, e.address, e.postcode, e.industry, vocab.EMPLOYER_STAGES[r.stage],
                   r.last_contact, _yes(r.cold), r.next_step, r.next_step_date, _yes(r.overdue), r.owner_name or None,
                   vocab.team_name(r.owner_team, "") or None, r.open_jobs]  # fmt: skip

    xlsx_download(LABEL, headers, rows, "virksomheder.xlsx", key)


def jobs(status: str | None, search: str, key: str = "jobs.xlsx") -> None:
    """The job openings the search finds (open ones, or all)."""
    from oto_match.ui.jobs.table import strains_summary  # the table's words for strains (it imports this module)

    db, today = common.db(), common.today()
    headers = ["Job", "Virksomhed", "Jobtype", "Timer/uge fra", "Timer/uge til", "Arbejdstider", "Belastninger",
               "Antal stillinger", "Startdato", "Svarfrist", "Svarfrist overskredet", "Status"]  # fmt: skip

    def rows() -> Rows:
        for x in job_service.job_page(db, status, search, 1, list_exports.EVERY_ROW).rows:
            j = x.job
            yield [j.title, x.employer_name, vocab.JOB_TYPES.get(j.job_type, j.job_type), j.hours_min_week,
                   j.hours_max_week, j.schedule or "aftales", strains_summary(j), j.positions, j.start_date,
                   j.deadline, _yes(j.deadline_passed(today)), vocab.JOB_STATUSES.get(j.status, j.status)]  # fmt: skip

    xlsx_download(LABEL, headers, rows, "jobaabninger.xlsx", key)


def candidates(actor: Staff, job_id: str, key: str = "candidates.xlsx") -> None:
    """A job's candidate list: who, where on the list, why proposed, and when it last moved."""
    db = common.db()
    headers = ["Borger", "Trin", "Foreslået", "Foreslået af", "Begrundelse", "Foreslået trods 'udelukket'",
               "Borgeren har sagt ja", "Senest ændret", "Ændret af", "Historik"]  # fmt: skip

    def rows() -> Rows:
        for cand, events in list_exports.candidates_for_download(db, actor, job_id):
            history = " → ".join(f"{vocab.CANDIDATE_STATES.get(e.state, e.state)} ({e.happened_at:%d-%m-%Y}, "
                                 f"{e.staff_name})" for e in events)  # fmt: skip
            yield [cand.citizen_name, vocab.CANDIDATE_STATES.get(cand.state, cand.state), cand.proposed_at,
                   events[0].staff_name if events else None, cand.reason, cand.override_reason,
                   _yes(cand.citizen_agreed), cand.changed_at, cand.changed_by_name or None, history]  # fmt: skip

    xlsx_download(LABEL, headers, rows, "kandidater.xlsx", key)


def followups(actor: Staff, where: FollowUpWhere, file_name: str, key: str) -> None:
    """Open follow-ups (the list's filter), overdue first."""
    db, today = common.db(), common.today()
    headers = ["Frist", "Forfalden", "Borger", "Virksomhed", "Type", "Med"]

    def rows() -> Rows:
        for f in list_exports.followups_for_download(db, actor, today, where):
            kind = vocab.FOLLOWUP_CALENDAR_TITLES.get(f.kind, f.kind)
            yield [f.due_date, _yes(f.overdue), f.citizen_name, f.employer_name, kind,
                   vocab.FOLLOWUP_WITH.get(f.with_whom, f.with_whom)]  # fmt: skip

    xlsx_download(LABEL, headers, rows, file_name, key)


def table(headers: list[str], rows: Rows, file_name: str, key: str) -> None:
    """Any table already on the page (e.g. an overview's) as it is: its rows as given (dates as `date`)."""
    xlsx_download(LABEL, headers, [list(r) for r in rows], file_name, key)
