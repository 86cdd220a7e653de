"""Partnership scoping and role rules: the predicates every model's permissions use.

Every object belongs to a partnership (``obj.partnership_id``; a ``Partnership`` belongs to itself).
A user may act on an object only through a membership of that partnership whose role is in the
group the permission names (see :mod:`svduty.web.common.roles`). Permissions are ``rules``
predicates, so ``user.has_perm("strategy.change_action", action)`` and ``{% has_perm %}`` in
templates agree with the views (whose mixins are in :mod:`svduty.web.common.mixins`).

Roles are read through the user's ``memberships`` (the reverse of ``Membership.user``), so this
module imports no model: the models import it for their permissions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import rules

from svduty.web.common.roles import Role

_ROLES_CACHE = "_svduty_roles_by_partnership"


def partnership_id_of(obj: Any) -> int | None:
    """The id of the partnership an object belongs to (``Partnership.partnership_id`` is its pk)."""
    return getattr(obj, "partnership_id", None)


def roles_by_partnership(user: Any) -> dict[int, frozenset[str]]:
    """The user's roles in each of their partnerships, read once per user object (per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, _ROLES_CACHE, None)
    if cached is None:
        found: dict[int, set[str]] = {}
        for partnership_id, role in user.memberships.values_list("partnership_id", "role"):
            found.setdefault(partnership_id, set()).add(role)
        cached = {key: frozenset(value) for key, value in found.items()}
        setattr(user, _ROLES_CACHE, cached)
    return cached


def forget_roles(user: Any) -> None:
    """Drop the cached roles (after memberships change within one request or test)."""
    if hasattr(user, _ROLES_CACHE):
        delattr(user, _ROLES_CACHE)


def roles_in(user: Any, obj: Any) -> frozenset[str]:
    """The user's roles in the partnership that ``obj`` belongs to."""
    return roles_by_partnership(user).get(partnership_id_of(obj), frozenset())


def member_with(roles: Iterable[str]) -> rules.Predicate:
    """Predicate: the user holds one of ``roles`` in the object's partnership.

    With no object (lists, the admin's index) it asks whether the user holds one of the roles in
    any partnership; querysets must then be narrowed with :func:`visible_partnership_ids`.
    """
    wanted = frozenset(roles)

    @rules.predicate(name=f"member_with({','.join(sorted(wanted))})")
    def predicate(user: Any, obj: Any = None) -> bool:
        if obj is None:
            return any(held & wanted for held in roles_by_partnership(user).values())
        return bool(roles_in(user, obj) & wanted)

    return predicate


def acts_as_provider_for(
    user: Any, partnership_id: int | None, organisation_id: int | None
) -> bool:
    """The user is a provider member of the partnership acting for the organisation.

    The object rules of the apps use it: providers report on what their organisation owns,
    delivers or applied for.
    """
    if organisation_id is None or not getattr(user, "is_authenticated", False):
        return False
    return user.memberships.filter(
        partnership_id=partnership_id, role=Role.PROVIDER, organisation_id=organisation_id
    ).exists()


def visible_partnership_ids(user: Any, roles: Iterable[str] | None = None) -> list[int]:
    """Ids of the partnerships in which the user holds any role (or one of ``roles``)."""
    wanted = frozenset(roles) if roles is not None else None
    return [
        pid for pid, held in roles_by_partnership(user).items() if wanted is None or held & wanted
    ]


def belongs_to_partnership(model: type) -> bool:
    """True for models with a ``partnership`` foreign key (every app model but ``Partnership``)."""
    return any(field.name == "partnership" for field in model._meta.fields)


def permission_name(model: type, action: str) -> str:
    """``"<app_label>.<action>_<model_name>"``: the name ``rules_permissions`` registers."""
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"
