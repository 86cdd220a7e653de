"""Signing in and out, lock-out after repeated failures, password reset by e-mail, hashing."""

import pytest
from django.core import mail
from django.urls import reverse

from svduty.web.common.access import roles_by_partnership
from svduty.web.organisations.models import SPECIFIED_AUTHORITY_KINDS, OrganisationKind
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_sign_in_goes_to_the_only_partnership_and_sign_out_works(client):
    p = f.PartnershipFactory(slug="county")
    user = f.member(p, "viewer")
    response = login(client, user.username, f.PASSWORD)
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == "/p/county/"
    assert client.post(reverse("logout")).status_code == 302
    assert client.get("/p/county/").status_code == 302


def test_wrong_password_shows_the_error_summary(client):
    user = f.UserFactory()
    html = login(client, user.username, "wrong").content.decode()
    assert "There is a problem" in html and 'href="#id_username"' in html


def test_lock_out_after_five_failures_even_with_the_right_password(client):
    user = f.UserFactory()
    for _ in range(4):
        assert login(client, user.username, "wrong").status_code == 200
    assert login(client, user.username, "wrong").status_code == 429
    response = login(client, user.username, f.PASSWORD)
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()


def test_password_reset_sends_a_working_link(client):
    user = f.UserFactory(email="coordinator@example.org")
    response = client.post(reverse("password_reset"), {"email": "coordinator@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["coordinator@example.org"]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    form_url = client.get(path)["Location"]  # Django swaps the token for a session marker
    new = "a-new-long-passphrase-2025"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_reset_of_unknown_address_reveals_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302 and mail.outbox == []


def test_production_settings_hash_with_argon2(settings):
    from django.contrib.auth.hashers import check_password, make_password

    from svduty.web.project import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    encoded = make_password("secret")
    assert encoded.startswith("argon2$argon2id$")
    assert check_password("secret", encoded) and not check_password("Secret", encoded)


def test_organisation_kinds_cover_the_duty():
    assert {k.value for k in SPECIFIED_AUTHORITY_KINDS} == {
        "police",
        "fire_and_rescue",
        "integrated_care_board",
        "county_council",
        "district_council",
        "unitary_authority",
        "youth_offending_team",
        "probation",
    }
    assert {"education", "prison", "youth_custody", "convener", "voluntary_sector"} <= set(
        OrganisationKind.values
    )


def test_roles_by_partnership_collects_every_membership():
    first, second = f.PartnershipFactory(), f.PartnershipFactory()
    user = f.member(first, "coordinator")
    f.MembershipFactory(user=user, partnership=first, role="analyst")
    f.MembershipFactory(user=user, partnership=second, role="viewer")
    assert roles_by_partnership(user) == {
        first.pk: frozenset({"coordinator", "analyst"}),
        second.pk: frozenset({"viewer"}),
    }
