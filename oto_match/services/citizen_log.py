"""The citizen's Adgangslog as people read it: who (by name), what (in Danish words) and the details with every
record number replaced by the name it stands for (a colleague, an employer, a job, one of the citizen's
placements), never a code."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from oto_match.access import Action
from oto_match.domain import Staff
from oto_match.services import guard
from oto_match.storage import audit
from oto_match.storage import gdpr as gdpr_sql
from oto_match.storage import placements as placement_sql
from oto_match.storage.db import Database
from oto_match.vocab import ACTION_WORDS

RECORD_NUMBER = re.compile(r"\b[A-Z]{1,2}\d{3,}\b")
# What a number stands for when its name is not known (or not for this reader), by its first letter.
UNKNOWN_RECORD = {"S": "en medarbejder", "E": "en virksomhed", "P": "et forløb", "J": "en jobåbning",
                  "C": "en anden borger"}  # fmt: skip


# Repeated looks by one person at the same thing within this window read as one line (with a count).
SAME_LOOK = timedelta(minutes=15)


@dataclass(frozen=True)
class LogLine:
    at: datetime
    who: str
    what: str
    detail: str
    times: int = 1  # how many log rows the line stands for (repeated looks, see `one_line_per_look`)
    first_at: datetime | None = None  # the earliest of them, when more than one


def one_line_per_look(lines: list[LogLine], window: timedelta = SAME_LOOK) -> list[LogLine]:
    """The Adgangslog as people read it: the log keeps every row (each rerun of a page that shows the citizen is a
    view), but the same person doing the same thing with the same details again within `window` of their last
    row reads as one line — "så (4 gange)" from the first to the last time — so real accesses are not drowned.
    `lines` are newest first, as the log is read; only neighbouring lines are joined."""
    out: list[LogLine] = []
    for line in lines:
        last = out[-1] if out else None
        if (last is not None and (last.who, last.what, last.detail) == (line.who, line.what, line.detail)
                and (last.first_at or last.at) - line.at <= window):  # fmt: skip
            out[-1] = replace(last, times=last.times + 1, first_at=line.at)
        else:
            out.append(line)
    return out


def named_detail(detail: str, names: dict[str, str]) -> str:
    """A log detail with each record number (S005, E00060, P000012, J000007, C000013) replaced by the words in
    `names`, or by what kind of record it is ('en virksomhed') when its name is unknown."""
    return RECORD_NUMBER.sub(lambda m: names.get(m.group(0), UNKNOWN_RECORD.get(m.group(0)[0], "en registrering")),
                             detail)  # fmt: skip


def action_words(action: str) -> str:
    """What was done, in Danish; an unknown code reads 'anden handling', never the code."""
    return ACTION_WORDS.get(action, "anden handling")


def readable_trail(db: Database, actor: Staff, citizen_id: str, limit: int = 200) -> list[LogLine]:
    """The newest `limit` rows about the citizen (refused unless the actor may read the citizen), in words."""
    with db.transaction() as cur:
        guard.require_citizen(cur, actor, Action.READ_CITIZEN, citizen_id)
        entries = audit.entries_for(cur, "citizen", citizen_id, limit)
        staff = gdpr_sql.staff_names(cur)
        placements = placement_sql.placements_of_citizen(cur, citizen_id)
        numbers = sorted({n for e in entries for n in RECORD_NUMBER.findall(e.detail)})
        employers = gdpr_sql.employer_names(cur, [n for n in numbers if n.startswith("E")]
                                            + [p.employer_id for p in placements])  # fmt: skip
        jobs = gdpr_sql.job_titles(cur, [n for n in numbers if n.startswith("J")])
    names = {**staff, **employers, **{j: f"{title} hos {employer}" for j, (title, employer) in jobs.items()},
             **{p.placement_id: f"hos {employers.get(p.employer_id, 'en virksomhed')}" for p in placements},
             citizen_id: "borgeren"}  # fmt: skip
    return one_line_per_look([
        LogLine(e.at, staff.get(e.staff_id or "", "systemet"), action_words(e.action), named_detail(e.detail, names))
        for e in entries
    ])
