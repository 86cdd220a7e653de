"""Panel records: referrals of young people, meetings, networks, place reviews, and the audit trail.

Need-to-know: every record is visible to the partnership's panel members only (``roles.PANEL``).
Identity fields (name, date of birth, address) are encrypted at rest (:mod:`.fields`) and shown
behind the referral's pseudonymous ``reference``. Panel models keep no django-simple-history copy:
history tables would keep identity data after a retention deletion; the access log records every
change instead (who, when, which record, which fields).
"""

from __future__ import annotations

import datetime as dt
import secrets

import rules
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from svduty.web.common.access import member_with
from svduty.web.common.models import PartnershipOwnedBase, partnership_key
from svduty.web.common.roles import ADMINISTRATORS, PANEL
from svduty.web.panel.fields import EncryptedDateField, EncryptedTextField

PANEL_ONLY = {
    "view": member_with(PANEL),
    "add": member_with(PANEL),
    "change": member_with(PANEL),
    "delete": member_with(PANEL),
}
_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference(prefix: str = "YP") -> str:
    """A random pseudonymous reference such as ``YP-7K3F9Q`` (carries nothing about the person)."""
    return f"{prefix}-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))


class RiskIndicator(models.TextChoices):
    CRIMINAL_EXPLOITATION = "criminal_exploitation", "Criminal exploitation (incl. county lines)"
    SEXUAL_EXPLOITATION = "sexual_exploitation", "Sexual exploitation"
    WEAPON_CARRYING = "weapon_carrying", "Weapon carrying"
    VICTIM_OF_VIOLENCE = "victim_of_violence", "Victim of violence"
    PERPETRATOR_OF_VIOLENCE = "perpetrator_of_violence", "Perpetrator of violence"
    MISSING_EPISODES = "missing_episodes", "Missing episodes"
    EXCLUSION = "exclusion", "Excluded or at risk of exclusion from school"
    DRUG_SUPPLY = "drug_supply", "Involvement in drug supply"
    GANG_ASSOCIATION = "gang_association", "Association with a group of concern"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse at home"


class AgeBand(models.TextChoices):
    UNDER_10 = "0-9", "Under 10"
    AGE_10_13 = "10-13", "10 to 13"
    AGE_14_15 = "14-15", "14 to 15"
    AGE_16_17 = "16-17", "16 to 17"
    AGE_18_20 = "18-20", "18 to 20"
    AGE_21_25 = "21-25", "21 to 25"
    OVER_25 = "26+", "Over 25"


def age_band(date_of_birth: dt.date, on: dt.date) -> str:
    """The age band of someone born on ``date_of_birth`` at the date ``on``."""
    age = (
        on.year
        - date_of_birth.year
        - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))
    )
    for band in AgeBand:
        low, _, high = band.value.partition("-")
        if high and int(low) <= age <= int(high):
            return band.value
        if not high and age >= int(low.rstrip("+")):
            return band.value
    return AgeBand.UNDER_10.value


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_KNOWN = "not_known", "Not known"


class Ethnicity(models.TextChoices):
    """ONS 2021 census high-level ethnic groups."""

    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"
    NOT_STATED = "not_stated", "Not stated"


class LawfulBasis(models.TextChoices):
    """UK GDPR Article 6 basis (with DPA 2018 Sch. 1 for special category data) for sharing."""

    PUBLIC_TASK = "public_task", "Public task (Art. 6(1)(e)) – safeguarding and crime prevention"
    LEGAL_OBLIGATION = "legal_obligation", "Legal obligation (Art. 6(1)(c))"
    VITAL_INTERESTS = "vital_interests", "Vital interests (Art. 6(1)(d))"
    CONSENT = "consent", "Consent (Art. 6(1)(a))"


class ConsentStatus(models.TextChoices):
    GIVEN = "given", "Consent given"
    REFUSED = "refused", "Consent refused – shared on another lawful basis"
    NOT_SOUGHT = "not_sought", "Not sought – seeking it would increase risk"
    NOT_REQUIRED = "not_required", "Not required for the lawful basis used"


class RiskLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    VERY_HIGH = "very_high", "Very high"


class CaseStatus(models.TextChoices):
    NEW = "new", "New referral"
    OPEN = "open", "Open: under review"
    CLOSED = "closed", "Closed"


