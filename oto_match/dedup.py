"""Likely duplicate employers: name normalisation and duplicate candidates (pure).

An employer is a workplace (P-enhed). The rules, in this order (see `compare`):

| the two records                                              | suggested? | why                      |
|--------------------------------------------------------------|------------|--------------------------|
| have the same P-number (whatever their names and addresses)  | yes        | samme P-nummer           |
| both have P-numbers, and they differ                         | no         | two workplaces           |
| have the same CVR and the same address (and postcode)        | yes        | samme CVR og adresse     |
| have the same CVR, both addresses known, addresses differ    | no         | branches of one company  |
| have names at least `NAME_CUTOFF` alike in the same postcode | yes        | lignende navn            |
| anything else                                                | no         |                          |

So a chain's branches on different streets ("Føtex Aabenraa Bredgade", "Føtex Aabenraa Havnegade",
one CVR) are siblings, not duplicates, however alike their names; the same chain twice at one
address is suggested. Nothing is ever merged automatically: these are suggestions for a person to check.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

# Legal-form words removed before names are compared.
LEGAL_FORMS = ("aps", "a/s", "i/s", "ivs", "k/s", "p/s", "amba", "a.m.b.a.", "smba", "fmba")
# Similarity (0-100, rapidfuzz ratio of normalised names) from which a name counts as alike.
NAME_CUTOFF = 90.0
# A pair's strength (strongest first on the page): the register itself says it is one workplace.
SAME_WORKPLACE_SCORE = 100.0
# Reason codes (for filtering) and their Danish text.
REASONS = {"pnumber": "samme P-nummer", "address": "samme CVR og adresse", "name": "lignende navn"}
SCAN_ROWS = 512  # names compared at a time in the on-demand scan (memory: SCAN_ROWS × names in a postcode)

_LEGAL = re.compile(r"(?<![\w/])(" + "|".join(re.escape(f) for f in LEGAL_FORMS) + r")(?![\w/])")
_NON_WORD = re.compile(r"[^\w]+")


def normalise_name(name: str) -> str:
    """Lower case, legal forms (ApS, A/S, I/S, IVS …) removed, accents and punctuation folded.

    "Føtex Gellerup A/S" and "føtex gellerup" both become "foetex gellerup".
    """
    text = name.lower().strip()
    text = _LEGAL.sub(" ", text).replace("&", " og ")
    text = text.replace("ø", "oe").replace("æ", "ae").replace("aa", "å")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", text).split())


@dataclass(frozen=True)
class EmployerKey:
    """What duplicate detection looks at."""

    employer_id: str
    name: str
    postcode: str
    pnumber: str | None = None
    cvr: str | None = None
    address: str = ""


@dataclass(frozen=True)
class DuplicateSuggestion:
    a: str
    b: str
    score: float
    reasons: tuple[str, ...]  # Danish, as shown
    codes: tuple[str, ...] = ()  # keys of REASONS, for filtering


def normalise_address(address: str) -> str:
    """Lower case, accents and punctuation folded: "Vestergade 12, st." and "vestergade 12 st" match."""
    return normalise_name(address) if address.strip() else ""


def different_workplaces(x: EmployerKey, y: EmployerKey) -> bool:
    """Both have P-numbers and they differ: two workplaces, never duplicates."""
    return bool(x.pnumber and y.pnumber and x.pnumber != y.pnumber)


def same_place(x: EmployerKey, y: EmployerKey) -> bool:
    """Same CVR at the same address in the same postcode (both addresses known)."""
    ax = normalise_address(x.address)
    return bool(x.cvr and x.cvr == y.cvr and ax and x.postcode == y.postcode and ax == normalise_address(y.address))


def branches(x: EmployerKey, y: EmployerKey) -> bool:
    """Same CVR, both addresses known and different: two branches of one company, not duplicates."""
    ax, ay = normalise_address(x.address), normalise_address(y.address)
    return bool(x.cvr and x.cvr == y.cvr and ax and ay and (ax, x.postcode) != (ay, y.postcode))


def _codes(x: EmployerKey, y: EmployerKey, name_alike: bool) -> tuple[str, ...]:
    """Why a pair is suggested, strongest reason first."""
    checks = {
        "pnumber": bool(x.pnumber and x.pnumber == y.pnumber),
        "address": same_place(x, y),
        "name": name_alike and x.postcode == y.postcode,
    }
    return tuple(code for code, holds in checks.items() if holds)


def reason_texts(codes: tuple[str, ...] | list[str], same_cvr: bool) -> tuple[str, ...]:
    """Why a pair is suggested, in plain Danish, each reason once and no scores: the reasons of `codes`, and
    'samme CVR' when the CVR is shared but not already said ('samme CVR og adresse')."""
    texts = {"name": "lignende navn i samme postnummer"}
    reasons = tuple(texts.get(c, REASONS[c]) for c in codes)
    return reasons + (("samme CVR",) if same_cvr and "address" not in codes else ())


def compare(x: EmployerKey, y: EmployerKey) -> DuplicateSuggestion | None:
    """A suggestion (a = x, b = y) when x and y are likely the same workplace (the table above), else None.

    Strength: 100 when the P-number, or the CVR and address, say it is one workplace; else how alike
    the names are (90-99).
    """
    if x.employer_id == y.employer_id:
        return None
    score = float(fuzz.ratio(normalise_name(x.name), normalise_name(y.name)))
    codes = _codes(x, y, score >= NAME_CUTOFF)
    if not codes or ("pnumber" not in codes and (different_workplaces(x, y) or branches(x, y))):
        return None
    strength = SAME_WORKPLACE_SCORE if codes[0] in ("pnumber", "address") else score
    reasons = reason_texts(codes, bool(x.cvr and x.cvr == y.cvr))
    return DuplicateSuggestion(x.employer_id, y.employer_id, strength, reasons, codes)


@dataclass
class DuplicateIndex:
    """Employers prepared once for fast look-ups: normalised names grouped by postcode."""

    keys: list[EmployerKey]
    names: list[str] = field(init=False)
    by_postcode: dict[str, np.ndarray] = field(init=False)
    by_pnumber: dict[str, list[int]] = field(init=False)
    by_place: dict[tuple[str, str, str], list[int]] = field(init=False)  # (cvr, postcode, address)

    def __post_init__(self) -> None:
        self.names = [normalise_name(k.name) for k in self.keys]
        groups: dict[str, list[int]] = defaultdict(list)
        pnumbers: dict[str, list[int]] = defaultdict(list)
        places: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        for i, k in enumerate(self.keys):
            groups[k.postcode].append(i)
            if k.pnumber:
                pnumbers[k.pnumber].append(i)
            if k.cvr and k.address.strip():
                places[_place(k)].append(i)
        self.by_postcode = {p: np.array(ix, dtype=np.int64) for p, ix in groups.items()}
        self.by_pnumber = dict(pnumbers)
        self.by_place = dict(places)

    def lookup(self, new: EmployerKey, limit: int = 5) -> list[DuplicateSuggestion]:
        """Existing employers that `new` (typed, not yet saved) probably duplicates, best first."""
        found: dict[int, DuplicateSuggestion] = {}
        same = self.by_pnumber.get(new.pnumber or "", []) + (self.by_place.get(_place(new), []) if new.cvr else [])
        for i in same:
            suggestion = compare(new, self.keys[i])
            if suggestion:
                found[i] = suggestion
        candidates = self.by_postcode.get(new.postcode)
        if candidates is not None and len(candidates):
            query = normalise_name(new.name)
            matches = process.extract(
                query, [self.names[i] for i in candidates], scorer=fuzz.ratio, score_cutoff=NAME_CUTOFF, limit=limit
            )
            for _, _, j in matches:
                i = int(candidates[j])
                suggestion = compare(new, self.keys[i])
                if suggestion and i not in found:
                    found[i] = suggestion
        return sorted(found.values(), key=lambda s: -s.score)[:limit]

    def scan(self) -> list[DuplicateSuggestion]:
        """Every likely duplicate pair among the indexed employers."""
        pairs: dict[tuple[str, str], DuplicateSuggestion] = {}
        for same in [*self.by_pnumber.values(), *self.by_place.values()]:
            self._add_pairs(pairs, same)
        for indices in self.by_postcode.values():
            if len(indices) < 2:
                continue
            for r, c in self._alike_in_block([self.names[i] for i in indices]):
                self._add_pairs(pairs, [int(indices[r]), int(indices[c])])
        return sorted(pairs.values(), key=lambda s: (-s.score, s.a, s.b))

    @staticmethod
    def _alike_in_block(names: list[str]) -> list[tuple[int, int]]:
        """Pairs (r < c) of names at least NAME_CUTOFF alike, compared SCAN_ROWS rows at a time.

        Each row is compared only with the names after it, and a block of rows at a time keeps memory
        bounded when one postcode holds thousands of workplaces.
        """
        found: list[tuple[int, int]] = []
        for start in range(0, len(names) - 1, SCAN_ROWS):
            rows = names[start : start + SCAN_ROWS]
            scores = process.cdist(
                rows, names[start:], scorer=fuzz.ratio, score_cutoff=NAME_CUTOFF, dtype=np.uint8, workers=-1
            )
            r, c = np.nonzero(np.triu(scores, k=1))
            found += zip((r + start).tolist(), (c + start).tolist(), strict=True)
        return found

    def _add_pairs(self, pairs: dict[tuple[str, str], DuplicateSuggestion], indices: list[int]) -> None:
        for n, i in enumerate(indices):
            for j in indices[n + 1 :]:
                a, b = sorted((i, j), key=lambda k: self.keys[k].employer_id)
                suggestion = compare(self.keys[a], self.keys[b])
                if suggestion:
                    pairs[(suggestion.a, suggestion.b)] = suggestion


def _place(k: EmployerKey) -> tuple[str, str, str]:
    return (k.cvr or "", k.postcode, normalise_address(k.address))
