"""Ranking one job against 100,000 generated citizens, in one run.

Prints the engine's time (columns prepared once, then `matching.rank`), the time of a
straightforward per-citizen Python loop applying the same rules (`matching.rank_loop`, which
must give the same verdicts), and the time of a bare NumPy pass over the same columns (the
floor), with the ratios. Targets: at least 50× faster than the loop, within 5× of the floor.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from oto_match import demo, matching
from oto_match.matching_rules import job_context

N = 100_000


def floor_pass(ctx: matching.JobContext, cols: matching.CitizenColumns) -> np.ndarray:
    """The least work over the same columns: each criterion as one vector comparison, no explanations."""
    job = ctx.job
    km = np.hypot(cols.lat - ctx.coords[0], cols.lon - ctx.coords[1]) * 111.0  # type: ignore[index]
    minutes = km / 15.0 * 60
    fail = (job.hours_min_week or 0) > cols.max_hours
    fail |= (cols.spare & matching.strain_mask(ctx.effective_strains)) != 0
    fail |= minutes > cols.max_commute
    fail |= cols.danish < job.danish_level_required
    for w in ctx.windows:  # the first span of each citizen's availability (spans are kept per distinct availability)
        fail |= ~((cols.avail[w.day, 0, 0][cols.pattern] <= w.start) & (cols.avail[w.day, 1, 0][cols.pattern] >= w.end))
    return fail


def busiest_job(jobs: list, employers: dict, cols: matching.CitizenColumns) -> matching.JobContext:  # type: ignore[type-arg]
    """The open job with a fixed schedule that most citizens fit: every rule, the scoring and the sort do work."""
    contexts = [job_context(j, employers[j.employer_id]) for j in jobs if j.schedule and j.status == "open"]
    return max(contexts, key=lambda ctx: int((matching.rank(ctx, cols).verdict == 0).sum()))


def timed(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    data = demo.generate(citizens=N, employers=200, today=date(2026, 11, 24))
    employers = {e.employer_id: e for e in data.employers}
    citizens = data.citizens
    prep_time, cols = timed(lambda: matching.prepare(citizens), 1)
    ctx = busiest_job(data.jobs, employers, cols)  # type: ignore[arg-type]
    job = ctx.job
    engine_time, ranking = timed(lambda: matching.rank(ctx, cols), 21)  # type: ignore[arg-type]
    loop_time, loop_verdicts = timed(lambda: matching.rank_loop(ctx, cols.citizens), 1)  # type: ignore[attr-defined]
    floor_time, _ = timed(lambda: floor_pass(ctx, cols), 21)  # type: ignore[arg-type]
    engine_verdicts = [matching.VERDICTS[v] for v in ranking.verdict]  # type: ignore[attr-defined]
    same = engine_verdicts == loop_verdicts
    counts = {v: engine_verdicts.count(v) for v in matching.VERDICTS}
    print(f"job {job.job_id} '{job.title}' against {N:,} citizens; verdicts {counts}")
    print(f"columns prepared once:        {prep_time:8.3f} s")
    print(f"engine (rank, incl. scores):  {engine_time * 1000:8.1f} ms")
    print(f"per-citizen Python loop:      {loop_time * 1000:8.1f} ms  (same verdicts: {same})")
    print(f"bare NumPy floor:             {floor_time * 1000:8.1f} ms")
    print(f"ratio loop / engine:   {loop_time / engine_time:7.1f}x  (target ≥ 50x)")
    print(f"ratio engine / floor:  {engine_time / floor_time:7.1f}x  (target ≤ 5x)")
    if not same:
        raise SystemExit("engine and loop disagree")


if __name__ == "__main__":
    main()
