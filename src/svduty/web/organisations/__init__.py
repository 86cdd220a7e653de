"""Organisations in a partnership, the people who use the service, and their roles."""
