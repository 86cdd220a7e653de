"""Admin for the panel: the access log and deletion records, read-only; no case data at all.

Case records are not registered: the admin has no need-to-know and would bypass the reveal log.
"""

from django.contrib import admin

from svduty.web.common.admin_site import PartnershipScopedAdmin
from svduty.web.panel.models import AccessLogEntry, DeletionRecord


class ReadOnlyAdmin(PartnershipScopedAdmin):
    """Administrators of the partnership may read; nobody may add, change or delete."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "username", "action", "record", "partnership"]
    list_filter = ["action"]
    search_fields = ["username", "object_reference"]
    #: The record by its kind's name, not the stored model label (``panel.PanelAction``).
    fields = ["at", "username", "action", "record", "detail", "partnership"]
    readonly_fields = fields

    @admin.display(description="record")
    def record(self, entry: AccessLogEntry) -> str:
        return entry.record


@admin.register(DeletionRecord)
class DeletionRecordAdmin(ReadOnlyAdmin):
    list_display = ["reference", "closed_on", "deleted_at", "deleted_by", "partnership"]
