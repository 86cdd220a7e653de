"""The Django admin: partnership administrators only, and only their partnerships' rows."""

import pytest

from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_administrators_see_only_their_partnerships_rows(client):
    mine, theirs = f.ActionFactory(title="Mine"), f.ActionFactory(title="Theirs")
    admin = f.member(mine.partnership, "administrator")
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200
    html = client.get("/admin/strategy/action/").content.decode()
    assert "Mine" in html and "Theirs" not in html
    assert client.get(f"/admin/strategy/action/{mine.pk}/change/").status_code == 200
    assert client.get(f"/admin/strategy/action/{theirs.pk}/change/").status_code == 302
    users = client.get("/admin/organisations/user/").content.decode()
    assert admin.username in users


@pytest.mark.parametrize("role", ["coordinator", "analyst", "viewer", "provider"])
def test_other_roles_are_refused(client, role):
    action = f.ActionFactory()
    client.force_login(f.member(action.partnership, role))
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403


def test_anonymous_visitors_sign_in_on_the_service_page(client):
    response = client.get("/admin/login/?next=/admin/strategy/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/strategy/"


def test_superusers_see_everything(client):
    f.ActionFactory(title="First"), f.ActionFactory(title="Second")
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    html = client.get("/admin/strategy/action/").content.decode()
    assert "First" in html and "Second" in html


def test_administrators_only_choose_their_members_or_newcomers(client):
    mine, theirs = f.PartnershipFactory(), f.PartnershipFactory()
    admin = f.member(mine, "administrator")
    colleague = f.member(mine, "viewer")
    stranger = f.member(theirs, "viewer")
    newcomer = f.UserFactory()
    client.force_login(admin)
    html = client.get("/admin/organisations/membership/add/").content.decode()
    assert colleague.username in html and newcomer.username in html
    assert stranger.username not in html
    users = client.get("/admin/organisations/user/").content.decode()
    assert stranger.username not in users and newcomer.username in users


def test_administrators_cannot_take_over_an_account_with_a_membership_elsewhere(client):
    mine, theirs = f.PartnershipFactory(), f.PartnershipFactory()
    admin = f.member(mine, "administrator")
    # Another partnership's administrator who also sits in ours as a viewer.
    other_admin = f.member(theirs, "administrator")
    f.MembershipFactory(user=other_admin, partnership=mine, role="viewer")
    other_admin.set_password("their-own-secret-123")
    other_admin.save()
    client.force_login(admin)
    change = f"/admin/organisations/user/{other_admin.pk}/"
    # Shown read-only: the membership can still be removed, the account not changed.
    page = client.get(f"{change}change/")
    assert page.status_code == 200
    assert 'name="email"' not in page.content.decode()
    assert client.get(f"{change}password/").status_code == 403
    response = client.post(
        f"{change}password/",
        {"password1": "Taken-over-987!", "password2": "Taken-over-987!"},
    )
    assert response.status_code == 403
    client.post(
        f"{change}change/",
        {"username": "hijacked", "email": "attacker@example.org"},
    )
    other_admin.refresh_from_db()
    assert other_admin.username != "hijacked"
    assert other_admin.email != "attacker@example.org"
    assert other_admin.check_password("their-own-secret-123")


def test_administrators_change_accounts_wholly_within_their_partnerships(client):
    mine = f.PartnershipFactory()
    admin = f.member(mine, "administrator")
    colleague = f.member(mine, "viewer")
    client.force_login(admin)
    response = client.post(
        f"/admin/organisations/user/{colleague.pk}/password/",
        {"password1": "A-new-start-246!", "password2": "A-new-start-246!"},
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.check_password("A-new-start-246!")


def test_a_used_account_without_memberships_is_a_superusers_to_change(client):
    from django.utils import timezone

    admin = f.member(f.PartnershipFactory(), "administrator")
    newcomer = f.UserFactory()
    former = f.UserFactory(last_login=timezone.now())
    client.force_login(admin)
    assert client.get(f"/admin/organisations/user/{newcomer.pk}/password/").status_code == 200
    assert client.get(f"/admin/organisations/user/{former.pk}/password/").status_code == 403