class Outcome(models.TextChoices):
    RISK_REDUCED = "risk_reduced", "Risk reduced: no further panel involvement"
    STEPPED_DOWN = "stepped_down", "Stepped down to single-agency support"
    ESCALATED = "escalated", "Escalated to statutory safeguarding"
    MOVED_AWAY = "moved_away", "Moved out of the area"
    NOT_ACCEPTED = "not_accepted", "Referral not accepted"


class PanelRecord(PartnershipOwnedBase):
    """Panel data: panel members only, and no history (see the module's docstring)."""

    permission_defaults = PANEL_ONLY

    class Meta:
        abstract = True


class Referral(PanelRecord):
    """A young person (up to 25) referred to the panel, identified only by ``reference``."""

    IDENTITY_FIELDS = ("name", "date_of_birth", "address")

    partnership = partnership_key("panel_referrals")
    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    referral_date = models.DateField(default=timezone.localdate)
    referring_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="panel_referrals"
    )
    referrer = models.CharField("referring practitioner", max_length=200)
    referrer_contact = models.CharField(max_length=200, blank=True)
    name = EncryptedTextField("full name")
    date_of_birth = EncryptedDateField("date of birth")
    address = EncryptedTextField()
    age_band = models.CharField(max_length=6, choices=AgeBand.choices, editable=False)
    sex = models.CharField(max_length=10, choices=Sex.choices)
    ethnicity = models.CharField(max_length=12, choices=Ethnicity.choices)
    school = models.CharField("school or college", max_length=200, blank=True)
    reason = models.TextField(
        "reason for referral", help_text="Refer to people by reference or alias, not by name."
    )
    risk_indicators = models.JSONField(default=list, blank=True)
    lawful_basis = models.CharField(max_length=20, choices=LawfulBasis.choices)
    consent_status = models.CharField(max_length=14, choices=ConsentStatus.choices)
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices)
    risk_reasons = models.TextField("reasons for the risk level")
    status = models.CharField(max_length=8, choices=CaseStatus.choices, default=CaseStatus.NEW)
    next_review_date = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=14, choices=Outcome.choices, blank=True)
    outcome_notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-referral_date", "reference"]
        # Administrators delete closed cases past retention: they see the reference and dates only.
        rules_permissions = {"retention_delete": member_with(ADMINISTRATORS)}

    def __str__(self) -> str:
        return self.reference

    def clean(self) -> None:
        if self.date_of_birth and self.referral_date:
            if self.date_of_birth > self.referral_date:
                raise ValidationError({"date_of_birth": "Date of birth must be in the past."})
            if age_band(self.date_of_birth, self.referral_date) == AgeBand.OVER_25:
                raise ValidationError(
                    {"date_of_birth": "The panel reviews children and young adults up to 25."}
                )

    def save(self, *args, **kwargs):
        if self.date_of_birth:
            self.age_band = age_band(self.date_of_birth, self.referral_date)
        super().save(*args, **kwargs)

    @property
    def risk_indicator_labels(self) -> list[str]:
        labels = dict(RiskIndicator.choices)
        return [labels.get(code, code) for code in self.risk_indicators]

    def retention_due(self, today: dt.date | None = None) -> dt.date | None:
        """The date after which a closed case may be deleted (None while open)."""
        if self.closed_on is None:
            return None
        return self.closed_on + dt.timedelta(days=settings.SVDUTY_PANEL_RETENTION_DAYS)

    def past_retention(self, today: dt.date | None = None) -> bool:
        due = self.retention_due()
        return due is not None and (today or timezone.localdate()) > due


class Meeting(PanelRecord):
    """A monthly panel meeting: attendance, minutes per case, actions."""

    partnership = partnership_key("panel_meetings")
    date = models.DateField()
    chair = models.CharField(max_length=200)
    location = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"Panel meeting {self.date:%-d %B %Y}"


class Attendance(PanelRecord):
    """Who attended a meeting for which organisation."""

    partnership_from = "meeting"
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    attendee = models.CharField(max_length=200)
    present = models.BooleanField(default=True, help_text="Untick for apologies.")

    class Meta:
        ordering = ["organisation__name"]
        verbose_name_plural = "attendance"

    def __str__(self) -> str:
        return f"{self.attendee} ({self.organisation})"


