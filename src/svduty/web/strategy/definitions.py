"""Local definitions of serious violence a strategy can adopt (``svduty.definitions`` presets)."""

from __future__ import annotations

from functools import cache

from svduty.definitions import preset_names


@cache
def definition_names() -> tuple[str, ...]:
    """Names of the shipped definition presets, for example ``"northamptonshire"``."""
    return preset_names()


def definition_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("-", " ").capitalize()) for name in definition_names()]
