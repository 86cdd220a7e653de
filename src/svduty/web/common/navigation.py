"""The partnership menu: each app adds its entries from its ``AppConfig.ready()``.

``register(label, url_name, order)`` with a URL name taking the ``partnership`` slug; the menu is
shown in ``order`` on every partnership page. An entry is shown only to users its view would let
in: the context processor asks the view's own ``may_open`` (the check its GET makes), so the
menu keeps no list of roles of its own.
"""

from __future__ import annotations

_ENTRIES: dict[str, tuple[int, str]] = {}


def register(label: str, url_name: str, order: int) -> None:
    """Add (or replace) a menu entry."""
    _ENTRIES[url_name] = (order, label)


def menu() -> list[tuple[str, str]]:
    """``(label, url_name)`` pairs in menu order."""
    return [(label, name) for name, (order, label) in sorted(_ENTRIES.items(), key=lambda e: e[1])]
