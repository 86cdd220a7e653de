"""Local definitions of serious violence a strategy can adopt (``svduty.definitions`` presets)."""

from __future__ import annotations

from functools import cache


@cache
def definition_names() -> tuple[str, ...]:
    """Names of the shipped definition presets, for example ``"northamptonshire"``."""
    import svduty.definitions as definitions

    lister = getattr(definitions, "list_presets", None) or definitions.preset_names
    names = []
    for item in lister():
        names.append(item if isinstance(item, str) else getattr(item, "name", str(item)))
    return tuple(names)


def definition_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("-", " ").capitalize()) for name in definition_names()]
