"""The abstract base of every record that belongs to a partnership.

It holds what the apps' models used to repeat: the ``partnership`` key, the permissions a model
does not state itself, the copy of the partnership from a parent record, and the history. A model
states only what is its own::

    class QuarterlyUpdate(PartnershipOwned):
        partnership = partnership_key("quarterly_updates")     # a reverse name, if it has one
        partnership_from = "action"                            # its parent's partnership
        action = models.ForeignKey(Action, ...)

        class Meta:
            rules_permissions = {"add": can_report_on_action, "change": can_report_on_action}

The module holds abstract models only, so it needs no app of its own (its app label is the
project's, ``web``). Concrete models keep their apps' labels, tables and migrations.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from svduty.web.common.access import member_with
from svduty.web.common.roles import MANAGERS, READERS

#: What a partnership's records allow unless a model says otherwise: every member reads them,
#: managers add, change and delete them.
READ_MANAGE = {
    "view": member_with(READERS),
    "add": member_with(MANAGERS),
    "change": member_with(MANAGERS),
    "delete": member_with(MANAGERS),
}


def partnership_key(related_name: str = "+", on_delete: Any = models.CASCADE) -> models.ForeignKey:
    """The key to the partnership a record belongs to; a model passes its own reverse name.

    ``related_name`` is part of the migration state and names the partnership's reverse accessor
    (``partnership.actions``), so models that had one keep it through this one line.
    """
    return models.ForeignKey(
        "partnership.Partnership", on_delete=on_delete, related_name=related_name
    )


class PartnershipOwnedBase(RulesModel):
    """A record in one partnership, without history.

    Derive from :class:`PartnershipOwned` instead unless the model keeps no history (the panel's
    restricted data) or declares its own ``HistoricalRecords(...)`` (with ``m2m_fields`` or
    ``excluded_fields``): simple-history registers a model once only.
    """

    partnership = partnership_key()

    #: The name of the parent foreign key whose partnership ``save()`` copies (None: no parent).
    partnership_from: ClassVar[str | None] = None
    #: The permissions of each action ``Meta.rules_permissions`` leaves out.
    permission_defaults: ClassVar[dict[str, Any]] = READ_MANAGE

    class Meta:
        abstract = True

    @classmethod
    def preprocess_rules_permissions(cls, perms: dict[str, Any]) -> None:
        """django-rules hook: complete the model's own permissions with the defaults."""
        if cls._meta.abstract:
            return
        for action, predicate in cls.permission_defaults.items():
            perms.setdefault(action, predicate)

    def take_partnership_from_parent(self) -> None:
        """A child record is always in its parent's partnership, whatever a form or caller set."""
        if self.partnership_from:
            self.partnership_id = getattr(self, self.partnership_from).partnership_id

    def save(self, *args, **kwargs):
        self.take_partnership_from_parent()
        super().save(*args, **kwargs)


class PartnershipOwned(PartnershipOwnedBase):
    """A record in one partnership, with its history (who changed what, when)."""

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
