"""Organisations (by their kind under the Duty), users, and memberships that carry a role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords

from svduty.web.common.access import member_with
from svduty.web.common.models import PartnershipOwned, partnership_key
from svduty.web.common.roles import ADMINISTRATORS, Role


class OrganisationKind(models.TextChoices):
    """Specified authorities (s.11 PCSC Act 2022), relevant authorities, convener, providers."""

    POLICE = "police", "Chief officer of police"
    FIRE_AND_RESCUE = "fire_and_rescue", "Fire and rescue authority"
    INTEGRATED_CARE_BOARD = "integrated_care_board", "Integrated care board"
    COUNTY_COUNCIL = "county_council", "Local authority: county council"
    DISTRICT_COUNCIL = "district_council", "Local authority: district or borough council"
    UNITARY_AUTHORITY = "unitary_authority", "Local authority: unitary authority"
    YOUTH_OFFENDING_TEAM = "youth_offending_team", "Youth offending team"
    PROBATION = "probation", "Probation service"
    EDUCATION = "education", "Relevant authority: educational authority"
    PRISON = "prison", "Relevant authority: prison"
    YOUTH_CUSTODY = "youth_custody", "Relevant authority: youth custody"
    CONVENER = "convener", "Convener (police and crime commissioner)"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary-sector provider"


SPECIFIED_AUTHORITY_KINDS = frozenset(
    {
        OrganisationKind.POLICE,
        OrganisationKind.FIRE_AND_RESCUE,
        OrganisationKind.INTEGRATED_CARE_BOARD,
        OrganisationKind.COUNTY_COUNCIL,
        OrganisationKind.DISTRICT_COUNCIL,
        OrganisationKind.UNITARY_AUTHORITY,
        OrganisationKind.YOUTH_OFFENDING_TEAM,
        OrganisationKind.PROBATION,
    }
)
RELEVANT_AUTHORITY_KINDS = frozenset(
    {OrganisationKind.EDUCATION, OrganisationKind.PRISON, OrganisationKind.YOUTH_CUSTODY}
)
LOCAL_AUTHORITY_KINDS = frozenset(
    {
        OrganisationKind.COUNTY_COUNCIL,
        OrganisationKind.DISTRICT_COUNCIL,
        OrganisationKind.UNITARY_AUTHORITY,
    }
)


class User(AbstractUser):
    """A person who signs in. What they may do comes from their memberships, not from flags."""

    history = HistoricalRecords()

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class Organisation(PartnershipOwned):
    """A body in a partnership: a specified or relevant authority, convener or provider."""

    partnership = partnership_key("organisations")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, choices=OrganisationKind.choices)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="unique_organisation_name")
        ]
        rules_permissions = {"delete": member_with(ADMINISTRATORS)}

    def __str__(self) -> str:
        return self.name

    @property
    def is_specified_authority(self) -> bool:
        return self.kind in SPECIFIED_AUTHORITY_KINDS

    @property
    def is_relevant_authority(self) -> bool:
        return self.kind in RELEVANT_AUTHORITY_KINDS


class Membership(PartnershipOwned):
    """A user's role in one partnership, optionally on behalf of one of its organisations."""

    partnership = partnership_key("memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="The organisation the person acts for; providers report on its actions.",
    )

    class Meta:
        ordering = ["user__username", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "user", "role"], name="unique_membership_role"
            )
        ]
        rules_permissions = {
            "view": member_with(ADMINISTRATORS),
            "add": member_with(ADMINISTRATORS),
            "change": member_with(ADMINISTRATORS),
            "delete": member_with(ADMINISTRATORS),
        }

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.partnership}"
