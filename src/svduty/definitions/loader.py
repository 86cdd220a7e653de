"""Find and read definitions: a preset shipped with svduty, or a YAML file of the user's own."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from svduty.definitions.schema import CATEGORIES, Definition
from svduty.errors import SvdutyError

_PRESETS = "presets"
#: The preset svduty opens with when no definition is chosen: the demo's, and the web app's
#: fallback. ``svduty classify --help`` lists the columns it reads.
DEFAULT_DEFINITION = "northamptonshire"


def preset_names() -> tuple[str, ...]:
    """Names of the presets shipped as package data, sorted."""
    folder = resources.files("svduty.definitions").joinpath(_PRESETS)
    return tuple(
        sorted(
            entry.name.removesuffix(".yaml")
            for entry in folder.iterdir()
            if entry.name.endswith(".yaml")
        )
    )


def presets() -> tuple[Definition, ...]:
    """Every shipped preset, parsed."""
    return tuple(load_definition(name) for name in preset_names())


def load_definition(name_or_path: str | Path) -> Definition:
    """A preset by name (``northamptonshire``) or a definition YAML file by path.

    Raises :class:`SvdutyError` (one line naming the file and the problem) for an unknown name,
    malformed YAML, an unknown tag, an unknown offence code or any other schema breach.
    """
    if isinstance(name_or_path, str) and name_or_path in preset_names():
        return _load_preset(name_or_path)
    path = Path(name_or_path)
    if path.is_file():
        return parse_definition(path.read_text(encoding="utf-8"), str(path))
    raise SvdutyError(
        f"unknown definition {str(name_or_path)!r}: not a preset "
        f"({', '.join(preset_names())}) nor a YAML file"
    )


def load_preset(name: str) -> Definition:
    """A shipped preset by name only: never reads a path.

    For requests from the web, where a parameter is somebody else's input: a path there would let
    any signed-in user make the server read, time and parse any file it can open.
    """
    if name in preset_names():
        return _load_preset(name)
    choices = ", ".join(preset_names())
    raise SvdutyError(f"unknown definition {name[:100]!r}: choose one of {choices}")


@cache
def _load_preset(name: str) -> Definition:
    resource = resources.files("svduty.definitions").joinpath(f"{_PRESETS}/{name}.yaml")
    return parse_definition(resource.read_text(encoding="utf-8"), f"preset {name}.yaml")


def parse_definition(text: str, origin: str) -> Definition:
    """Parse YAML text; ``origin`` (a file name) starts every error message."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or type(error).__name__
        raise SvdutyError(f"{origin}: malformed YAML{where}: {problem}") from None
    if not isinstance(data, dict):
        raise SvdutyError(f"{origin}: a definition must be a YAML mapping with name, title, rules")
    try:
        return Definition.model_validate(data)
    except ValidationError as error:
        raise SvdutyError(f"{origin}: {_first_problem(error)}") from None


def _first_problem(error: ValidationError) -> str:
    """One line for the first schema breach: where it is and what is wrong."""
    problem = error.errors()[0]
    location = ".".join(
        f"[{part}]" if isinstance(part, int) else str(part) for part in problem["loc"]
    ).replace(".[", "[")
    kind = problem["type"]
    if kind == "literal_error" and location.endswith("tag"):
        message = f"unknown tag {problem['input']!r} (known: {', '.join(CATEGORIES)})"
    elif kind == "extra_forbidden":
        message = "unknown field"
    elif kind == "missing":
        message = "required field missing"
    else:
        message = problem["msg"].removeprefix("Value error, ")
    extra = len(error.errors()) - 1
    more = f" (and {extra} more problem{'s' if extra > 1 else ''})" if extra else ""
    return f"{location}: {message}{more}" if location else f"{message}{more}"
