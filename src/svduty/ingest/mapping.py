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

from pathlib import Path
from typing import Annotated

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from svduty.errors import SvdutyError


class _ProfileLoader(yaml.SafeLoader):
    """YAML without implicit booleans: ``Yes``/``No``/``On`` stay the text a force writes."""


_ProfileLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def header_key(name: str) -> str:
    """How headers are compared: BOM and surrounding spaces dropped, case folded."""
    return name.replace("\ufeff", "").strip().casefold()


def _text(value: object) -> str:
    """A YAML scalar as the text a force wrote (numbers and dates too); an empty one is blank."""
    if isinstance(value, dict | list):
        raise ValueError("must be a single value, not a list or mapping")
    return "" if value is None else str(value)


def _column_name(value: object) -> str:
    if value is None or isinstance(value, dict | list):
        raise ValueError("must name one contract column")
    return str(value).strip()


def _patterns(value: object) -> tuple[str, ...]:
    listed = [value] if isinstance(value, str) else value
    if not isinstance(listed, list) or not all(isinstance(item, str) for item in listed):
        raise ValueError("must be a pattern or a list of them")
    return tuple(listed)


def _value_table(value: object) -> object:
    if not isinstance(value, dict):
        raise ValueError("must map their value to the contract's")
    return value


#: A contract column named as a mapping key (YAML may read ``1`` or a date there).
_Key = Annotated[str, BeforeValidator(str)]
_HeaderKey = Annotated[str, BeforeValidator(lambda key: header_key(str(key)))]
_ValueKey = Annotated[str, BeforeValidator(lambda key: str(key).strip().casefold())]
_Text = Annotated[str, BeforeValidator(_text)]


class MappingProfile(BaseModel):
    """A parsed profile, its keys as the module docstring shows. Empty profile = the contract
    as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: _Text | None = None
    description: _Text | None = None
    #: header_key(their header) -> contract column
    columns: dict[_HeaderKey, Annotated[str, BeforeValidator(_column_name)]] = Field(
        default_factory=dict
    )
    date_formats: dict[_Key, Annotated[tuple[str, ...], BeforeValidator(_patterns)]] = Field(
        default_factory=dict
    )
    #: contract column -> {their value, stripped and case-folded: contract value}
    values: dict[_Key, Annotated[dict[_ValueKey, _Text], BeforeValidator(_value_table)]] = Field(
        default_factory=dict
    )
    constants: dict[_Key, _Text] = Field(default_factory=dict)
    _name: str = PrivateAttr(default="")

    @field_validator("columns", "date_formats", "values", "constants", mode="before")
    @classmethod
    def _a_mapping(cls, value: object) -> object:
        if not value:  # left empty in the YAML
            return {}
        if not isinstance(value, dict):
            raise ValueError("must be a mapping")
        return value

    @model_validator(mode="after")
    def _named_after_its_file(self, info: ValidationInfo) -> MappingProfile:
        self._name = (info.context or {}).get("name", "")
        return self

    @property
    def name(self) -> str:
        """The profile's file name, recorded on each batch imported through it."""
        return self._name


def load_profile(path: str | Path) -> MappingProfile:
    """Read and check a YAML profile; any problem is one line naming the file and the field."""
    path = Path(path)
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_ProfileLoader)
    except FileNotFoundError:
        raise SvdutyError(f"{path}: mapping profile not found") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise SvdutyError(f"{path}: not a readable YAML mapping profile ({first})") from None
    if not isinstance(data, dict):
        raise SvdutyError(f"{path}: a mapping profile must be a YAML mapping of {_profile_keys()}")
    try:
        return MappingProfile.model_validate(
            {str(key): value for key, value in data.items()}, context={"name": path.name}
        )
    except ValidationError as error:
        raise SvdutyError(f"{path}: {_first_problem(error)}") from None


def _profile_keys() -> list[str]:
    return sorted(MappingProfile.model_fields)


def _first_problem(error: ValidationError) -> str:
    """Unknown keys first (most likely a typo), else the first field that is wrong and why."""
    problems = error.errors()
    unknown = sorted(str(p["loc"][0]) for p in problems if p["type"] == "extra_forbidden")
    if unknown:
        return f"unknown profile key(s) {', '.join(unknown)}; expected {', '.join(_profile_keys())}"
    problem = problems[0]
    location = ".".join(str(part) for part in problem["loc"])
    return f"{location}: {problem['msg'].removeprefix('Value error, ')}"
