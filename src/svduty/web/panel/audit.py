"""The append-only access log of panel data: who did what to which record, and when.

``record(...)`` is the only writer (the kinds of access are ``models.AccessKind``). Entries are
never changed or deleted through the application: the model refuses ``save()`` of an existing
row and ``delete()``, its queryset refuses bulk ``update()``/``delete()``, the admin is
read-only, and on PostgreSQL a trigger refuses both.
"""

from __future__ import annotations

from typing import Any

from svduty.web.panel.models import AccessLogEntry


def record(user: Any, partnership: Any, action: str, obj: Any = None, detail: str = ""):
    """Append one entry; ``obj`` is the record touched (None for a page about the panel)."""
    authenticated = getattr(user, "is_authenticated", False)
    return AccessLogEntry.objects.create(
        partnership=partnership,
        user=user if authenticated else None,
        username=user.get_username() if authenticated else "",
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
        object_reference=str(getattr(obj, "reference", "") or "") if obj is not None else "",
        detail=detail[:500],
    )
