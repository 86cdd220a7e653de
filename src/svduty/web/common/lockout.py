"""Log-in lock-out against guessing and spraying (django-axes, database handler).

Axes counts failures per user name and address (``AXES_FAILURE_LIMIT``): a guesser gets five
tries at one account. Spraying is one password tried against every user name from one address;
no single pair fails often, so an address is also locked after ``AXES_ADDRESS_FAILURE_LIMIT``
failures across all user names. That limit is higher because a council office signs in from one
address. Both lock for ``AXES_COOLOFF_TIME`` hours; an address lock-out is logged as a warning on
``svduty.security`` with the address and the number of user names tried.
"""

from __future__ import annotations

import logging

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum

log = logging.getLogger("svduty.security")


class AddressAwareHandler(AxesDatabaseHandler):
    """Locks a user name at one address after the pair limit, and an address after its own."""

    def _failures(self, request, credentials) -> tuple[int, int]:
        """Failures of (user name, address) and of the address, in ``AXES_LOCKOUT_PARAMETERS``
        order: ``[["username", "ip_address"], "ip_address"]``."""
        pair, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        return pair, address

    def get_failures(self, request, credentials: dict | None = None) -> int:
        """Axes compares one number with ``AXES_FAILURE_LIMIT``: the pair's failures, or the
        address's shifted so that it reaches that limit exactly at the address limit."""
        pair, address = self._failures(request, credentials)
        shift = settings.AXES_ADDRESS_FAILURE_LIMIT - get_failure_limit(request, credentials)
        return max(pair, address - shift)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs) -> None:
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None or not getattr(request, "axes_locked_out", False):
            return
        _, address = self._failures(request, credentials)
        if address == settings.AXES_ADDRESS_FAILURE_LIMIT:  # once, when the lock starts
            names = {
                name
                for attempts in self.get_user_attempts(request, credentials)[1:]
                for name in attempts.values_list("username", flat=True)
            }
            log.warning(
                "Locked out address %s after %d failed log-ins against %d user names",
                request.axes_ip_address,
                address,
                len(names),
            )

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """A successful log-in clears that user's failures at that address, not the address's
        failures against other accounts (else one valid account would reset a spray)."""
        pair = self.filter_user_attempts(request, credentials)[0]
        count, _ = pair.delete()
        return count
