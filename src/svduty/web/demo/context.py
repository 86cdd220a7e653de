"""What every demo seeder shares: the demo's fixed names and the :class:`DemoContext` it fills.

It sits below the seeders so that they, and the package that runs them, import it without a cycle.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DEMO_SLUG = "sample-county"
DEMO_PASSWORD = "sample-county-demo"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    description: str


@dataclass
class DemoContext:
    """What the seeders share: the partnership, organisations by key, users by key.

    ``funding`` holds the grant allocations (``home_office`` and ``pcc``, by financial year) and
    the project allocations by name, for the seeders after the funding one.
    """

    partnership: Any
    organisations: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    logins: list[DemoLogin] = field(default_factory=list)
    funding: dict[str, dict[Any, Any]] = field(default_factory=dict)
    rng: random.Random = field(default_factory=lambda: random.Random(2024))


#: A seeder adds one area of the demo to the context's partnership, given ``today``.
Seeder = Callable[[DemoContext, dt.date], None]
