"""How a sentence names what it counts, so a proxy count never reads as serious violence itself.

Under a data.police.uk proxy definition every figure is a count of three published crime types,
not of serious violence as the Home Office or the partnership defines it. Each headline sentence
names its measure through :func:`measure_name`, and :func:`name_the_measure` is the safety net that
key findings pass through: a finding that does not already say "police.uk proxy" gets it after its
first mention of serious violence, or at its start when it has none.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from svduty.definitions import Definition

PROXY_LABEL = "police.uk proxy"
MEASURE = "serious violence"
#: The limitation every proxy assessment states (scope's limitations, the report's caveat).
PROXY_NOT_HOME_OFFICE = (
    "The police.uk proxy is not the Home Office definition of serious violence: it counts every "
    "crime of three data.police.uk crime types (violence and sexual offences, robbery, possession "
    "of weapons), so its figures cannot be compared with the Home Office core measures (homicide, "
    "knife-enabled serious violence, hospital admissions for assault with a sharp object) or with "
    "figures under a force-data definition."
)

_PLAIN = re.compile(r"\b([Ss]erious) violence\b")
_HYPHENATED = re.compile(r"\b([Ss]erious)-violence (\w+)")


def measure_name(definition: Definition, *, capital: bool = False) -> str:
    """``serious violence``, or ``serious violence (police.uk proxy)`` under a proxy definition.

    ``capital=True`` starts it with a capital letter, for the start of a sentence.
    """
    name = f"{MEASURE} ({PROXY_LABEL})" if definition.proxy else MEASURE
    return name[:1].upper() + name[1:] if capital else name


def name_the_measure(text: str, definition: Definition) -> str:
    """``text`` saying "police.uk proxy" when the definition is a proxy (unchanged otherwise).

    Text that already says it is kept as written. Otherwise the label follows the first
    "serious violence" ("serious-violence crimes" becomes "serious-violence crimes (police.uk
    proxy)"); a sentence that never names serious violence is prefixed "Police.uk proxy: ".
    """
    if not definition.proxy or PROXY_LABEL in text.casefold():
        return text
    label = f" ({PROXY_LABEL})"
    plain = _PLAIN.search(text)
    hyphenated = _HYPHENATED.search(text)
    if plain and (not hyphenated or plain.start() <= hyphenated.start()):
        return text[: plain.end()] + label + text[plain.end() :]
    if hyphenated:
        return text[: hyphenated.end()] + label + text[hyphenated.end() :]
    return f"{PROXY_LABEL[:1].upper()}{PROXY_LABEL[1:]}: {text}"