class Decision(models.TextChoices):
    CONTINUE = "continue", "Keep open: review at the next meeting"
    CLOSE = "close", "Close the case"


class CaseReview(PanelRecord):
    """The minutes of one case at one meeting: discussion, risk now, decision."""

    partnership_from = "meeting"
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reviews")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="reviews")
    minutes = models.TextField(help_text="Refer to people by reference or alias, not by name.")
    risk_level = models.CharField("risk level now", max_length=10, choices=RiskLevel.choices)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    outcome = models.CharField(
        max_length=14, choices=Outcome.choices, blank=True, help_text="When closing the case."
    )
    next_review_date = models.DateField(
        null=True, blank=True, help_text="When keeping it open: the next meeting's date."
    )

    class Meta:
        ordering = ["meeting__date"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "referral"], name="one_review_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.referral.reference} at {self.meeting}"

    def clean(self) -> None:
        if self.meeting_id and self.referral_id:
            again = CaseReview.objects.filter(
                meeting_id=self.meeting_id, referral_id=self.referral_id
            )
            if again.exclude(pk=self.pk).exists():
                raise ValidationError("This case already has minutes for this meeting.")
        if self.decision == Decision.CLOSE and not self.outcome:
            raise ValidationError({"outcome": "Select the outcome of the closed case."})
        if self.decision == Decision.CONTINUE and not self.next_review_date:
            raise ValidationError({"next_review_date": "Enter the date of the next review."})


class PanelAction(PanelRecord):
    """An action agreed by the panel about a case or a place, owned by an organisation."""

    partnership = partnership_key("panel_actions")
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    place_review = models.ForeignKey(
        "PlaceReview", on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    description = models.TextField()
    owner_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="panel_actions"
    )
    due_date = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_date"]

    def __str__(self) -> str:
        about = self.referral or self.place_review
        return f"{about}: {self.description[:60]}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.completed_on is None and self.due_date < (today or timezone.localdate())


class Network(PanelRecord):
    """A network of young people, adults of concern, places and groups (for a strategy meeting)."""

    partnership = partnership_key("panel_networks")
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    strategy_meeting_date = models.DateField("complex strategy meeting", null=True, blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class NodeKind(models.TextChoices):
    YOUNG_PERSON = "young_person", "Young person"
    ADULT = "adult", "Adult of concern"
    PLACE = "place", "Place"
    GROUP = "group", "Group"


class NetworkNode(PanelRecord):
    """A member of a network. People appear by reference or alias only, never by name."""

    partnership_from = "network"
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="nodes")
    kind = models.CharField(max_length=14, choices=NodeKind.choices)
    label = models.CharField(
        max_length=100,
        blank=True,
        help_text="Places and groups: their name. Adults: an alias such as 'Adult B' – not a name.",
    )
    referral = models.ForeignKey(
        Referral,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="network_nodes",
        help_text="For a young person referred to the panel.",
    )

    class Meta:
        ordering = ["kind", "label"]

    def __str__(self) -> str:
        return self.display_label

    @property
    def display_label(self) -> str:
        return self.referral.reference if self.referral_id else self.label

    def clean(self) -> None:
        if self.kind == NodeKind.YOUNG_PERSON and not (self.referral_id or self.label):
            raise ValidationError({"referral": "Choose the referral or give an alias."})
        if self.kind != NodeKind.YOUNG_PERSON and not self.label:
            raise ValidationError({"label": "Enter the label"})


class Reliability(models.TextChoices):
    """How far the source is trusted (after the 3x5x2 intelligence grading)."""

    RELIABLE = "reliable", "Reliable"
    UNTESTED = "untested", "Untested"
    NOT_RELIABLE = "not_reliable", "Not reliable"


class Connection(PanelRecord):
    """A link between two members of a network, with where it came from and how reliable it is."""

    partnership_from = "network"
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="connections")
    source_node = models.ForeignKey(NetworkNode, on_delete=models.CASCADE, related_name="+")
    target_node = models.ForeignKey(NetworkNode, on_delete=models.CASCADE, related_name="+")
    relationship = models.CharField(max_length=200)
    information_source = models.CharField("source of the information", max_length=200)
    reliability = models.CharField(max_length=14, choices=Reliability.choices)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.source_node} – {self.target_node}: {self.relationship}"

    def clean(self) -> None:
        if self.source_node_id and self.source_node_id == self.target_node_id:
            raise ValidationError({"target_node": "A connection joins two different members."})


