"""The abstract base of partnership records: the key, default permissions, parent's partnership."""

import pytest
from django.apps import apps

from svduty.web.common.models import READ_MANAGE, PartnershipOwned, PartnershipOwnedBase
from svduty.web.common.roles import Role
from svduty.web.consultation.models import ConsultationResponse
from svduty.web.organisations.models import Organisation
from tests.web import factories as f
from tests.web.consultation.factories import ConsultationFactory

OWN_APPS = {
    "organisations",
    "partnership",
    "strategy",
    "funding",
    "interventions",
    "training",
    "consultation",
    "panel",
    "insight",
}


def _owned_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in OWN_APPS
        and not model.__name__.startswith("Historical")
        and any(field.name == "partnership" for field in model._meta.fields)
    ]


def test_every_model_with_a_partnership_derives_from_the_base():
    strays = [m.__name__ for m in _owned_models() if not issubclass(m, PartnershipOwnedBase)]
    assert strays == []


def test_every_record_has_the_four_permissions():
    for model in _owned_models():
        assert {"view", "add", "change", "delete"} <= set(model._meta.rules_permissions), model


def test_a_model_states_only_what_differs_from_the_defaults():
    permissions = Organisation._meta.rules_permissions
    for action in ("view", "add", "change"):
        assert permissions[action] is READ_MANAGE[action]
    assert permissions["delete"] is not READ_MANAGE["delete"]


def test_history_except_on_the_panels_restricted_data():
    for model in _owned_models():
        has_history = hasattr(model._meta, "simple_history_manager_attribute")
        assert has_history is (model._meta.app_label != "panel"), model
        if issubclass(model, PartnershipOwned):
            assert has_history


@pytest.mark.django_db
def test_a_child_record_takes_its_parents_partnership():
    consultation = ConsultationFactory()
    elsewhere = f.PartnershipFactory()
    response = ConsultationResponse(
        partnership=elsewhere,
        consultation=consultation,
        consultee_kind="community",
        consultee="Residents",
        method="survey",
        held_on="2024-05-01",
        what_they_said="More youth work.",
    )
    response.save()
    assert response.partnership_id == consultation.partnership_id


@pytest.mark.django_db
def test_roles_are_read_through_the_users_memberships():
    organisation = f.OrganisationFactory()
    viewer = f.member(organisation.partnership, Role.VIEWER)
    assert viewer.has_perm("organisations.view_organisation", organisation)
    assert not viewer.has_perm("organisations.delete_organisation", organisation)
