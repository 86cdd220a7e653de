"""Natural order of references: numbers compare as numbers, a missing reference goes last."""

from __future__ import annotations

import random

from svduty.web.common.ordering import natural_key, naturally_sorted


def test_numbers_compare_as_numbers():
    assert natural_key("1.2") < natural_key("1.10") < natural_key("2.1")
    assert natural_key("A1") < natural_key("A2") < natural_key("A10")
    assert natural_key("R9") < natural_key("R10")
    assert natural_key("1.9.2") < natural_key("1.10")


def test_a_shorter_reference_comes_first_and_case_is_ignored():
    assert natural_key("1") < natural_key("1.1") < natural_key("1.1a")
    assert natural_key("a2") < natural_key("A10")
    assert natural_key("1") < natural_key("A")  # at the same place, a number before text


def test_missing_or_blank_references_go_last():
    assert natural_key("Z99") < natural_key(None)
    assert natural_key("Z99") < natural_key("")
    assert natural_key("Z99") < natural_key("   ")


def test_ties_keep_a_fixed_order():
    assert natural_key("01") != natural_key("1")
    assert sorted(["1", "01"], key=natural_key) == sorted(["01", "1"], key=natural_key)


def test_a_shuffled_delivery_plan_sorts_back():
    expected = ["1.1", "1.2", "1.10", "1.11", "2.1", "2.10", "10.1", "A1", "A10", "", None]
    shuffled = expected[:]
    random.Random(4).shuffle(shuffled)
    assert naturally_sorted(shuffled, lambda ref: ref)[:9] == expected[:9]
    assert set(naturally_sorted(shuffled, lambda ref: ref)[9:]) == {"", None}
