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

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

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
    return np.asarray(np.maximum(np.minimum(1.0, cosine / COSINE_FULL_MATCH), title_match), dtype=np.float64)


# Character n-grams of 3-4 letters within words cope with Danish compounds (køkken ~ køkkenmedhjælper). Each is
# hashed into a fixed space of N_BUCKETS, so a text's vector depends on that text alone (no vocabulary fitted on a
# list). The n-grams are those of scikit-learn's `char_wb` analyser, which this replaced; the hash is our own
# (ngram_bucket) and runs over all the distinct texts of a register at once in NumPy, so a ranking neither loads
# scikit-learn (0.8 s and 60 MB at start-up) nor walks the texts n-gram by n-gram in Python.
NGRAM_SIZES = (3, 4)
N_BUCKETS = 2**20
_BASE = 1_000_003  # the polynomial hash's base, a prime
_MASK64 = 2**64 - 1
_MIX = (0xBF58476D1CE4E5B9, 0x94D049BB133111EB)  # splitmix64's finaliser: every bit of the hash reaches the bucket


def char_ngrams(text: str) -> list[str]:
    """The n-grams of a text: each word of the lower-case text with a space before and after, cut into every run of
    3 and of 4 characters (a one-letter word gives only its 3-gram)."""
    grams = []
    for word in text.lower().split():
        padded = f" {word} "
        grams += [padded[i : i + n] for n in NGRAM_SIZES for i in range(len(padded) - n + 1)]
    return grams


def ngram_bucket(gram: str) -> int:
    """An n-gram's place in the fixed space: a polynomial hash of its length and code points modulo 2**64, mixed,
    modulo N_BUCKETS. In plain Python: the reference the column version (_buckets) is tested against."""
    h = len(gram)
    for char in gram:
        h = (h * _BASE + ord(char)) & _MASK64
    h ^= h >> 30
    h = (h * _MIX[0]) & _MASK64
    h ^= h >> 27
    h = (h * _MIX[1]) & _MASK64
    h ^= h >> 31
    return h % N_BUCKETS


def _mixed(h: np.ndarray) -> np.ndarray:
    """ngram_bucket's last steps on a column of unsigned 64-bit hashes (NumPy's products wrap modulo 2**64)."""
    h = h ^ (h >> np.uint64(30))
    h = h * np.uint64(_MIX[0])
    h = h ^ (h >> np.uint64(27))
    h = h * np.uint64(_MIX[1])
    h = h ^ (h >> np.uint64(31))
    return np.asarray(h % np.uint64(N_BUCKETS), dtype=np.int64)


def _buckets(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(text index, bucket) of every n-gram of every text, as char_ngrams and ngram_bucket define them, for all the
    texts at once: the texts are joined (a NUL before each, its words single-spaced with a space at both ends), and a
    run of n characters is an n-gram if it holds no NUL and no space inside its first and last character."""
    joined = "".join(f"\0 {' '.join(words)} " if (words := t.lower().split()) else "\0" for t in texts)
    points = np.frombuffer(joined.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    nul, space = points == 0, points == ord(" ")
    nuls = np.concatenate(([0], np.cumsum(nul)))
    spaces = np.concatenate(([0], np.cumsum(space)))
    owner = nuls[1:] - 1  # per character: the text it belongs to
    rows, buckets = [], []
    for n in NGRAM_SIZES:
        first = np.arange(max(len(points) - n + 1, 0))
        ok = (nuls[first + n] == nuls[first]) & (spaces[first + n - 1] == spaces[first + 1])
        first = first[ok]
        h = np.full(len(first), n, dtype=np.uint64)
        for k in range(n):
            h = h * np.uint64(_BASE) + points[first + k]
        rows.append(owner[first])
        buckets.append(_mixed(h))
    return np.concatenate(rows), np.concatenate(buckets)


@dataclass(frozen=True)
class TextVectors:
    """One vector per text, kept as its non-zero entries sorted by bucket, then row: n-gram counts damped as
    1 + log(count) and scaled to length 1, so the product of two rows is their cosine. Sorted by bucket, the
    entries sharing a bucket with the job's text are found by a binary search per bucket of the job's."""

    row: np.ndarray
    bucket: np.ndarray
    weight: np.ndarray
    texts: int

    def __len__(self) -> int:
        return self.texts

    def entries(self, i: int) -> dict[int, float]:
        """Row i as {bucket: weight}."""
        mine = self.row == i
        return dict(zip(self.bucket[mine].tolist(), self.weight[mine].tolist(), strict=True))

    def cosines(self, job: TextVectors) -> np.ndarray:
        """The cosine of every row with the first row of `job` (the job's text)."""
        mine = job.row == 0
        buckets, weights = job.bucket[mine], job.weight[mine]
        first = np.searchsorted(self.bucket, buckets)
        count = np.searchsorted(self.bucket, buckets, side="right") - first
        before = np.cumsum(count) - count
        shared = np.repeat(first - before, count) + np.arange(int(count.sum()))  # entries in the job's buckets
        products = self.weight[shared] * np.repeat(weights, count)
        return np.bincount(self.row[shared], weights=products, minlength=self.texts).astype(np.float64)


def text_vectors(texts: Sequence[str]) -> TextVectors:
    """One vector per text (TextVectors); a text's vector is the same alone or among others."""
    rows, buckets = _buckets(texts)
    n = max(len(texts), 1)
    keys, counts = np.unique(buckets * n + rows, return_counts=True)
    bucket, row = keys // n, keys % n
    weights = 1.0 + np.log(counts)
    length = np.sqrt(np.bincount(row, weights=weights**2, minlength=len(texts)))
    return TextVectors(row, bucket, weights / length[row], len(texts))


def title_fits(title: str, texts: list[str]) -> np.ndarray:
    """1.0 for each text in which the job title appears (almost) verbatim, else 0 (rapidfuzz, for short titles).

    `texts` are lowercase already (the engine keeps one lowercase copy of each distinct text).
    """
    if not title.strip():
        return np.zeros(len(texts))
    scores = process.cdist([title.lower()], texts, scorer=fuzz.partial_ratio, score_cutoff=TITLE_MATCH_CUTOFF)[0]
    filled = np.array([bool(t.strip()) for t in texts])
    return np.asarray((scores >= TITLE_MATCH_CUTOFF) & filled, dtype=np.float64)


def hours_fraction(max_hours: np.ndarray, job_hours: float | None) -> np.ndarray:
    """0-1 hours fit: the share of the job's hours (its maximum, else its minimum) the citizen can work.

    The maximum, because the hard criterion already asks that the citizen can do the minimum: among those, one
    who can grow into all the hours the job offers fits better. Without a maximum the minimum is the target.
    Nothing when the job states no hours or the citizen's maximum is unknown.
    """
    if not job_hours:
        return np.zeros(len(max_hours))
    return np.asarray(np.nan_to_num(np.minimum(1.0, max_hours / job_hours)), dtype=np.float64)


def commute_fraction(limit: np.ndarray, minutes: np.ndarray) -> np.ndarray:
    """0-1 commute slack: full at 0 minutes, nothing at (or beyond) the limit or when either is unknown."""
    return np.asarray(np.nan_to_num(np.clip((limit - minutes) / limit, 0, 1)), dtype=np.float64)


def to_tenths(fractions: np.ndarray) -> np.ndarray:
    """(components × citizens) fractions to points in tenths (integers), so that the score is their exact sum."""
    points = np.array([p for p, _ in SCORE_COMPONENTS.values()], dtype=np.float64)[:, None]
    return np.asarray(np.round(points * np.clip(fractions, 0, 1) * 10), dtype=np.int16)


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
