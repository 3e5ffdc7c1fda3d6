"""Live duplicate search at national scale, in one run.

Builds 500,000 employer names, then times (a) one OTO Match look-up (`DuplicateIndex.lookup`),
(b) a bare rapidfuzz `process.extract` over the same prepared names, and (c) the standard
library's `difflib.get_close_matches` (what one would write without rapidfuzz), and prints ratios.
"""

from __future__ import annotations

import difflib
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz import fuzz, process

from oto_match import demo_pools as pool
from oto_match import postcodes
from oto_match.dedup import NAME_CUTOFF, DuplicateIndex, EmployerKey, normalise_name

N = 500_000
LOOKUPS = 50
WORDS = (
    "Nord",
    "Syd",
    "Vest",
    "Øst",
    "Service",
    "Handel",
    "Byg",
    "Mad",
    "Pleje",
    "Data",
    "Grønt",
    "Auto",
    "Trans",
    "Køkken",
    "Lager",
    "Rengøring",
    "Café",
    "Bageri",
    "Tøj",
    "Cykel",
    "Hus",
    "Have",
    "Kontor",
    "Kantine",
)
LEGAL = ("ApS", "A/S", "I/S", "IVS", "")


def make_names(rng: random.Random, n: int) -> list[EmployerKey]:
    codes = postcodes.all_postcodes()
    keys = []
    for i in range(n):
        if rng.random() < 0.2:
            name = f"{rng.choice(('Føtex', 'Netto', 'REMA 1000', 'Lidl', 'Bilka'))} {rng.choice(pool.BRANCH_SUFFIX)}"
        else:
            name = f"{rng.choice(pool.STAFF_LAST)}s {rng.choice(WORDS)}{rng.choice(WORDS).lower()} {rng.choice(LEGAL)}"
        keys.append(EmployerKey(f"E{i}", name.strip(), rng.choice(codes), str(10**9 + i)))
    return keys


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    rng = random.Random(1)
    keys = make_names(rng, N)
    start = time.perf_counter()
    index = DuplicateIndex(keys)
    prepare = time.perf_counter() - start
    queries = [rng.choice(keys) for _ in range(LOOKUPS)]
    typed = [EmployerKey("(ny)", q.name.lower() + " aps", q.postcode) for q in queries]

    ours = timed(lambda: [index.lookup(t) for t in typed], 1) / LOOKUPS
    hits = sum(1 for t, q in zip(typed, queries, strict=True) if any(s.b == q.employer_id for s in index.lookup(t)))
    prepared = index.names
    bare = timed(lambda: process.extract(normalise_name(typed[0].name), prepared, scorer=fuzz.ratio,
                                         score_cutoff=NAME_CUTOFF, limit=5), 5)  # fmt: skip
    stdlib = timed(lambda: difflib.get_close_matches(normalise_name(typed[0].name), prepared, n=5, cutoff=0.9), 1)

    print(f"employers: {N:,}; index prepared once in {prepare:.2f} s")
    print(f"OTO Match lookup (per typed name):          {ours * 1000:9.2f} ms  (found the original {hits}/{LOOKUPS})")
    print(f"bare rapidfuzz process.extract, all names:  {bare * 1000:9.2f} ms")
    print(f"difflib.get_close_matches, all names:       {stdlib * 1000:9.2f} ms")
    print(f"ratio rapidfuzz-all / OTO lookup:  {bare / ours:8.1f}x")
    print(f"ratio difflib / OTO lookup:        {stdlib / ours:8.1f}x")
    print(f"ratio difflib / rapidfuzz-all:     {stdlib / bare:8.1f}x")


if __name__ == "__main__":
    main()
