"""A table-driven authorisation matrix: every partnership view × every role × own/other partnership.

Each app appends its :class:`ViewCase` rows to ``CASES`` (or adds a list to ``ALL_CASES``). For
each case the matrix asserts, for every role:

- a member of the URL's partnership whose role is in ``allowed`` gets 200; others get 403;
- the same role held only in *another* partnership gets 404 (its existence is not revealed);
- a record of another partnership addressed through one's own partnership URL gets 404;
- for forms, a POST is refused the same way (and an allowed, empty POST re-renders with errors);
- an anonymous visitor is sent to the log-in page.

``World`` holds one partnership's worth of records; ``kwargs(world)`` picks the URL's arguments.
Extend ``World`` (``build_world``) with your app's records in the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from svduty.web.common.roles import ANALYSTS, MANAGERS, READERS, Role
from tests.web import factories as f

ALL_ROLES = tuple(Role.values)


@dataclass
class World:
    """One partnership and a record of each kind; providers act for the action's owner."""

    partnership: Any
    owner: Any
    records: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["records"][name]
        except KeyError as error:
            raise AttributeError(name) from error


def build_world(name: str) -> World:
    partnership = f.PartnershipFactory(slug=name, name=name.title())
    owner = f.OrganisationFactory(partnership=partnership, name=f"{name} council")
    strategy = f.StrategyFactory(partnership=partnership)
    action = f.ActionFactory(partnership=partnership, strategy=strategy, owner_organisation=owner)
    records = {
        "organisation": owner,
        "strategy": strategy,
        "priority": f.PriorityFactory(partnership=partnership, strategy=strategy),
        "recommendation": f.RecommendationFactory(partnership=partnership, strategy=strategy),
        "action": action,
        "update": f.QuarterlyUpdateFactory(action=action, partnership=partnership),
        "board": f.BoardFactory(partnership=partnership),
        "officer": f.SeniorResponsibleOfficerFactory(partnership=partnership, organisation=owner),
        "agreement": f.PartnershipAgreementFactory(partnership=partnership),
        "requirement": f.DutyRequirementFactory(partnership=partnership),
    }
    records["measure"] = f.MeasureFactory(partnership=partnership)
    records["measure_value"] = f.MeasureValueFactory(
        partnership=partnership, measure=records["measure"]
    )
    world = World(partnership=partnership, owner=owner, records=records)
    for extend in WORLD_EXTENSIONS:
        world.records.update(extend(world))
    return world


#: Functions ``(world) -> {name: record}`` that other apps add to put their records in the world.
WORLD_EXTENSIONS: list[Callable[[World], dict[str, Any]]] = []


def no_record(world: World) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class ViewCase:
    url_name: str
    allowed: frozenset[str]
    kwargs: Callable[[World], dict[str, Any]] = no_record
    form: bool = False

    @property
    def takes_record(self) -> bool:
        return self.kwargs is not no_record

    @property
    def id(self) -> str:
        return self.url_name


def _pk(name: str) -> Callable[[World], dict[str, Any]]:
    return lambda world: {"pk": world.records[name].pk}


def _update(world: World) -> dict[str, Any]:
    return {"action": world.action.pk, "pk": world.update.pk}


def _history(world: World) -> dict[str, Any]:
    return {"app_label": "strategy", "model_name": "action", "pk": world.action.pk}


REPORTERS_ON_OWN_ACTION = MANAGERS | {Role.PROVIDER}

