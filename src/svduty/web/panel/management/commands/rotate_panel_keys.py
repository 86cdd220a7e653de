"""``svduty manage rotate_panel_keys``: re-encrypt panel identity fields under the newest key."""

from django.core.management.base import BaseCommand

from svduty.web.panel.services import rotate_keys


class Command(BaseCommand):
    help = (
        "Re-encrypt every panel identity field with the first key of SVDUTY_PANEL_KEYS. "
        "Put the new key first, keep the old ones after it, run this, then drop the old keys."
    )

    def handle(self, *args, **options):
        count = rotate_keys()
        self.stdout.write(f"Re-encrypted {count} panel record(s) with the current key.")
