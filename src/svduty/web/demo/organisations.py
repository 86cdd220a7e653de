"""The demo's organisations, lead authority and convener, and a log-in for each role."""

from __future__ import annotations

import datetime as dt

from svduty.web.demo.context import DEMO_PASSWORD, DemoContext, DemoLogin
from svduty.web.demo.data import Record, load
from svduty.web.organisations.models import Membership, Organisation, User


class OrganisationRow(Record):
    key: str
    name: str
    kind: str


class UserRow(Record):
    username: str
    role: str
    organisation: str
    description: str


class OrganisationsData(Record):
    organisations: tuple[OrganisationRow, ...]
    users: tuple[UserRow, ...]


def _data() -> OrganisationsData:
    return load("organisations", OrganisationsData)


def seed_organisations(context: DemoContext, today: dt.date) -> None:
    """Every organisation by key; the county council leads and the PCC's office convenes."""
    for row in _data().organisations:
        context.organisations[row.key] = Organisation.objects.create(
            partnership=context.partnership, name=row.name, kind=row.kind
        )
    partnership = context.partnership
    partnership.lead_authority = context.organisations["county"]
    partnership.convener = context.organisations["opcc"]
    partnership.save()


def seed_users(context: DemoContext, today: dt.date) -> None:
    """One user per role, a member of its organisation, all with the demo password."""
    for row in _data().users:
        user = User.objects.create_user(
            username=row.username,
            email=f"{row.username}@sample-county.example",
            password=DEMO_PASSWORD,
            first_name=row.username.capitalize(),
            last_name="Demo",
        )
        Membership.objects.create(
            partnership=context.partnership,
            user=user,
            role=row.role,
            organisation=context.organisations[row.organisation],
        )
        context.users[row.username] = user
        context.logins.append(DemoLogin(row.username, DEMO_PASSWORD, row.role, row.description))


def reset_passwords() -> list[DemoLogin]:
    """Set the demo password again on the demo users still there; their log-ins."""
    logins = []
    for row in _data().users:
        user = User.objects.filter(username=row.username).first()
        if user is not None:
            user.set_password(DEMO_PASSWORD)
            user.save()
            logins.append(DemoLogin(row.username, DEMO_PASSWORD, row.role, row.description))
    return logins
