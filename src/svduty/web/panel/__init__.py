"""Operational panels: referrals, meetings, networks and place reviews — restricted data."""
