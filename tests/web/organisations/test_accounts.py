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


def test_one_address_spraying_many_user_names_is_locked_out_and_logged(client, settings, caplog):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    victims = [f.UserFactory() for _ in range(9)]
    with caplog.at_level("WARNING", logger="svduty.security"):
        for user in victims[:7]:  # one wrong password per user name: no pair reaches five
            assert login(client, user.username, "Spring2026!").status_code == 200
        assert login(client, victims[7].username, "Spring2026!").status_code == 429
    assert login(client, victims[8].username, f.PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    (record,) = [r for r in caplog.records if r.name == "svduty.security"]
    assert record.getMessage() == (
        "Locked out address 127.0.0.1 after 8 failed log-ins against 8 user names"
    )
    other_address = login(client.__class__(REMOTE_ADDR="10.0.0.9"), victims[8].username, f.PASSWORD)
    assert other_address.status_code == 302


def test_a_valid_log_in_does_not_clear_an_addresss_failures_against_others(client, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6
    own = f.UserFactory()
    others = [f.UserFactory() for _ in range(6)]
    for user in others[:4]:
        login(client, user.username, "wrong")
    assert login(client, own.username, f.PASSWORD).status_code == 302
    client.post(reverse("logout"))
    assert login(client, others[4].username, "wrong").status_code == 200
    assert login(client, others[5].username, "wrong").status_code == 429
    assert login(client, own.username, f.PASSWORD).status_code == 429


def test_a_signed_in_user_changes_their_own_password(client):
    from django.test import Client

    user = f.member(f.PartnershipFactory(), "viewer")
    other_device = Client()
    other_device.force_login(user)
    client.force_login(user)
    home = client.get("/", follow=True).content.decode()
    assert 'href="/accounts/password/"' in home
    form = client.get(reverse("password_change"))
    assert form.status_code == 200 and "Change your password" in form.content.decode()
    wrong = client.post(
        reverse("password_change"),
        {"old_password": "not-it", "new_password1": "Fresh-Start-8642", "new_password2": "x"},
    ).content.decode()
    assert "There is a problem" in wrong
    done = client.post(
        reverse("password_change"),
        {
            "old_password": f.PASSWORD,
            "new_password1": "Fresh-Start-8642",
            "new_password2": "Fresh-Start-8642",
        },
        follow=True,
    )
    assert "Your password has been changed" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password("Fresh-Start-8642")
    assert client.get(reverse("password_change")).status_code == 200  # still signed in here
    assert other_device.get(reverse("password_change")).status_code == 302  # signed out there


def test_password_change_needs_a_sign_in(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
