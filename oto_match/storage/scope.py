"""What access needs to know about citizen data: which team a citizen belongs to, whose a placement is.

Only reads, in one query each however many ids (a list parameter).
"""

from __future__ import annotations

from collections.abc import Sequence

from oto_match.storage.rows import Cursor, execute


def citizen_teams(cur: Cursor, citizen_ids: Sequence[str]) -> dict[str, str | None]:
    """The team of each stored citizen among `citizen_ids` (None: no team); unknown ids are left out."""
    if not citizen_ids:
        return {}
    rows = execute(cur, "SELECT citizen_id, team_id FROM citizens WHERE list_contains(?, citizen_id)",
                   [list(dict.fromkeys(citizen_ids))]).fetchall()  # fmt: skip
    return {str(r[0]): r[1] for r in rows}


def placement_citizens(cur: Cursor, placement_ids: Sequence[str]) -> dict[str, str]:
    """The citizen of each stored placement among `placement_ids`."""
    if not placement_ids:
        return {}
    rows = execute(cur, "SELECT placement_id, citizen_id FROM placements WHERE list_contains(?, placement_id)",
                   [list(dict.fromkeys(placement_ids))]).fetchall()  # fmt: skip
    return {str(r[0]): str(r[1]) for r in rows}