class PlaceReview(PanelRecord):
    """A hot-spot place: what can be designed out, trusted adults, support to retailers."""

    partnership = partnership_key("panel_places")
    name = models.CharField("place", max_length=200)
    lsoa_code = models.CharField(
        "LSOA code", max_length=9, help_text="The 2021 LSOA, for example E01012345."
    )
    review_date = models.DateField(default=timezone.localdate)
    concerns = models.TextField()
    design_out = models.TextField("what can be designed out", blank=True)
    trusted_adults = models.TextField(blank=True)
    retailer_support = models.TextField("support to retailers", blank=True)

    class Meta:
        ordering = ["-review_date", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.lsoa_code})"

    def clean(self) -> None:
        code = (self.lsoa_code or "").upper()
        if not (len(code) == 9 and code[0] in "EW" and code[1:].isdigit()):
            raise ValidationError({"lsoa_code": "Enter an LSOA code like E01012345."})
        self.lsoa_code = code


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk changes are refused: the rows are a record."""

    def update(self, **kwargs):
        raise PermissionError("The panel access log is append-only.")

    def delete(self):
        raise PermissionError("The panel access log is append-only.")


AUDIT_READERS = {
    "view": member_with(ADMINISTRATORS),
    "add": rules.always_deny,
    "change": rules.always_deny,
    "delete": rules.always_deny,
}


class AppendOnlyModel(PartnershipOwnedBase):
    """The panel's audit tables: administrators read them, nobody changes them."""

    # The record outlives the data it is about, so it keeps its partnership from deletion.
    partnership = partnership_key(on_delete=models.PROTECT)
    permission_defaults = AUDIT_READERS
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError(f"{self._meta.verbose_name} rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(f"{self._meta.verbose_name} rows cannot be deleted.")


class AccessKind:
    """What an access log entry records: how the user touched the panel's data."""

    VIEW = "view"
    LIST = "list"
    SEARCH = "search"
    REVEAL = "reveal"
    EXPORT = "export"
    CREATE = "create"
    CHANGE = "change"
    CLOSE = "close"
    DELETE = "delete"
    REFUSED = "refused"

    CHOICES = [
        (VIEW, "Viewed"),
        (LIST, "Listed"),
        (SEARCH, "Searched"),
        (REVEAL, "Revealed identity"),
        (EXPORT, "Exported"),
        (CREATE, "Created"),
        (CHANGE, "Changed"),
        (CLOSE, "Closed"),
        (DELETE, "Deleted"),
        (REFUSED, "Refused access"),
    ]


class AccessLogEntry(AppendOnlyModel):
    """One access to panel data: who, when, what, which record. Append-only."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    username = models.CharField(max_length=150)
    action = models.CharField(max_length=10, choices=AccessKind.CHOICES)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.BigIntegerField(null=True)
    object_reference = models.CharField(max_length=40, blank=True)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "panel access log entry"
        verbose_name_plural = "panel access log"

    def __str__(self) -> str:
        when = f"{self.at:%Y-%m-%d %H:%M:%S}"
        return f"{when} {self.username} {self.get_action_display()} {self.record}"

    @property
    def record(self) -> str:
        """The record as a person reads it: "Panel action 9 (R-2024-0001)", not its model label."""
        if not self.object_type:
            return ""
        try:
            name = str(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            name = self.object_type.rpartition(".")[2]
        text = name[:1].upper() + name[1:]
        if self.object_id is not None:
            text += f" {self.object_id}"
        return f"{text} ({self.object_reference})" if self.object_reference else text


class DeletionRecord(AppendOnlyModel):
    """What remains of a case deleted after its retention period: that it existed, why it went."""

    reference = models.CharField(max_length=12)
    referral_date = models.DateField()
    closed_on = models.DateField()
    outcome = models.CharField(max_length=14, choices=Outcome.choices, blank=True)
    deleted_at = models.DateTimeField(default=timezone.now)
    deleted_by = models.CharField(max_length=150)
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["-deleted_at"]

    def __str__(self) -> str:
        return f"{self.reference} deleted {self.deleted_at:%Y-%m-%d}"
