"""Short versions of the reliability probes (the full run is `make reliability`)."""

from __future__ import annotations

from pathlib import Path

from tests.reliability import concurrent_use, crash_cycles, fresh_demo, hostile_inputs


def test_a_writer_killed_at_random_points_loses_no_acknowledged_write(tmp_path: Path) -> None:
    report = crash_cycles(fresh_demo(tmp_path), cycles=8, seconds=60)
    assert report.cycles >= 3 and report.opened_cleanly == report.cycles, report.problems
    assert report.acknowledged > 0
    assert report.lost == 0 and report.half_done == 0


def test_ten_people_at_once_lose_nothing_and_nothing_is_half_done(tmp_path: Path) -> None:
    report = concurrent_use(fresh_demo(tmp_path), threads=10, seconds=4)
    assert not report.errors, report.errors[:3]
    assert report.acknowledged > 0 and report.found == report.acknowledged
    assert report.half_done == 0


def test_hostile_input_through_every_parser_and_importer_never_ends_in_a_traceback_or_a_partial_write(
    tmp_path: Path,
) -> None:
    report = hostile_inputs(fresh_demo(tmp_path), parser_examples=20, file_examples=6)
    assert report.files >= 7 * 6 and report.tried > report.files
    assert report.tracebacks == [] and report.partial_writes == []
