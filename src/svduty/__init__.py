"""svduty: the platform for Serious Violence Duty partnerships."""

__version__ = "0.1.0"
