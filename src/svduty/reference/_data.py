"""Read the package data files under ``svduty/reference/data`` (shipped in the wheel)."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_yaml(name: str) -> Any:
    """Parse ``data/<name>`` once per process."""
    text = resources.files("svduty.reference").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``data/<name>`` as dictionaries, read once per process."""
    resource = resources.files("svduty.reference").joinpath(f"data/{name}")
    with resource.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))
