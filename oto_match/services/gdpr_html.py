"""The citizen's copy as a Danish HTML page: codes shown as Danish labels, people by name, dates dd-mm-yyyy,
every value escaped."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from html import escape
from typing import TYPE_CHECKING

from oto_match import vocab
from oto_match.vocab import field_label

if TYPE_CHECKING:
    from oto_match.services.gdpr import CitizenExport


def _day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%d-%m-%Y %H:%M}"
    return f"{value:%d-%m-%Y}"


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("ja" if value else "nej")


def _labels(codes: Sequence[str], table: dict[str, str]) -> str:
    return ", ".join(table.get(c, c) for c in codes)


def _table(rows: Sequence[tuple[str, object]]) -> str:
    """Label/value rows (both escaped); empty values are left out."""
    cells = "".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in rows if v not in ("", None))
    return f"<table>{cells}</table>" if cells else "<p>Intet registreret.</p>"


def _list(items: Sequence[str]) -> str:
    """Items already escaped."""
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else "<p>Intet registreret.</p>"


def _profile(x: CitizenExport) -> str:
    c, f = x.citizen, field_label
    return _table([
        (f("name"), c.name), (f("citizen_id"), c.citizen_id), (f("birth_year"), c.birth_year or ""),
        (f("gender"), vocab.GENDERS.get(c.gender or "", c.gender or "")), (f("country_of_origin"), c.country_of_origin),
        (f("postcode"), c.postcode), (f("status"), vocab.CITIZEN_STATUSES.get(c.status, c.status)),
        (f("team_id"), vocab.team_name(c.team_id)),
        (f("partner1_id"), x.staff_names.get(c.partner1_id or "", c.partner1_id or "")),
        (f("partner2_id"), x.staff_names.get(c.partner2_id or "", c.partner2_id or "")),
        (f("wishes"), c.wishes), (f("experience"), c.experience), (f("not_interested"), c.not_interested),
        (f("own_words"), c.own_words), (f("consent_note"), c.consent_note), (f("consent_date"), _day(c.consent_date)),
    ])  # fmt: skip


def _hours(hours: float | None) -> str:
    """Hours as Danes write them: 37, 7,5 (never 37.0)."""
    return "" if hours is None else f"{hours:g}".replace(".", ",")


def _restrictions(x: CitizenExport) -> str:
    c, f = x.citizen, field_label
    level = vocab.DANISH_LEVELS.get(c.danish_level, "") if c.danish_level is not None else ""
    return _table([
        (f("spare_strains"), _labels(c.spare_strains, vocab.STRAINS)), (f("max_hours_week"), _hours(c.max_hours_week)),
        (f("availability"), c.availability), (f("transport_modes"), _labels(c.transport_modes, vocab.TRANSPORT_MODES)),
        (f("max_commute_min"), f"{c.max_commute_min} min" if c.max_commute_min is not None else ""),
        (f("max_walk_m"), f"{c.max_walk_m} m" if c.max_walk_m is not None else ""), (f("danish_level"), level),
        (f("driving_license"), _yes_no(c.driving_license)), (f("fleksjob_visitated"), _yes_no(c.fleksjob_visitated)),
    ])  # fmt: skip


def _placements(x: CitizenExport) -> str:
    parts = []
    for p in x.placements:
        head = (f"{escape(vocab.JOB_TYPES.get(p.placement_type, p.placement_type))} hos "
                f"{escape(x.employer_names.get(p.employer_id, p.employer_id))} fra {_day(p.start_date)}")  # fmt: skip
        rows = _table([
            (field_label("status"), vocab.PLACEMENT_STATUSES.get(p.status, p.status)),
            (field_label("hours_week"), _hours(p.hours_week)), (field_label("schedule"), p.schedule),
            (field_label("agreed_strains"), _labels(p.agreed_strains, vocab.STRAINS)),
            (field_label("citizen_expects"), p.citizen_expects), (field_label("success_citizen"), p.success_citizen),
            (field_label("end_date"), _day(p.end_date)),
            (field_label("end_reason"), vocab.END_REASONS.get(p.end_reason or "", p.end_reason or "")),
        ])  # fmt: skip
        follow = [
            escape(f"{_day(f.due_date)}: {vocab.FOLLOWUP_KINDS.get(f.kind, f.kind)} med "
                   f"{vocab.FOLLOWUP_WITH.get(f.with_whom, f.with_whom)} — "
                   f"{vocab.FOLLOWUP_STATUSES.get(f.status, f.status)}"
                   + (f" ({vocab.FOLLOWUP_OUTCOMES.get(f.outcome, f.outcome)})" if f.outcome else "")
                   + (f". {f.notes}" if f.notes else ""))
            for f in x.followups if f.placement_id == p.placement_id
        ]  # fmt: skip
        hours = [escape(f"Fra {_day(h.effective_date)}: {h.hours_week:g} timer/uge. {h.note}")
                 for h in x.hours if h.placement_id == p.placement_id]  # fmt: skip
        parts.append(f"<h3>{head}</h3>{rows}<h4>Opfølgninger</h4>{_list(follow)}<h4>Timer</h4>{_list(hours)}")
    return "".join(parts) or "<p>Intet registreret.</p>"


def _job(x: CitizenExport, job_id: str) -> str:
    title, employer = x.job_titles.get(job_id, (job_id, ""))
    return f"{title} hos {employer}" if employer else title


def _proposals(x: CitizenExport) -> str:
    items = [escape(f"{_job(x, c.job_id)}: foreslået {_day(c.proposed_at)} af "
                    f"{x.staff_names.get(c.proposed_by, c.proposed_by)} — "
                    f"{vocab.CANDIDATE_STATES.get(c.state, c.state)}. {c.reason}")
             for c in x.candidates]  # fmt: skip
    items += [escape(f"{_day(e.happened_at)} {_job(x, e.job_id)}: {vocab.CANDIDATE_STATES.get(e.state, e.state)} "
                     f"({e.staff_name}). {e.note}") for e in x.events]  # fmt: skip
    items += [escape(f"{_day(n.happened_at)} note om {_job(x, n.job_id)} ({n.staff_name}): {n.text}")
              for n in x.notes]  # fmt: skip
    items += [escape(f"{_day(d.decided_at)} teamet besluttede om {_job(x, d.job_id)} "
                     f"({x.staff_names.get(d.decided_by, d.decided_by)}): {d.reason}. Du stod som nr. "
                     f"{d.card.get('position', '?')}, vurdering: "
                     f"{vocab.VERDICTS.get(str(d.card.get('verdict')), str(d.card.get('verdict')))}")
              for d in x.decisions]  # fmt: skip
    return _list(items)


def _who(x: CitizenExport) -> str:
    items = [escape(f"{_day(r.at)}: {x.staff_names.get(r.staff_id or '', r.staff_id or 'systemet')} "
                    f"{vocab.ACTION_WORDS.get(r.action, 'anden handling')}. {r.detail}")
             for r in x.audit_rows]  # fmt: skip
    items += [escape(f"Midlertidig adgang til {x.staff_names.get(g.staff_id, g.staff_id)} fra {_day(g.starts_at)} "
                     f"til {_day(g.ends_at)}, givet af {x.staff_names.get(g.granted_by, g.granted_by)}: {g.reason}")
              for g in x.grants]  # fmt: skip
    return _list(items)


def render(x: CitizenExport) -> str:
    return (
        '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8">'
        f"<title>Dine oplysninger — {escape(x.citizen.name)}</title></head><body>"
        f"<h1>Det har vi registreret om dig</h1><p>Udtrukket {_day(x.exported_at)}.</p>"
        f"<h2>Dine oplysninger</h2>{_profile(x)}"
        f"<h2>Skånehensyn og rammer</h2>{_restrictions(x)}"
        f"<h2>Forløb og opfølgninger</h2>{_placements(x)}"
        f"<h2>Job du er blevet foreslået til</h2>{_proposals(x)}"
        f"<h2>Hvem har set eller ændret dine oplysninger</h2>{_who(x)}"
        "</body></html>"
    )
