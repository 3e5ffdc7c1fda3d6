"""The audit log for leaders and the data-protection officer: search it, check the chain, and answer a citizen's
"who has looked at me, and why" in Danish that can be handed to the citizen.

Only leaders (and the system) may read the log (access.py); every search and report is itself logged.
Rows are kept at least six months; the core never changes or deletes one (storage/audit.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from oto_match import access
from oto_match.access import Action
from oto_match.domain import Staff
from oto_match.errors import NotFoundError
from oto_match.services.citizen_log import RECORD_NUMBER, named_detail
from oto_match.storage import accounts as accounts_sql
from oto_match.storage import audit
from oto_match.storage import citizens as citizens_sql
from oto_match.storage import gdpr as gdpr_sql
from oto_match.storage import staff as staff_sql
from oto_match.storage.audit import AuditRow, ChainCheck
from oto_match.storage.db import Database
from oto_match.storage.rows import Cursor
from oto_match.vocab import ACTION_TEXT, ENTITY_WORDS, OTHER_ACTION_TEXT, PROFESSIONS, RANKING_TEXT

DEFAULT_LIMIT = 500


@dataclass(frozen=True)
class AuditLine:
    """One log row with the staff member's name, as a search shows it."""

    audit_id: int
    at: datetime
    staff_id: str | None
    staff_name: str
    action: str
    entity: str
    entity_id: str
    detail: str
    citizen_ids: tuple[str, ...] | None = None
    what: str = ""  # the record in words ('borger Fatima Ali', 'virksomhed Netto Brabrand')
    detail_in_words: str = ""  # the detail with every record number replaced by its name


def _start(day: date | datetime | None) -> datetime | None:
    if day is None or isinstance(day, datetime):
        return day
    return datetime.combine(day, time())


def _end(day: date | datetime | None) -> datetime | None:
    """`until` as a date includes that whole day."""
    if day is None or isinstance(day, datetime):
        return day
    return datetime.combine(day + timedelta(days=1), time())


def _who(cur: Cursor) -> dict[str, Staff]:
    return {s.staff_id: s for s in staff_sql.list_staff(cur, active_only=False)}


def _name(staff_id: str | None, staff: dict[str, Staff], with_role: bool = False) -> str:
    if staff_id is None:
        return "ukendt"
    if staff_id in staff:
        s = staff[staff_id]
        if not with_role:
            return s.name
        return f"{s.name} ({PROFESSIONS.get(s.profession, s.profession)}, {access.team_label(s.team_id)})"
    if staff_id.startswith("cli:"):
        return f"systemet (kommandolinjen, {staff_id[4:]})"
    return "systemet (demodata)" if staff_id == "demo" else staff_id


def _staff_id_of(cur: Cursor, user: str) -> str:
    """A username, or a staff id as it stands in the log."""
    account = accounts_sql.get_account(cur, user.strip().lower())
    return account.staff_id if account else user.strip()


CITIZENS_FOUND_MAX = 20  # a name that fits more citizens than this asks the leader to write more of it


@dataclass(frozen=True)
class FoundCitizen:
    citizen_id: str
    name: str
    team: str


def find_citizens(db: Database, actor: Staff, text: str) -> list[FoundCitizen]:
    """For the leader's log search: the citizens (of every team) whose name contains `text`, or whose borger-id it
    is — at most CITIZENS_FOUND_MAX, by name. Leaders only; finding names is not a view of a record."""
    access.require(actor, Action.READ_AUDIT_LOG)
    if not text.strip():
        return []
    with db.transaction() as cur:
        found = gdpr_sql.citizens_named(cur, text.strip(), CITIZENS_FOUND_MAX + 1)
    return [FoundCitizen(i, name, access.team_label(team) if team else "uden team") for i, name, team in found]


def audit_entries(
    db: Database, actor: Staff, citizen_id: str | None = None, user: str | None = None,
    since: date | datetime | None = None, until: date | datetime | None = None, limit: int = DEFAULT_LIMIT,
    citizen_ids: Sequence[str] = (),
) -> list[AuditLine]:  # fmt: skip
    """Search the log, newest first: rows about one citizen or any of `citizen_ids` (their record, or a ranking
    that showed them), by one user (username or staff id), from `since` through `until` (a date includes the whole
    day). Leaders only."""
    access.require(actor, Action.READ_AUDIT_LOG)
    citizen_id = citizen_id or (citizen_ids[0] if len(citizen_ids) == 1 else None)
    citizen_ids = () if citizen_id and len(citizen_ids) <= 1 else citizen_ids
    with db.transaction() as cur:
        staff_id = _staff_id_of(cur, user) if user else None
        rows = audit.search(cur, citizen_id, staff_id, _start(since), _end(until), limit, citizen_ids)
        staff = _who(cur)
        among = " ".join(citizen_ids)
        filters = ", ".join(f"{k} {v}" for k, v in (("borgere", among), ("bruger", user), ("fra", since),
                                                     ("til", until)) if v)  # fmt: skip
        entity, entity_id = ("citizen", citizen_id) if citizen_id else ("audit_log", "*")
        audit.log(cur, actor.staff_id, "audit_search", entity, entity_id, filters)
        names = _record_names(cur, rows)
    return [_line(r, staff, names) for r in rows]


