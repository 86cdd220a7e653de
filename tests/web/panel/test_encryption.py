"""Identity fields are ciphertext in the database, clear text in Python, and keys rotate."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from svduty.errors import SvdutyError
from svduty.web.panel import crypto
from svduty.web.panel.models import Referral, age_band
from tests.web.panel.factories import ReferralFactory

pytestmark = pytest.mark.django_db

NAME, ADDRESS, DOB = (
    "Casey Fictionalname",
    "7 Imaginary Close, Westford WF3 9ZZ",
    dt.date(2008, 2, 29),
)


def raw_identity(referral: Referral) -> tuple[str, str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, date_of_birth, address FROM panel_referral WHERE id = %s", [referral.pk]
        )
        return cursor.fetchone()


def test_identity_fields_are_ciphertext_in_the_table():
    referral = ReferralFactory(name=NAME, address=ADDRESS, date_of_birth=DOB)
    name, dob, address = raw_identity(referral)
    for stored, clear in ((name, NAME), (dob, DOB.isoformat()), (address, ADDRESS)):
        assert clear not in stored and "Casey" not in stored
        assert stored.startswith("gAAAAA")  # a Fernet token (version byte 0x80)
        assert crypto.decrypt(stored) == clear
    fresh = Referral.objects.get(pk=referral.pk)
    assert (fresh.name, fresh.date_of_birth, fresh.address) == (NAME, DOB, ADDRESS)


def test_the_same_name_encrypts_differently_each_time():
    first, second = ReferralFactory(name=NAME), ReferralFactory(name=NAME)
    assert raw_identity(first)[0] != raw_identity(second)[0]


def test_key_from_the_environment_and_rotation(monkeypatch):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv("SVDUTY_PANEL_KEYS", old)
    referral = ReferralFactory(name=NAME, address=ADDRESS, date_of_birth=DOB)
    before = raw_identity(referral)
    Fernet(old.encode()).decrypt(before[0].encode())  # made with the old key

    monkeypatch.setenv("SVDUTY_PANEL_KEYS", f"{new},{old}")
    assert Referral.objects.get(pk=referral.pk).name == NAME  # old key still decrypts
    call_command("rotate_panel_keys")
    after = raw_identity(referral)
    assert after != before
    assert Fernet(new.encode()).decrypt(after[0].encode()).decode() == NAME

    monkeypatch.setenv("SVDUTY_PANEL_KEYS", new)  # old key dropped after rotation
    fresh = Referral.objects.get(pk=referral.pk)
    assert (fresh.name, fresh.date_of_birth, fresh.address) == (NAME, DOB, ADDRESS)


def test_a_removed_key_gives_a_one_line_error(monkeypatch):
    monkeypatch.setenv("SVDUTY_PANEL_KEYS", Fernet.generate_key().decode())
    referral = ReferralFactory()
    monkeypatch.setenv("SVDUTY_PANEL_KEYS", Fernet.generate_key().decode())
    with pytest.raises(SvdutyError, match="cannot be decrypted"):
        Referral.objects.get(pk=referral.pk)
    monkeypatch.setenv("SVDUTY_PANEL_KEYS", "not-a-key")
    with pytest.raises(SvdutyError, match="SVDUTY_PANEL_KEYS"):
        crypto.encrypt("x")


def test_dev_key_is_generated_once_in_svduty_home(monkeypatch, _isolated_home):
    monkeypatch.delenv("SVDUTY_PANEL_KEYS", raising=False)
    token = crypto.encrypt("hello")
    key_file = _isolated_home / "panel.key"
    assert key_file.exists() and oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert Fernet(key_file.read_bytes()).decrypt(token.encode()) == b"hello"


@pytest.mark.parametrize(
    ("born", "on", "band"),
    [
        (dt.date(2010, 6, 1), dt.date(2024, 5, 31), "10-13"),  # 13 the day before the birthday
        (dt.date(2010, 6, 1), dt.date(2024, 6, 1), "14-15"),
        (dt.date(2007, 1, 1), dt.date(2025, 1, 1), "18-20"),
        (dt.date(1999, 1, 2), dt.date(2025, 1, 1), "21-25"),  # 25
        (dt.date(1999, 1, 1), dt.date(2025, 1, 1), "26+"),
    ],
)
def test_age_band(born, on, band):
    assert age_band(born, on) == band


def test_age_band_is_derived_on_save():
    referral = ReferralFactory(date_of_birth=dt.date(2009, 9, 2), referral_date=dt.date(2025, 9, 1))
    assert referral.age_band == "14-15"
