"""The score components' formulas, on values whose answer is known."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oto_match.scoring import (
    SCORE_COMPONENTS,
    band,
    char_ngrams,
    commute_fraction,
    hours_fraction,
    ngram_bucket,
    text_vectors,
    to_tenths,
)


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
    among = text_vectors(["lager", "køkken og madlavning", "rengøring, kontor"])
    assert alone.entries(0) == among.entries(1) and alone.entries(0)
    assert len(text_vectors([])) == 0


def test_related_texts_are_closer_than_unrelated_ones() -> None:
    job = text_vectors(["køkkenmedhjælper opvask og anretning"])
    near, far = text_vectors(["køkken", "chauffør"]).cosines(job)
    assert near > far


def test_a_text_is_cut_into_the_3_and_4_letter_pieces_of_each_word_with_a_space_at_both_ends() -> None:
    assert char_ngrams("Ko  i") == [" ko", "ko ", " ko ", " i "]


@given(st.lists(st.text(alphabet="abcæøå ÆØÅ\t\n,.-1İß", max_size=20), max_size=6))
def test_the_vectors_of_many_texts_count_the_pieces_each_text_has_in_the_buckets_they_hash_to(texts: list[str]) -> None:
    vectors = text_vectors(texts)
    for i, text in enumerate(texts):
        expected = Counter(ngram_bucket(g) for g in char_ngrams(text))
        weights = {b: 1 + math.log(n) for b, n in expected.items()}
        length = math.sqrt(sum(w * w for w in weights.values()))
        got = vectors.entries(i)
        assert got.keys() == weights.keys()
        assert all(math.isclose(got[b], w / length) for b, w in weights.items())


def test_a_text_s_cosine_with_itself_is_one_and_an_empty_text_matches_nothing() -> None:
    vectors = text_vectors(["bager og konditor", ""])
    assert vectors.cosines(text_vectors(["bager og konditor"])).tolist() == pytest.approx([1.0, 0.0])
    assert vectors.cosines(text_vectors([""])).tolist() == [0.0, 0.0]


@given(st.text(alphabet="abcæøå ÆØÅ-,.é1", max_size=60))
@settings(max_examples=300, deadline=None)
def test_the_text_pieces_are_those_of_scikit_learns_char_wb_analyser(text: str) -> None:
    """scikit-learn is the reference the n-grams were taken from (its import is too heavy for the rank path)."""
    from sklearn.feature_extraction.text import CountVectorizer

    analyse = CountVectorizer(analyzer="char_wb", ngram_range=(3, 4), lowercase=True).build_analyzer()
    assert sorted(char_ngrams(text)) == sorted(analyse(text))