CASES: list[ViewCase] = [
    ViewCase("history", READERS, _history),
    # organisations
    ViewCase("organisations:list", READERS),
    ViewCase("organisations:add", MANAGERS, form=True),
    ViewCase("organisations:change", MANAGERS, _pk("organisation"), form=True),
    # partnership
    ViewCase("partnership:overview", READERS),
    ViewCase("partnership:governance", READERS),
    ViewCase("partnership:calendar", READERS),
    ViewCase("partnership:board_add", MANAGERS, form=True),
    ViewCase("partnership:board_change", MANAGERS, _pk("board"), form=True),
    ViewCase("partnership:officer_add", MANAGERS, form=True),
    ViewCase("partnership:officer_change", MANAGERS, _pk("officer"), form=True),
    ViewCase("partnership:agreement_add", MANAGERS, form=True),
    ViewCase("partnership:agreement_change", MANAGERS, _pk("agreement"), form=True),
    ViewCase("partnership:requirement_add", MANAGERS, form=True),
    ViewCase("partnership:requirement_standard", MANAGERS, form=True),
    ViewCase("partnership:requirement_change", MANAGERS, _pk("requirement"), form=True),
    # strategy
    ViewCase("strategy:overview", READERS),
    ViewCase("strategy:strategy_add", MANAGERS, form=True),
    ViewCase("strategy:strategy_change", MANAGERS, _pk("strategy"), form=True),
    ViewCase("strategy:priority_add", MANAGERS, form=True),
    ViewCase("strategy:priority_change", MANAGERS, _pk("priority"), form=True),
    ViewCase("strategy:recommendation_add", ANALYSTS, form=True),
    ViewCase("strategy:recommendation_change", ANALYSTS, _pk("recommendation"), form=True),
    ViewCase("strategy:delivery_plan", READERS),
    ViewCase("strategy:action_add", MANAGERS, form=True),
    ViewCase("strategy:action_detail", READERS, _pk("action")),
    ViewCase("strategy:action_change", MANAGERS, _pk("action"), form=True),
    ViewCase(
        "strategy:update_add",
        REPORTERS_ON_OWN_ACTION,
        lambda world: {"action": world.action.pk},
        form=True,
    ),
    ViewCase("strategy:update_change", REPORTERS_ON_OWN_ACTION, _update, form=True),
    # the measures framework: analysts define measures and enter reported figures
    ViewCase("strategy:measures", READERS),
    ViewCase("strategy:measure_add", ANALYSTS, form=True),
    ViewCase("strategy:measure_detail", READERS, _pk("measure")),
    ViewCase("strategy:measure_change", ANALYSTS, _pk("measure"), form=True),
    ViewCase(
        "strategy:measure_value_add",
        ANALYSTS,
        lambda world: {"measure": world.measure.pk},
        form=True,
    ),
    ViewCase(
        "strategy:measure_value_change",
        ANALYSTS,
        lambda world: {"measure": world.measure.pk, "pk": world.measure_value.pk},
        form=True,
    ),
]

#: Every table the matrix runs; other apps append their own lists.
ALL_CASES: list[list[ViewCase]] = [CASES]


def all_cases() -> list[ViewCase]:
    return [case for cases in ALL_CASES for case in cases]


def partnership_url_names() -> set[str]:
    """Names of every URL that takes a ``partnership`` argument (namespaced as ``app:name``)."""
    names: set[str] = set()

    def walk(patterns, namespace: str | None, prefix_has_partnership: bool) -> None:
        for pattern in patterns:
            converters = getattr(pattern.pattern, "converters", {})
            has = prefix_has_partnership or "partnership" in converters
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace, has)
            elif isinstance(pattern, URLPattern) and pattern.name and has:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None, False)
    return names


# Funding, interventions, training, consultation and the board report (tests/web/authz_delivery.py).
from tests.web.authz_delivery import DELIVERY_CASES, extend_world  # noqa: E402

ALL_CASES.append(DELIVERY_CASES)
WORLD_EXTENSIONS.append(extend_world)

# The operational panel: need-to-know (tests/web/panel/authz_panel.py).
from tests.web.panel.authz_panel import PANEL_CASES  # noqa: E402
from tests.web.panel.authz_panel import extend_world as extend_panel_world  # noqa: E402

ALL_CASES.append(PANEL_CASES)
WORLD_EXTENSIONS.append(extend_panel_world)

# Insight: uploads, dashboards, reports, publishing (tests/web/insight/authz_insight.py).
from tests.web.insight.authz_insight import INSIGHT_CASES  # noqa: E402
from tests.web.insight.authz_insight import extend_world as extend_insight_world  # noqa: E402

ALL_CASES.append(INSIGHT_CASES)
WORLD_EXTENSIONS.append(extend_insight_world)
