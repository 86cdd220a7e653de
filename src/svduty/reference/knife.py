"""ONS knife or sharp instrument "selected offences": the offences the knife flag counts on."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from svduty.reference._data import load_yaml


@dataclass(frozen=True)
class KnifeSelectedOffence:
    """One ONS selected offence type and the Home Office codes (canonical) it covers."""

    name: str
    codes: tuple[str, ...]


@cache
def knife_selected_offences() -> tuple[KnifeSelectedOffence, ...]:
    """The eight ONS selected offence types, in ONS order."""
    return tuple(
        KnifeSelectedOffence(name=item["name"], codes=tuple(item["codes"]))
        for item in load_yaml("knife_selected_offences.yaml")["offences"]
    )


@cache
def knife_selected_codes() -> frozenset[str]:
    """Every canonical Home Office code of a selected offence."""
    return frozenset(code for offence in knife_selected_offences() for code in offence.codes)
