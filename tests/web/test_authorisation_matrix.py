"""Every partnership view × every role × own/other partnership (table in ``tests/web/authz.py``)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from svduty.web.common.access import forget_roles
from tests.web import factories as f
from tests.web.authz import ALL_ROLES, all_cases, build_world, partnership_url_names

pytestmark = pytest.mark.django_db


def test_every_partnership_url_has_a_case():
    covered = {case.url_name for case in all_cases()}
    assert partnership_url_names() - covered == set()


@pytest.mark.parametrize("case", all_cases(), ids=lambda case: case.id)
def test_view_obeys_roles_and_partnership(client, case):
    own, other = build_world("own"), build_world("other")
    url = reverse(case.url_name, kwargs={"partnership": own.partnership.slug, **case.kwargs(own)})

    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    for role in ALL_ROLES:
        # Providers act for the organisation that owns the world's action.
        insider = f.member(own.partnership, role, organisation=own.owner)
        outsider = f.member(other.partnership, role, organisation=other.owner)
        expected = 200 if role in case.allowed else 403

        client.force_login(insider)
        assert client.get(url).status_code == expected, (case.url_name, role, "own")
        if case.form:
            response = client.post(url, {})
            assert response.status_code == expected, (case.url_name, role, "own POST")
            if expected == 200:
                assert "There is a problem" in response.content.decode()

        client.force_login(outsider)
        assert client.get(url).status_code == 404, (case.url_name, role, "other")
        if case.form:
            assert client.post(url, {}).status_code == 404, (case.url_name, role, "other POST")
        forget_roles(insider)


@pytest.mark.parametrize(
    "case", [case for case in all_cases() if case.takes_record], ids=lambda case: case.id
)
def test_records_of_another_partnership_are_not_found(client, case):
    own, other = build_world("own"), build_world("other")
    other_kwargs = case.kwargs(other)
    url = reverse(case.url_name, kwargs={"partnership": own.partnership.slug, **other_kwargs})
    client.force_login(f.member(own.partnership, "administrator", organisation=own.owner))
    assert client.get(url).status_code == 404


def test_provider_of_another_organisation_cannot_report(client):
    own = build_world("own")
    elsewhere = f.OrganisationFactory(partnership=own.partnership, name="Another provider")
    provider = f.member(own.partnership, "provider", organisation=elsewhere)
    client.force_login(provider)
    url = reverse("strategy:update_add", kwargs={"partnership": "own", "action": own.action.pk})
    assert client.get(url).status_code == 403
