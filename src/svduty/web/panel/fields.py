"""Model fields stored as Fernet tokens and read back as clear text (see :mod:`.crypto`).

The database only ever holds ciphertext; Python code sees the clear value. Encrypted columns cannot
be filtered or ordered in SQL (the token is randomised): search decrypts in Python.
"""

from __future__ import annotations

import datetime as dt

from django.db import models

from svduty.web.panel import crypto


class EncryptedTextField(models.TextField):
    """Text encrypted at rest. Blank stays blank (so "not given" is visible without a key)."""

    def from_db_value(self, value, expression, connection):
        return self.to_python_clear(value)

    def to_python_clear(self, value):
        if value in (None, ""):
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return crypto.encrypt(str(value))


class EncryptedDateField(models.TextField):
    """A date encrypted at rest (ISO text inside the token); Python sees ``datetime.date``."""

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return None
        return dt.date.fromisoformat(crypto.decrypt(value))

    def to_python(self, value):
        if value in (None, "") or isinstance(value, dt.date):
            return value or None
        return dt.date.fromisoformat(str(value))

    def get_prep_value(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        return crypto.encrypt(value.isoformat())

    def formfield(self, **kwargs):
        from django import forms

        return forms.DateField(
            required=not self.blank, label=self.verbose_name.capitalize(), help_text=self.help_text
        )
