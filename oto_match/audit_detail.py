"""How a change is written in the audit log: field, old value → new value, in Danish.

The rule, in plain words:
- Each changed field is written as "Label: old → new"; fields are separated by "; ", in the order given.
  Example: "Status: ledig → i praktik; Skal skånes for: – → tunge løft".
- The label is the field's Danish label (vocab.field_label).
- A code is shown by its Danish label where a vocabulary exists for that field of that kind of record
  (a citizen's "status" is a citizen status, a job's "status" a job status); a list is its labels joined
  by ", "; a date is dd-mm-yyyy; yes/no is "ja"/"nej"; a whole number of hours has no decimals, others a
  decimal comma; nothing (empty text, no value, an empty list) is "–".
- Each value is cut at VALUE_MAX characters (ending in "…") and put on one line, so a row stays bounded.
- Health-related values (a citizen's restrictions, a placement's agreed strains) ARE written: a
  data-protection officer must see what changed. They live only in the row's `detail`, which a GDPR
  erasure may blank (marking the row's `erased_at`; the hash chain still verifies, see storage/audit.py).

`changed_fields` reads the changed fields back from such a text (for "who changed what since you opened the
form"); it also reads the older form of the log, a list of labels separated by ", ".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from oto_match import vocab

VALUE_MAX = 200  # characters of one value in the log
EMPTY = "–"
ARROW = " → "
FIELD_SEPARATOR = "; "
LABEL_END = ": "
PLACEMENT_PREFIX = "forløb "  # a placement's changes are logged on its citizen, starting with this
_OLD_SEPARATOR = ", "  # the log before values were written: only the labels, comma separated

Labels = Mapping[Any, str]
NO_CODES: Mapping[str, Labels] = MappingProxyType({})

# The vocabulary of each coded field, per kind of record.
CITIZEN_CODES: dict[str, Labels] = {
    "status": vocab.CITIZEN_STATUSES, "spare_strains": vocab.STRAINS, "transport_modes": vocab.TRANSPORT_MODES,
    "danish_level": vocab.DANISH_LEVELS, "gender": vocab.GENDERS,
}  # fmt: skip
EMPLOYER_CODES: dict[str, Labels] = {"accommodations": vocab.STRAINS}
JOB_CODES: dict[str, Labels] = {
    "job_type": vocab.JOB_TYPES, "status": vocab.JOB_STATUSES, "strains": vocab.STRAINS,
    "removable_strains": vocab.STRAINS, "danish_level_required": vocab.DANISH_LEVELS,
}  # fmt: skip
PLACEMENT_CODES: dict[str, Labels] = {
    "placement_type": vocab.JOB_TYPES, "status": vocab.PLACEMENT_STATUSES, "end_reason": vocab.END_REASONS,
    "agreed_strains": vocab.STRAINS, "benefit_group": vocab.BENEFIT_GROUPS,
}  # fmt: skip


def _cut(text: str) -> str:
    """One line of at most VALUE_MAX characters."""
    text = " ".join(text.split())
    return text if len(text) <= VALUE_MAX else text[: VALUE_MAX - 1] + "…"


def _one(value: Any, labels: Labels | None) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}".replace(".", ",")
    if labels is not None and value in labels:
        return labels[value]
    return str(value)


def value_text(value: Any, labels: Labels | None = None) -> str:
    """A value as the log shows it (see the module's rule)."""
    if value is None or value == "" or value == () or value == []:
        return EMPTY
    if isinstance(value, (tuple, list, frozenset, set)):
        return _cut(", ".join(_one(v, labels) for v in value))
    return _cut(_one(value, labels))


_NOTHING = object()  # equal to no value
_MEMO: dict[tuple[int, type, Any], str] = {}  # an import repeats the same values (codes, lists, numbers) many times
_MEMO_MAX = 65_536


def _text(field: str, value: Any, codes: Mapping[str, Labels]) -> str:
    labels = codes.get(field)
    try:
        key = (id(labels), type(value), value)  # 1 == 1.0 == True, but they read differently
        found = _MEMO.get(key)
    except TypeError:  # not hashable
        return value_text(value, labels)
    if found is None:
        if len(_MEMO) >= _MEMO_MAX:
            _MEMO.clear()
        found = _MEMO[key] = value_text(value, labels)
    return found


def change_text(field: str, old: Any, new: Any, codes: Mapping[str, Labels] = NO_CODES) -> str:
    """One field's change: "Label: old → new"."""
    return f"{vocab.field_label(field)}{LABEL_END}{_text(field, old, codes)}{ARROW}{_text(field, new, codes)}"


def describe(changes: Iterable[tuple[str, Any, Any]], codes: Mapping[str, Labels] = NO_CODES) -> str:
    """Every (field, old, new) as one audit detail, in the order given."""
    return FIELD_SEPARATOR.join(change_text(field, old, new, codes) for field, old, new in changes)


def _column_texts(
    field: str, values: Sequence[Any], codes: Mapping[str, Labels], start: str = "", skip: Any = _NOTHING
) -> list[str | None]:  # fmt: skip
    """start + value_text of each value of one column (None for a value equal to `skip`), each distinct value
    worked out once."""
    labels = codes.get(field)
    seen: dict[Any, str] = {}
    texts: list[str | None] = []
    for value in values:
        if value == skip:
            texts.append(None)
            continue
        if type(value) is str and value and (labels is None or value not in labels):  # most cells: plain text
            text = seen.get(value)
            if text is None:
                text = seen[value] = start + _cut(value)
            texts.append(text)
            continue
        key = (type(value), value)  # 1 == 1.0 == True, but they read differently
        try:
            text = seen.get(key)
            if text is None:
                text = seen[key] = start + value_text(value, labels)
        except TypeError:  # not hashable
            text = start + value_text(value, labels)
        texts.append(text)
    return texts


def describe_columns(
    fields: Sequence[str], news: Sequence[Sequence[Any]], olds: Sequence[Sequence[Any]] | None = None,
    codes: Mapping[str, Labels] = NO_CODES, unchanged: Sequence[Any] = (),
) -> list[str]:  # fmt: skip
    """`describe` of many records at once, worked out column by column: news[k] (olds[k]) holds field k's new
    (old) value of each record; a field is written where its old and new values differ. `olds` None: new
    records, compared with `unchanged[k]` (a new record's field equal to it is left out) and written with the
    old value "–". Gives each record's detail, in the order of the records; the same text `describe` writes."""
    count = len(news[0]) if fields else 0
    pieces: list[list[str | None]] = []
    for k, field in enumerate(fields):
        prefix, column = f"{vocab.field_label(field)}{LABEL_END}", news[k]
        if olds is None:  # one piece per distinct new value
            pieces.append(_column_texts(field, column, codes, f"{prefix}{EMPTY}{ARROW}", unchanged[k]))
            continue
        at = [i for i, (old, new) in enumerate(zip(olds[k], column, strict=True)) if old != new]
        olds_at = _column_texts(field, [olds[k][i] for i in at], codes)
        news_at = _column_texts(field, [column[i] for i in at], codes)
        written: list[str | None] = [None] * count
        for i, old_text, new_text in zip(at, olds_at, news_at, strict=True):
            written[i] = f"{prefix}{old_text}{ARROW}{new_text}"
        pieces.append(written)
    return [FIELD_SEPARATOR.join(filter(None, parts)) for parts in zip(*pieces, strict=True)] if pieces else []


def _unset(value: Any) -> bool:
    """What a new record leaves unset: nothing, empty text, an empty list, no (a new record's "nej" says nothing)."""
    return value is None or value is False or value == "" or value == ()


def describe_records(before: Any, after: Any, fields: Sequence[str], codes: Mapping[str, Labels] = NO_CODES) -> str:
    """The detail of the fields that differ between two records (`before` None: a new record, compared with
    nothing; only the fields it sets are written)."""
    rows = []
    for field in fields:
        new = getattr(after, field)
        old = None if before is None else getattr(before, field)
        if old != new and not (before is None and _unset(new)):
            rows.append((field, old, new))
    return describe(rows, codes)


def about_placement(placement_id: str, text: str = "") -> str:
    """A placement's row in its citizen's log: "forløb P1: <changes>" (or only "forløb P1")."""
    return f"{PLACEMENT_PREFIX}{placement_id}: {text}" if text else f"{PLACEMENT_PREFIX}{placement_id}"


def is_about_placement(detail: str) -> bool:
    """Whether a row in a citizen's log is about one of their placements, not their profile."""
    return detail.startswith(PLACEMENT_PREFIX)


def changed_fields(detail: str, fields: Iterable[str]) -> list[str]:
    """The codes among `fields` whose change `detail` records, in the order written."""
    by_label = {vocab.field_label(name): name for name in fields}
    if ARROW not in detail:  # the older form: labels only
        return [by_label[label] for label in detail.split(_OLD_SEPARATOR) if label in by_label]
    found = []
    for part in detail.split(FIELD_SEPARATOR):
        label, sep, _ = part.partition(LABEL_END)
        if sep and label in by_label:
            found.append(by_label[label])
    return list(dict.fromkeys(found))
