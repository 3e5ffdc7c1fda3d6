"""The score components' formulas, on values whose answer is known."""

from __future__ import annotations

import numpy as np

from oto_match.scoring import SCORE_COMPONENTS, band, commute_fraction, hours_fraction, text_vectors, to_tenths


def test_hours_fit_is_the_share_of_the_job_hours_the_citizen_can_work() -> None:
    got = hours_fraction(np.array([5.0, 10.0, 30.0, np.nan]), 10.0)
    assert got.tolist() == [0.5, 1.0, 1.0, 0.0]


def test_a_job_without_hours_gives_no_hours_points() -> None:
    assert hours_fraction(np.array([5.0, 20.0]), None).tolist() == [0.0, 0.0]


def test_commute_slack_is_full_at_zero_minutes_and_nothing_at_or_beyond_the_limit() -> None:
    got = commute_fraction(np.array([40.0, 40.0, 40.0, 40.0, np.nan]), np.array([0.0, 10.0, 40.0, 55.0, 10.0]))
    assert got.tolist() == [1.0, 0.75, 0.0, 0.0, 0.0]


def test_points_are_whole_tenths_within_each_component() -> None:
    tenths = to_tenths(np.array([[1.0, 0.123], [0.5, 2.0], [0.0, -1.0], [0.25, 1.0]]))
    top = [points * 10 for points, _ in SCORE_COMPONENTS.values()]
    assert tenths[:, 0].tolist() == [top[0], top[1] // 2, 0, top[3] // 4]
    assert tenths[:, 1].tolist() == [round(top[0] * 0.123), top[1], 0, top[3]]


def test_the_bands() -> None:
    assert [band(s) for s in (100, 60, 59.9, 35, 34.9, 0)] == ["stærk", "stærk", "mulig", "mulig", "svag", "svag"]


def test_a_text_gets_the_same_vector_alone_or_among_others() -> None:
    alone = text_vectors(["køkken og madlavning"])
    among = text_vectors(["lager", "køkken og madlavning", "rengøring, kontor"])[1]
    assert (alone != among).nnz == 0
    assert text_vectors([]).shape[0] == 0


def test_related_texts_are_closer_than_unrelated_ones() -> None:
    job, near, far = text_vectors(["køkkenmedhjælper opvask og anretning", "køkken", "chauffør"])
    assert (job @ near.T).toarray()[0, 0] > (job @ far.T).toarray()[0, 0]
