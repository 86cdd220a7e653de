"""Local definitions of serious violence: YAML presets, their schema and the classifier.

``load_definition("northamptonshire")`` reads a preset (or a YAML path); ``classify(definition,
table)`` adds ``is_serious_violence``, ``sv_categories`` and ``sv_<tag>`` columns to an Ibis
table; ``classify_csv`` does the same for a CSV file through DuckDB.

Names load on first use (PEP 562), so the command line starts without the classifier's imports.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from svduty.definitions.classifier import (
        IS_SERIOUS_VIOLENCE,
        OUTPUT_COLUMNS,
        RULE_COLUMNS,
        SV_CATEGORIES,
        TAG_COLUMNS,
        classify,
        required_columns,
    )
    from svduty.definitions.csv_io import INPUT_COLUMNS, ClassificationSummary, classify_csv
    from svduty.definitions.loader import (
        DEFAULT_DEFINITION,
        load_definition,
        load_preset,
        parse_definition,
        preset_names,
        presets,
    )
    from svduty.definitions.schema import (
        CATEGORIES,
        HOME_OFFICE_TAGS,
        PROXY_TAGS,
        SHARED_TAGS,
        TAG_LABELS,
        Definition,
        Rule,
        Source,
        tag_label,
    )

_MODULES = {
    "svduty.definitions.classifier": (
        "IS_SERIOUS_VIOLENCE",
        "OUTPUT_COLUMNS",
        "RULE_COLUMNS",
        "SV_CATEGORIES",
        "TAG_COLUMNS",
        "classify",
        "required_columns",
    ),
    "svduty.definitions.csv_io": ("INPUT_COLUMNS", "ClassificationSummary", "classify_csv"),
    "svduty.definitions.loader": (
        "DEFAULT_DEFINITION",
        "load_definition",
        "load_preset",
        "parse_definition",
        "preset_names",
        "presets",
    ),
    "svduty.definitions.schema": (
        "CATEGORIES",
        "HOME_OFFICE_TAGS",
        "PROXY_TAGS",
        "SHARED_TAGS",
        "TAG_LABELS",
        "Definition",
        "Rule",
        "Source",
        "tag_label",
    ),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "CATEGORIES",
    "DEFAULT_DEFINITION",
    "HOME_OFFICE_TAGS",
    "INPUT_COLUMNS",
    "IS_SERIOUS_VIOLENCE",
    "OUTPUT_COLUMNS",
    "PROXY_TAGS",
    "RULE_COLUMNS",
    "SHARED_TAGS",
    "SV_CATEGORIES",
    "TAG_COLUMNS",
    "TAG_LABELS",
    "ClassificationSummary",
    "Definition",
    "Rule",
    "Source",
    "classify",
    "classify_csv",
    "load_definition",
    "load_preset",
    "parse_definition",
    "preset_names",
    "presets",
    "required_columns",
    "tag_label",
]


def __getattr__(name: str) -> object:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)  # on first use: see the docstring
    globals()[name] = value
    return value
