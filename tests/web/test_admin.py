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
