"""Recommendations of the needs assessment, from a YAML file the partnership writes.

The file is a list of items, each with ``id`` and ``text`` and optionally ``theme``, ``pillar``
and ``owner``::

    - id: R1
      text: Extend the hospital navigator scheme to weekend nights.
      pillar: Respond
      owner: Integrated care board

A file that does not fit raises :class:`SvdutyError` naming the file, the item and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from svduty.errors import SvdutyError

NONE_SUPPLIED = "No recommendations were supplied for this assessment."


class Recommendation(BaseModel):
    """One recommendation of the needs assessment."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    theme: str | None = None
    pillar: str | None = None
    owner: str | None = None

    @field_validator("id", "text", "theme", "pillar", "owner", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        return value.strip() if isinstance(value, str) else value


@dataclass(frozen=True)
class Recommendations:
    """The recommendations, or the plain statement that none were supplied."""

    items: tuple[Recommendation, ...] = ()
    source: str | None = None

    @property
    def statement(self) -> str | None:
        """The sentence a report prints when there are no recommendations."""
        return None if self.items else NONE_SUPPLIED


def load_recommendations(path: Path | str | None) -> Recommendations:
    """Read ``path`` (YAML list); None gives the "none were supplied" statement."""
    import yaml

    if path is None:
        return Recommendations()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SvdutyError(f"{path}: recommendations file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SvdutyError(f"{path}: cannot read the recommendations file ({error})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise SvdutyError(f"{path}: not valid YAML{where}") from None
    if data is None:
        return Recommendations(source=str(path))
    if not isinstance(data, list):
        raise SvdutyError(
            f"{path}: expected a list of recommendations (items with id and text), "
            f"got a {type(data).__name__}"
        )
    items: list[Recommendation] = []
    seen: set[str] = set()
    for number, raw in enumerate(data, start=1):
        if not isinstance(raw, dict):
            raise SvdutyError(
                f"{path}: recommendation {number} must be a mapping with id and text, got {raw!r}"
            )
        try:
            item = Recommendation.model_validate(raw)
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(str(part) for part in first["loc"]) or "item"
            reason = _reason(first)
            raise SvdutyError(
                f"{path}: recommendation {number}, field {field!r}: {reason}"
            ) from None
        if item.id in seen:
            raise SvdutyError(f"{path}: recommendation {number}: id {item.id!r} is used twice")
        seen.add(item.id)
        items.append(item)
    return Recommendations(items=tuple(items), source=str(path))


def _reason(error: dict) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a known field (known: id, text, theme, pillar, owner)"
    if kind == "string_too_short":
        return "must not be empty"
    return str(error.get("msg", "is invalid")).splitlines()[0]
