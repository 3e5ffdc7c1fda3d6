from __future__ import annotations

import pytest

from oto_match.validation import cvr_is_valid, parse_cvr, parse_optional_bool, parse_postcode


@pytest.mark.parametrize("cvr", ["10150817", "24256790", "35954716"])
def test_real_world_shaped_cvr_numbers_pass_modulus_11(cvr: str) -> None:
    assert cvr_is_valid(cvr)


@pytest.mark.parametrize("cvr", ["10150818", "1234567", "abcdefgh", "123456789"])
def test_a_mistyped_cvr_fails(cvr: str) -> None:
    assert not cvr_is_valid(cvr)


def test_a_cvr_error_says_it_failed_the_check() -> None:
    with pytest.raises(ValueError, match="modulus 11"):
        parse_cvr("10150818")


def test_booleans_accept_danish_and_english_words() -> None:
    assert parse_optional_bool("ja") is True and parse_optional_bool("No") is False
    assert parse_optional_bool("") is None
    with pytest.raises(ValueError, match="yes/no"):
        parse_optional_bool("måske")


def test_postcodes_must_be_known_danish_postcodes() -> None:
    assert parse_postcode("8220") == "8220"
    with pytest.raises(ValueError, match="kendt"):
        parse_postcode("0001")
    with pytest.raises(ValueError, match="4 cifre"):
        parse_postcode("82200")
