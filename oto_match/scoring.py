"""The fit score (0-100) of a citizen who passes or may pass the hard criteria.

The score is the sum of these components, in points; each is rounded to tenths and the
score is their exact sum. Strains, restrictions, age, gender, origin, name and family are
never part of it: fewer restrictions must not mean a higher score.

A score belongs to the pair: it depends only on the citizen, the job and the rule version, never
on who else is ranked, so the same citizen and job get the same score, band and components in
the team meeting (one team or all teams) and on the citizen's profile. That is why the text
comparison uses character n-grams hashed into a fixed space (nothing is fitted on the list).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

# component -> (points, plain words)
SCORE_COMPONENTS: dict[str, tuple[int, str]] = {
    "wishes": (40, "borgerens ønsker og drømme mod jobtitel og beskrivelse (tekstlighed, fuld ved 0,6)"),
    "experience": (20, "borgerens erfaring mod jobtitel og beskrivelse"),
    "hours": (20, "hvor meget af jobbets timetal borgeren kan (fuldt når borgerens maks. ≥ jobbets timer)"),
    "commute": (20, "luft til maks. transporttid (fuldt ved 0 min, intet ved grænsen)"),
}
COMPONENT_LABELS = {"wishes": "ønsker", "experience": "erfaring", "hours": "timer", "commute": "transport"}
# A job title found (almost) verbatim in a short text, or a short text found in the title
# (the wish "bageri" in "Bagerimedhjælper"), counts as a full text match.
TITLE_MATCH_CUTOFF = 90
# Short wishes against a longer job text rarely exceed a cosine of about 0.6: from there it counts as full.
COSINE_FULL_MATCH = 0.6
BANDS = ((60, "stærk"), (35, "mulig"), (0, "svag"))


def band(score: float) -> str:
    """stærk from 60, mulig from 35, else svag."""
    return next(label for low, label in BANDS if score >= low)


def text_fraction(cosine: np.ndarray, title_match: np.ndarray) -> np.ndarray:
    """0-1 text fit: the cosine of the text vectors scaled so COSINE_FULL_MATCH is full, or 1 when the title
    matches."""
    return np.maximum(np.minimum(1.0, cosine / COSINE_FULL_MATCH), title_match)


# Character n-grams of 3-4 letters within words cope with Danish compounds (køkken ~ køkkenmedhjælper). They are
# hashed into a fixed space, so a text's vector depends on that text alone (no vocabulary fitted on a list).
_HASHER = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 4), lowercase=True, alternate_sign=False,
                            norm=None, n_features=2**20)  # fmt: skip


def text_vectors(texts: list[str]) -> sparse.csr_matrix:
    """One row per text: n-gram counts damped as 1 + log(count), scaled to length 1 (so a product is a cosine)."""
    if not texts:  # nobody to compare: an empty matrix, not an error inside the hasher
        return sparse.csr_matrix((0, _HASHER.n_features))
    counts = _HASHER.transform(texts)
    weights = 1.0 + np.log(counts.data)
    rows = np.repeat(np.arange(len(texts)), np.diff(counts.indptr))
    length = np.sqrt(np.bincount(rows, weights=weights**2, minlength=len(texts)))
    counts.data = weights / length[rows]
    return counts


def dense_vector(text: str) -> np.ndarray:
    """The vector of one text (the job's) as a plain array: a sparse matrix times it is one cosine per row."""
    row = text_vectors([text])
    dense = np.zeros(row.shape[1])
    dense[row.indices] = row.data
    return dense


def title_fits(title: str, texts: list[str]) -> np.ndarray:
    """1.0 for each text in which the job title appears (almost) verbatim, else 0 (rapidfuzz, for short titles).

    `texts` are lowercase already (the engine keeps one lowercase copy of each distinct text).
    """
    if not title.strip():
        return np.zeros(len(texts))
    scores = process.cdist([title.lower()], texts, scorer=fuzz.partial_ratio, score_cutoff=TITLE_MATCH_CUTOFF)[0]
    filled = np.array([bool(t.strip()) for t in texts])
    return ((scores >= TITLE_MATCH_CUTOFF) & filled).astype(np.float64)


def hours_fraction(max_hours: np.ndarray, job_hours: float | None) -> np.ndarray:
    """0-1 hours fit: the share of the job's hours (its maximum, else its minimum) the citizen can work.

    The maximum, because the hard criterion already asks that the citizen can do the minimum: among those, one
    who can grow into all the hours the job offers fits better. Without a maximum the minimum is the target.
    Nothing when the job states no hours or the citizen's maximum is unknown.
    """
    if not job_hours:
        return np.zeros(len(max_hours))
    return np.nan_to_num(np.minimum(1.0, max_hours / job_hours))


def commute_fraction(limit: np.ndarray, minutes: np.ndarray) -> np.ndarray:
    """0-1 commute slack: full at 0 minutes, nothing at (or beyond) the limit or when either is unknown."""
    return np.nan_to_num(np.clip((limit - minutes) / limit, 0, 1))


def to_tenths(fractions: np.ndarray) -> np.ndarray:
    """(components × citizens) fractions to points in tenths (integers), so that the score is their exact sum."""
    points = np.array([p for p, _ in SCORE_COMPONENTS.values()], dtype=np.float64)[:, None]
    return np.round(points * np.clip(fractions, 0, 1) * 10).astype(np.int16)


@dataclass(frozen=True)
class ScoreParts:
    """Points per component in tenths (integers), so that the sum is exact."""

    wishes: int
    experience: int
    hours: int
    commute: int

    @property
    def total_tenths(self) -> int:
        return self.wishes + self.experience + self.hours + self.commute

    @property
    def score(self) -> float:
        return self.total_tenths / 10

    def as_points(self) -> dict[str, float]:
        return {k: getattr(self, k) / 10 for k in SCORE_COMPONENTS}
