"""Local definitions of serious violence a strategy can adopt (``svduty.definitions`` presets)."""

from __future__ import annotations

from functools import cache

from svduty.definitions import load_preset, preset_names
from svduty.errors import SvdutyError


@cache
def definition_names() -> tuple[str, ...]:
    """Names of the shipped definition presets, for example ``"northamptonshire"``."""
    return preset_names()


@cache
def definition_title(name: str) -> str:
    """The preset's own title up to its dash: ``police-uk-proxy`` → "data.police.uk coarse proxy".

    A name that is no preset (a definition since withdrawn) reads as it is stored.
    """
    try:
        title = load_preset(name).title
    except SvdutyError:
        return name
    return title.split(" - ", 1)[0]


def definition_choices() -> list[tuple[str, str]]:
    return [(name, definition_title(name)) for name in definition_names()]
