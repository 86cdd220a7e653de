"""The menu offers only what the user may open (every role of the authorisation matrix)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from svduty.web.common.access import forget_roles
from svduty.web.common.roles import ADMINISTRATORS, PANEL
from tests.web import factories as f
from tests.web.authz import ALL_ROLES, build_world

pytestmark = pytest.mark.django_db

MENU = re.compile(r'<nav aria-label="Menu".*?</nav>', re.S)
LINK = re.compile(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', re.S)
TAG = re.compile(r"<[^>]+>")


def menu_links(client, url: str) -> dict[str, str]:
    """``{label: href}`` of the main navigation on the page at ``url``."""
    response = client.get(url)
    assert response.status_code == 200
    nav = MENU.search(response.content.decode())
    assert nav is not None
    return {TAG.sub("", label).strip(): href for href, label in LINK.findall(nav.group(0))}


@pytest.fixture
def world():
    return build_world("own")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_menu_link_opens_for_the_role(client, world, role):
    user = f.member(world.partnership, role, organisation=world.owner)
    client.force_login(user)
    overview = reverse("partnership:overview", kwargs={"partnership": world.partnership.slug})
    links = menu_links(client, overview)

    assert "Overview" in links
    for label, href in links.items():
        forget_roles(user)
        assert client.get(href).status_code == 200, (role, label, href)

    assert ("Panel" in links) == (role in PANEL), role
    assert ("Panel access log" in links) == (role in ADMINISTRATORS), role
    assert ("Data uploads" in links) == (role in {"administrator", "coordinator", "analyst"})


def test_panel_member_sees_the_panel_and_others_do_not(client, world):
    overview = reverse("partnership:overview", kwargs={"partnership": world.partnership.slug})
    client.force_login(f.member(world.partnership, "viewer"))
    assert "Panel" not in menu_links(client, overview)
    client.force_login(f.member(world.partnership, "panel_member"))
    links = menu_links(client, overview)
    assert links["Panel"] == reverse("panel:home", kwargs={"partnership": "own"})
    assert "Panel access log" not in links


def test_administrator_opens_the_access_log_from_the_menu(client, world):
    client.force_login(f.member(world.partnership, "administrator"))
    overview = reverse("partnership:overview", kwargs={"partnership": world.partnership.slug})
    links = menu_links(client, overview)
    assert links["Panel access log"] == reverse("panel:access_log", kwargs={"partnership": "own"})
    response = client.get(links["Panel access log"])
    assert response.status_code == 200
    assert "Panel access log" in menu_links(client, links["Panel access log"])
    assert "Panel" not in links


def test_a_partnership_page_offers_no_menu_to_a_non_member(client, world):
    build_world("other")
    client.force_login(f.member(world.partnership, "administrator"))
    response = client.get(reverse("partnership:overview", kwargs={"partnership": "other"}))
    assert response.status_code == 404
    assert "Panel access log" not in response.content.decode()
