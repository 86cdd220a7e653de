"""Column-mapping profiles: a force's own export described in YAML instead of code.

```yaml
source: police-crimes            # the reader this profile is for
columns:                         # their header -> contract column
  Crime Number: crime_ref
  Offence Code: ho_code
date_formats:                    # contract column -> strptime patterns (tried in order)
  occurred_at: ["%d/%m/%Y %H:%M", "%d/%m/%Y"]
values:                          # contract column -> {their value: contract value} (any case)
  knife: {"Yes": "Y", "No": "N"}
constants:                       # contract column -> value used for every row
  location_type: unknown
```
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from svduty.errors import SvdutyError

_KEYS = {"source", "description", "columns", "date_formats", "values", "constants"}


class _ProfileLoader(yaml.SafeLoader):
    """YAML without implicit booleans: ``Yes``/``No``/``On`` stay the text a force writes."""


_ProfileLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def header_key(name: str) -> str:
    """How headers are compared: BOM and surrounding spaces dropped, case folded."""
    return name.replace("\ufeff", "").strip().casefold()


@dataclass(frozen=True)
class MappingProfile:
    """A parsed profile. Empty profile = the contract as written."""

    name: str = ""
    source: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # header_key(theirs) -> contract
    date_formats: dict[str, tuple[str, ...]] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # keys case-folded
    constants: dict[str, str] = field(default_factory=dict)


def load_profile(path: str | Path) -> MappingProfile:
    """Read and check a YAML profile; any problem is one line naming the file."""
    path = Path(path)
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_ProfileLoader)
    except FileNotFoundError:
        raise SvdutyError(f"{path}: mapping profile not found") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise SvdutyError(f"{path}: not a readable YAML mapping profile ({first})") from None
    if not isinstance(data, dict):
        raise SvdutyError(f"{path}: a mapping profile must be a YAML mapping of {sorted(_KEYS)}")
    unknown = set(data) - _KEYS
    if unknown:
        raise SvdutyError(
            f"{path}: unknown profile key(s) {', '.join(sorted(map(str, unknown)))}; "
            f"expected {', '.join(sorted(_KEYS))}"
        )

    def mapping_of(key: str) -> dict:
        value = data.get(key) or {}
        if not isinstance(value, dict):
            raise SvdutyError(f"{path}: '{key}' must be a mapping")
        return value

    columns = {header_key(str(k)): str(v).strip() for k, v in mapping_of("columns").items()}
    date_formats: dict[str, tuple[str, ...]] = {}
    for column, formats in mapping_of("date_formats").items():
        listed = [formats] if isinstance(formats, str) else formats
        if not isinstance(listed, list) or not all(isinstance(f, str) for f in listed):
            raise SvdutyError(f"{path}: date_formats.{column} must be a pattern or a list of them")
        date_formats[str(column)] = tuple(listed)
    values: dict[str, dict[str, str]] = {}
    for column, table in mapping_of("values").items():
        if not isinstance(table, dict):
            raise SvdutyError(f"{path}: values.{column} must map their value to the contract's")
        values[str(column)] = {key: _scalar(v) for k, v in table.items() for key in _value_keys(k)}
    constants = {str(k): _scalar(v) for k, v in mapping_of("constants").items()}
    source = data.get("source")
    return MappingProfile(
        name=path.name,
        source=str(source) if source is not None else None,
        columns=columns,
        date_formats=date_formats,
        values=values,
        constants=constants,
    )


def _scalar(value: object) -> str:
    return "" if value is None else str(value)


def _value_keys(value: object) -> tuple[str, ...]:
    return (str(value).strip().casefold(),)