def _record_names(cur: Cursor, rows: list[AuditRow]) -> dict[str, str]:
    """The name of every record the rows mention (as their subject or in their detail), for a leader's reading:
    staff, citizens, employers, jobs ('Kok hos Café Sammen') and placements ('forløb hos Netto')."""
    numbers = {n for r in rows for n in (r.entity_id, *RECORD_NUMBER.findall(r.detail)) if n}
    by_letter = {letter: sorted(n for n in numbers if n.startswith(letter)) for letter in "CEJP"}
    jobs = gdpr_sql.job_titles(cur, by_letter["J"])
    return {**gdpr_sql.staff_names(cur), **gdpr_sql.citizen_names(cur, by_letter["C"]),
            **gdpr_sql.employer_names(cur, by_letter["E"]),
            **{j: f"{title} hos {employer}" for j, (title, employer) in jobs.items()},
            **{p: f"forløb hos {e}" for p, e in gdpr_sql.placement_places(cur, by_letter["P"]).items()}}  # fmt: skip


def _line(r: AuditRow, staff: dict[str, Staff], names: dict[str, str] | None = None) -> AuditLine:
    names = names or {}
    subject = "" if r.entity_id in ("", "*") else names.get(r.entity_id, named_detail(r.entity_id, names))
    what = f"{ENTITY_WORDS.get(r.entity, 'registrering')} {subject}".strip()
    return AuditLine(r.audit_id, r.at, r.staff_id, _name(r.staff_id, staff), r.action, r.entity, r.entity_id,
                     r.detail, r.citizen_ids, what, named_detail(r.detail, names))  # fmt: skip


def verify_log(db: Database, actor: Staff) -> ChainCheck:
    """Check the whole chain (leaders and the system): the number of rows and the first broken one, if any."""
    access.require(actor, Action.READ_AUDIT_LOG)
    with db.transaction() as cur:
        return audit.verify_chain(cur)


def verify_message(check: ChainCheck) -> str:
    if check.broken_at is None:
        return f"Loggen er hel ({check.rows} rækker)."
    return f"Loggen er brudt ved række {check.broken_at}: {check.problem}."


@dataclass(frozen=True)
class CitizenReport:
    """'Who has looked at me, and why': a text that can be handed to the citizen."""

    citizen_id: str
    citizen_name: str
    entries: int
    lines: list[str]

    def text(self) -> str:
        return "\n".join(self.lines)


def _sentence(r: AuditRow, staff: dict[str, Staff]) -> str:
    what = RANKING_TEXT if r.entity == "ranking" else ACTION_TEXT.get(r.action, OTHER_ACTION_TEXT)
    why = f" — {r.detail}" if r.detail and r.action not in ("audit_search", "audit_report") else ""
    return f"{r.at:%d-%m-%Y kl. %H:%M}  {_name(r.staff_id, staff, with_role=True)} {what}{why}"


def citizen_report(
    db: Database, actor: Staff, citizen_id: str, since: date | datetime | None = None,
    until: date | datetime | None = None, now: datetime | None = None, limit: int = 5000,
) -> CitizenReport:  # fmt: skip
    """Every logged view and change of one citizen's data, oldest first, with who (name, profession, team), what
    and why (the recorded occasion, a grant's reason). Leaders only; the report itself is logged."""
    access.require(actor, Action.READ_AUDIT_LOG)
    at = now or datetime.now()
    with db.transaction() as cur:
        citizen = citizens_sql.get_citizen(cur, citizen_id)
        if citizen is None:
            raise NotFoundError(f"Borgeren {citizen_id} findes ikke")
        rows = audit.search(cur, citizen_id, None, _start(since), _end(until), limit)
        staff = _who(cur)
        audit.log(cur, actor.staff_id, "audit_report", "citizen", citizen_id, "hvem har set mine oplysninger", at=at)
    period = f"{since:%d-%m-%Y}" if since else "fra første registrering"
    period += f" til {until:%d-%m-%Y}" if until else " til i dag"
    lines = [
        "Hvem har set eller ændret dine oplysninger i OTO Match",
        f"Borger: {citizen.name} ({citizen.citizen_id}), {access.team_label(citizen.team_id)}",
        f"Periode: {period}. Udskrevet {at:%d-%m-%Y kl. %H:%M} af {_name(actor.staff_id, staff)}.",
        "",
        *[_sentence(r, staff) for r in reversed(rows)],
    ]
    if not rows:
        lines.append("Ingen har set eller ændret dine oplysninger i perioden.")
    lines += ["", "Loggen gemmes i mindst seks måneder. Har du spørgsmål, så kontakt lederen af dit team."]
    return CitizenReport(citizen.citizen_id, citizen.name, len(rows), lines)
