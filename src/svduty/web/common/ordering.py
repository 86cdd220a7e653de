"""Natural ordering of references people type: "1.2" before "1.10", "A2" before "A10".

A database orders text character by character, so "1.10" sorts before "1.2". Delivery plans,
recommendations and other numbered lists are short, so the apps sort them in Python with
:func:`natural_key` after the query.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

_NUMBER = re.compile(r"(\d+)")

#: Sorts after every reference: a record with no reference goes last.
_MISSING = (1, (), "")


def natural_key(reference: str | None) -> tuple:
    """A sort key that compares runs of digits as numbers and the rest case-insensitively.

    ``"1.2" < "1.10" < "2.1"``, ``"A1" < "A10"``; at the same place a number sorts before text
    ("1" before "A"); ``None`` or a blank reference sorts last. The reference itself breaks ties,
    so "01" and "1" keep a fixed order.
    """
    text = (reference or "").strip()
    if not text:
        return _MISSING
    parts = tuple(
        (0, int(part), "") if part.isdecimal() else (1, 0, part)
        for part in _NUMBER.split(text.casefold())
        if part
    )
    return (0, parts, text)


def naturally_sorted(items: Iterable[T], reference: Callable[[T], str | None]) -> list[T]:
    """``items`` in the natural order of the reference ``reference(item)`` returns."""
    return sorted(items, key=lambda item: natural_key(reference(item)))
