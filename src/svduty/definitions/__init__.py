"""Local definitions of serious violence: YAML presets, their schema and the classifier.

``load_definition("northamptonshire")`` reads a preset (or a YAML path); ``classify(definition,
table)`` adds ``is_serious_violence``, ``sv_categories`` and ``sv_<tag>`` columns to an Ibis
table; ``classify_csv`` does the same for a CSV file through DuckDB.
"""

from svduty.definitions.classifier import (
    IS_SERIOUS_VIOLENCE,
    OUTPUT_COLUMNS,
    SV_CATEGORIES,
    TAG_COLUMNS,
    classify,
    required_columns,
)
from svduty.definitions.csv_io import INPUT_COLUMNS, ClassificationSummary, classify_csv
from svduty.definitions.loader import load_definition, parse_definition, preset_names, presets
from svduty.definitions.schema import CATEGORIES, Definition, Rule, Source

__all__ = [
    "CATEGORIES",
    "INPUT_COLUMNS",
    "IS_SERIOUS_VIOLENCE",
    "OUTPUT_COLUMNS",
    "SV_CATEGORIES",
    "TAG_COLUMNS",
    "ClassificationSummary",
    "Definition",
    "Rule",
    "Source",
    "classify",
    "classify_csv",
    "load_definition",
    "parse_definition",
    "preset_names",
    "presets",
    "required_columns",
]
