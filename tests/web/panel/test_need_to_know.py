"""Need-to-know on every panel view, by the six kinds of visitor the panel must tell apart.

The full role × partnership matrix runs in ``tests/web/test_authorisation_matrix.py`` (rows in
``authz_panel.py``); this adds the people it does not build: a signed-in user with no membership
anywhere, a superuser (no membership: no panel data either), and someone who is a panel member
elsewhere but only a board member here.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from svduty.web.common.roles import ADMINISTRATORS, PANEL
from tests.web import factories as f
from tests.web.authz import build_world
from tests.web.panel.authz_panel import PANEL_CASES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", PANEL_CASES, ids=lambda case: case.id)
def test_six_kinds_of_visitor(client, case):
    own, other = build_world("own"), build_world("other")
    url = reverse(case.url_name, kwargs={"partnership": "own", **case.kwargs(own)})

    response = client.get(url)  # anonymous
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    nobody = f.UserFactory()  # signed in, member of nothing
    superuser = f.UserFactory(is_superuser=True, is_staff=True)
    elsewhere = f.member(other.partnership, "panel_member")  # another partnership's panel
    board_here = f.member(other.partnership, "panel_member")
    f.MembershipFactory(partnership=own.partnership, user=board_here, role="board_member")
    for user in (nobody, superuser, elsewhere):
        client.force_login(user)
        assert client.get(url).status_code == 404, (case.url_name, user)
    client.force_login(board_here)
    assert client.get(url).status_code == 403

    panel = f.member(own.partnership, "panel_member")
    admin = f.member(own.partnership, "administrator")
    for user, group in ((panel, PANEL), (admin, ADMINISTRATORS)):
        client.force_login(user)
        assert client.get(url).status_code == (200 if case.allowed == group else 403)
