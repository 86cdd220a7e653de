"""``svduty manage seed_demo``: create the Sample County demo partnership and print its log-ins."""

from django.core.management.base import BaseCommand

from svduty.web.demo import format_logins, seed_demo


class Command(BaseCommand):
    help = "Create the Sample County demo partnership (once) and print the demo log-ins."

    def handle(self, *args, **options):
        self.stdout.write(format_logins(seed_demo()))
