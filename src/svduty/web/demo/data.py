"""Read the demo's content, ``data/<name>.yaml`` beside the seeders (shipped in the wheel).

The files hold what the demo says (names, texts, amounts, dates fixed in the past); the seeders
keep what is computed (random draws, dates relative to today). Each file is checked against a
schema, so a typo fails with one line naming the file and the place, not deep inside a seeder.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from svduty.errors import SvdutyError

Schema = TypeVar("Schema", bound=BaseModel)


class Record(BaseModel):
    """A part of a demo data file: unknown fields are errors, and values are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@cache
def load(name: str, schema: type[Schema]) -> Schema:
    """``data/<name>.yaml`` parsed and checked against ``schema``, once per process."""
    resource = resources.files("svduty.web.demo").joinpath(f"data/{name}.yaml")
    return parse(resource.read_text(encoding="utf-8"), f"svduty/web/demo/data/{name}.yaml", schema)


def parse(text: str, origin: str, schema: type[Schema]) -> Schema:
    """YAML ``text`` checked against ``schema``.

    Raises :class:`SvdutyError` starting with ``origin`` (the file's name) for malformed YAML or a
    breach of the schema.
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or type(error).__name__
        raise SvdutyError(f"{origin}: malformed YAML{where}: {problem}") from None
    try:
        return schema.model_validate(data)
    except ValidationError as error:
        raise SvdutyError(f"{origin}: {_first_problem(error)}") from None


def _first_problem(error: ValidationError) -> str:
    """Where the first breach is (``actions[3].pillar``) and what is wrong."""
    problem = error.errors()[0]
    location = "".join(
        f"[{part}]" if isinstance(part, int) else f".{part}" for part in problem["loc"]
    ).lstrip(".")
    extra = len(error.errors()) - 1
    more = f" (and {extra} more)" if extra else ""
    return f"{location or 'file'}: {problem['msg']}{more}"
