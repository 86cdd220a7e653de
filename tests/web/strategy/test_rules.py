"""The role rules of strategy records, asked of the models directly (the views use the same)."""

import pytest

from svduty.web.common.roles import Role
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "can_change", "can_add_recommendation"),
    [
        (Role.ADMINISTRATOR, True, True),
        (Role.COORDINATOR, True, True),
        (Role.ANALYST, False, True),
        (Role.BOARD_MEMBER, False, False),
        (Role.PROVIDER, False, False),
        (Role.VIEWER, False, False),
        (Role.PANEL_MEMBER, False, False),
    ],
)
def test_role_permissions_on_own_partnership(role, can_change, can_add_recommendation):
    action = f.ActionFactory()
    user = f.member(action.partnership, role)
    assert user.has_perm("strategy.view_action", action)
    assert user.has_perm("strategy.change_action", action) is can_change
    assert user.has_perm("strategy.add_action", action.partnership) is can_change
    assert (
        user.has_perm("strategy.add_recommendation", action.partnership) is can_add_recommendation
    )


def test_nothing_is_allowed_in_another_partnership():
    action = f.ActionFactory()
    outsider = f.member(f.PartnershipFactory(), Role.ADMINISTRATOR)
    for perm in ("view_action", "change_action", "add_quarterlyupdate", "view_strategy"):
        assert not outsider.has_perm(f"strategy.{perm}", action)


def test_provider_reports_only_on_its_own_organisations_actions():
    own = f.ActionFactory()
    other = f.ActionFactory(
        partnership=own.partnership,
        strategy=own.strategy,
        owner_organisation=f.OrganisationFactory(partnership=own.partnership),
    )
    provider = f.member(own.partnership, Role.PROVIDER, organisation=own.owner_organisation)
    assert provider.has_perm("strategy.add_quarterlyupdate", own)
    assert not provider.has_perm("strategy.add_quarterlyupdate", other)
    update = f.QuarterlyUpdateFactory(action=own)
    assert provider.has_perm("strategy.change_quarterlyupdate", update)
    assert not provider.has_perm("strategy.delete_quarterlyupdate", update)


def test_roles_are_per_partnership():
    first, second = f.ActionFactory(), f.ActionFactory()
    user = f.member(first.partnership, Role.COORDINATOR)
    f.MembershipFactory(user=user, partnership=second.partnership, role=Role.VIEWER)
    assert user.has_perm("strategy.change_action", first)
    assert user.has_perm("strategy.view_action", second)
    assert not user.has_perm("strategy.change_action", second)


def test_inactive_users_have_no_permissions():
    action = f.ActionFactory()
    user = f.member(action.partnership, Role.ADMINISTRATOR)
    user.is_active = False
    assert not user.has_perm("strategy.view_action", action)
