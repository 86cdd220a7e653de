"""Every view, search, reveal, export and change of panel data is logged; the log is append-only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from svduty.web.panel.audit import record
from svduty.web.panel.models import AccessLogEntry, DeletionRecord, NetworkNode, Referral
from tests.web import factories as f
from tests.web.panel.factories import (
    ClosedReferralFactory,
    MeetingFactory,
    NetworkNodeFactory,
    PanelActionFactory,
    ReferralFactory,
)

pytestmark = pytest.mark.django_db


def url(name: str, referral_or_partnership, **kwargs) -> str:
    p = getattr(referral_or_partnership, "partnership", referral_or_partnership)
    return reverse(f"panel:{name}", kwargs={"partnership": p.slug, **kwargs})


def last_entry() -> AccessLogEntry:
    return AccessLogEntry.objects.order_by("-pk").first()


@pytest.fixture
def case():
    return ReferralFactory(name="Robin Madeup", school="Kingsmere High")


@pytest.fixture
def panel_member(case):
    return f.member(case.partnership, "panel_member")


def test_viewing_a_case_is_logged_with_who_what_and_when(client, case, panel_member):
    client.force_login(panel_member)
    before = AccessLogEntry.objects.count()
    html = client.get(url("referral_detail", case, pk=case.pk)).content.decode()
    assert case.reference in html and "Robin" not in html  # identity hidden by default
    assert AccessLogEntry.objects.count() == before + 1
    entry = last_entry()
    assert (entry.user, entry.username, entry.action) == (
        panel_member,
        panel_member.username,
        "view",
    )
    assert (entry.object_type, entry.object_id, entry.object_reference) == (
        "panel.Referral",
        case.pk,
        case.reference,
    )
    assert entry.partnership == case.partnership
    assert (dt.datetime.now(dt.UTC) - entry.at).total_seconds() < 60


def test_listing_and_searching_are_logged_without_the_search_words(client, case, panel_member):
    other = ReferralFactory(
        partnership=case.partnership, name="Sam Otherperson", school="Elsewhere"
    )
    client.force_login(panel_member)
    client.get(url("referral_list", case))
    assert last_entry().action == "list"

    html = client.get(url("referral_list", case), {"q": "robin mad"}).content.decode()
    assert case.reference in html and other.reference not in html  # name search on decrypted text
    entry = last_entry()
    assert entry.action == "search"
    assert "robin" not in entry.detail.lower() and case.reference in entry.detail

    html = client.get(url("referral_list", case), {"q": "elsewhere"}).content.decode()
    assert other.reference in html and case.reference not in html


def test_reveal_needs_a_reason_and_is_logged(client, case, panel_member):
    client.force_login(panel_member)
    reveal = url("referral_reveal", case, pk=case.pk)
    page = client.get(reveal).content.decode()
    assert "Robin Madeup" not in page
    response = client.post(reveal, {"reason": ""})
    assert "Robin Madeup" not in response.content.decode()
    assert not AccessLogEntry.objects.filter(action="reveal").exists()

    response = client.post(reveal, {"reason": "Checking identity with children's services"})
    assert "Robin Madeup" in response.content.decode()
    entry = last_entry()
    assert (entry.action, entry.object_id) == ("reveal", case.pk)
    assert entry.detail == "Checking identity with children's services"


def test_identity_form_counts_as_a_reveal(client, case, panel_member):
    client.force_login(panel_member)
    html = client.get(url("referral_identity", case, pk=case.pk)).content.decode()
    assert "Robin Madeup" in html
    assert (last_entry().action, last_entry().detail) == ("reveal", "identity form")


def test_exports_are_logged_and_carry_user_and_time(client, case, panel_member):
    meeting = MeetingFactory(partnership=case.partnership, date=dt.date(2025, 10, 1))
    PanelActionFactory(referral=case, meeting=meeting, description="Mentor from the trust")
    client.force_login(panel_member)

    body = client.get(url("minutes_export", case, pk=meeting.pk)).content.decode()
    lines = body.splitlines()
    assert lines[1] == f"Exported by,{panel_member.username}"
    assert lines[2].startswith(f"Exported at,{dt.date.today():%Y-%m-%d}")
    assert "Mentor from the trust" in body and case.reference in body and "Robin" not in body
    assert (last_entry().action, last_entry().object_id) == ("export", meeting.pk)

    body = client.get(url("actions_export", case)).content.decode()
    assert f"Exported by,{panel_member.username}" in body and "Mentor from the trust" in body
    assert (last_entry().action, last_entry().detail) == ("export", "action list CSV")


def test_changes_are_logged_with_the_fields_changed(client, case, panel_member):
    client.force_login(panel_member)
    data = {
        "referral_date": "2025-09-01",
        "referring_organisation": case.referring_organisation.pk,
        "referrer": "PC Dana Smith",
        "sex": "male",
        "ethnicity": "white",
        "school": "Kingsmere High",
        "reason": case.reason,
        "risk_indicators": ["weapon_carrying"],
        "lawful_basis": "public_task",
        "consent_status": "not_sought",
        "risk_level": "very_high",
        "risk_reasons": "Escalating.",
    }
    response = client.post(url("referral_change", case, pk=case.pk), data)
    assert response.status_code == 302
    entry = last_entry()
    assert (
        entry.action == "change" and "Risk level" in entry.detail and "School" not in entry.detail
    )
    assert "risk_level" not in entry.detail  # the log names fields as the form labels them
    assert Referral.objects.get(pk=case.pk).risk_level == "very_high"

    new = {**data, "name": "Alex Invented", "date_of_birth": "2010-03-04", "address": "1 Nowhere"}
    response = client.post(url("referral_add", case), new)
    assert response.status_code == 302
    created = Referral.objects.get(pk=last_entry().object_id)
    assert last_entry().action == "create" and created.name == "Alex Invented"
    assert created.age_band == "14-15"


def test_closing_a_case_is_logged(client, case, panel_member):
    client.force_login(panel_member)
    response = client.post(
        url("referral_close", case, pk=case.pk),
        {"closed_on": "2025-12-01", "outcome": "stepped_down", "outcome_notes": "YOS support"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.outcome) == (
        "closed",
        dt.date(2025, 12, 1),
        "stepped_down",
    )
    assert list(AccessLogEntry.objects.order_by("-pk").values_list("action", flat=True)[:2]) == [
        "close",
        "change",
    ]


def test_refused_users_see_nothing_and_their_attempts_are_logged(client, case):
    board = f.member(case.partnership, "board_member")
    client.force_login(board)
    before = AccessLogEntry.objects.count()
    assert client.get(url("referral_detail", case, pk=case.pk)).status_code == 403
    assert client.get(url("referral_list", case), {"q": "Robin"}).status_code == 403
    assert client.post(url("referral_reveal", case, pk=case.pk), {"reason": "x"}).status_code == 403
    entries = list(AccessLogEntry.objects.order_by("pk")[before:])
    assert [(e.action, e.username, e.detail) for e in entries] == [
        ("refused", board.username, f"GET {url('referral_detail', case, pk=case.pk)}"),
        ("refused", board.username, f"GET {url('referral_list', case)}"),  # no search words
        ("refused", board.username, f"POST {url('referral_reveal', case, pk=case.pk)}"),
    ]
    assert {e.partnership_id for e in entries} == {case.partnership_id}
    assert all(e.at is not None for e in entries)
    # the log's readers see the refusals
    client.force_login(f.member(case.partnership, "administrator"))
    html = client.get(url("access_log", case)).content.decode()
    assert "Refused access" in html and board.username in html


def test_refusals_outside_the_panel_are_not_panel_log_entries(client, case):
    client.force_login(f.member(case.partnership, "viewer"))
    before = AccessLogEntry.objects.count()
    assert client.get(f"/p/{case.partnership.slug}/insight/uploads/new/").status_code == 403
    assert AccessLogEntry.objects.count() == before


def test_administrators_read_the_log_but_not_the_cases(client, case, panel_member):
    client.force_login(panel_member)
    client.get(url("referral_detail", case, pk=case.pk))
    admin = f.member(case.partnership, "administrator")
    client.force_login(admin)
    html = client.get(url("access_log", case)).content.decode()
    assert panel_member.username in html and case.reference in html
    filtered = client.get(url("access_log", case), {"user": "nobody"}).content.decode()
    assert panel_member.username not in filtered
    assert client.get(url("referral_detail", case, pk=case.pk)).status_code == 403


def test_retention_flags_and_deletes_leaving_a_record(client):
    old = ClosedReferralFactory(name="Old Case")
    recent = ClosedReferralFactory(
        partnership=old.partnership,
        referring_organisation=old.referring_organisation,
        closed_on=dt.date.today() - dt.timedelta(days=30),
    )
    PanelActionFactory(referral=old)
    node = NetworkNodeFactory(
        network__partnership=old.partnership, kind="young_person", referral=old, label=""
    )
    admin = f.member(old.partnership, "administrator")
    client.force_login(admin)
    html = client.get(url("retention", old)).content.decode()
    assert old.reference in html and recent.reference not in html
    assert client.get(url("retention_delete", old, pk=recent.pk)).status_code == 404

    response = client.post(
        url("retention_delete", old, pk=old.pk), {"confirm": "on", "reason": "Two years"}
    )
    assert response.status_code == 302
    assert not Referral.objects.filter(pk=old.pk).exists()
    record_ = DeletionRecord.objects.get(reference=old.reference)
    assert (record_.deleted_by, record_.reason, record_.closed_on) == (
        admin.username,
        "Two years",
        old.closed_on,
    )
    entry = AccessLogEntry.objects.get(action="delete")
    assert (entry.object_reference, entry.object_id) == (old.reference, old.pk)
    with connection.cursor() as cursor:  # nothing of the case is left, not even a history row
        cursor.execute("SELECT COUNT(*) FROM panel_panelaction WHERE referral_id = %s", [old.pk])
        assert cursor.fetchone()[0] == 0
    assert not NetworkNode.objects.filter(pk=node.pk).exists()
    with pytest.raises(PermissionError):
        record_.delete()
    record_.reason = "changed"
    with pytest.raises(PermissionError):
        record_.save()


def test_retention_period_comes_from_settings(settings):
    case = ClosedReferralFactory(closed_on=dt.date(2025, 1, 1))
    settings.SVDUTY_PANEL_RETENTION_DAYS = 10
    assert case.retention_due() == dt.date(2025, 1, 11)
    assert not case.past_retention(dt.date(2025, 1, 11)) and case.past_retention(
        dt.date(2025, 1, 12)
    )


# --- the log cannot be changed through the application --------------------------------------------


@pytest.fixture
def entry(case, panel_member):
    return record(panel_member, case.partnership, "view", case, "seen")


def test_model_refuses_save_and_delete(entry):
    entry.detail = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(detail="rewritten")
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.filter(pk=entry.pk).delete()
    assert AccessLogEntry.objects.get(pk=entry.pk).detail == "seen"


def test_admin_is_read_only_even_for_superusers(client, entry):
    admin = f.member(entry.partnership, "administrator")
    for user in (admin, f.UserFactory(is_superuser=True, is_staff=True)):
        client.force_login(user)
        assert client.get("/admin/panel/accesslogentry/").status_code == 200
        page = client.get(f"/admin/panel/accesslogentry/{entry.pk}/change/")
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
        assert (
            client.post(
                f"/admin/panel/accesslogentry/{entry.pk}/change/", {"detail": "x"}
            ).status_code
            == 403
        )
        assert (
            client.post(
                f"/admin/panel/accesslogentry/{entry.pk}/delete/", {"post": "yes"}
            ).status_code
            == 403
        )
        assert client.get("/admin/panel/accesslogentry/add/").status_code == 403
        response = client.post(
            "/admin/panel/accesslogentry/",
            {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
        )
        assert response.status_code in (200, 302)
    assert AccessLogEntry.objects.get(pk=entry.pk).detail == "seen"
    assert client.get("/admin/panel/referral/").status_code == 404  # no case data in the admin


def test_no_view_changes_the_log(client, entry):
    admin = f.member(entry.partnership, "administrator")
    client.force_login(admin)
    response = client.post(url("access_log", entry.partnership), {"detail": "x"})
    assert response.status_code == 405
    assert AccessLogEntry.objects.get(pk=entry.pk).detail == "seen"
    assert not admin.has_perm("panel.change_accesslogentry", entry)
    assert not admin.has_perm("panel.delete_accesslogentry", entry)


@pytest.mark.postgres
def test_postgresql_refuses_raw_updates_and_deletes(entry):
    for sql in (
        "UPDATE panel_accesslogentry SET detail = 'x' WHERE id = %s",
        "DELETE FROM panel_accesslogentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry.pk])
    assert AccessLogEntry.objects.get(pk=entry.pk).detail == "seen"


def test_panel_exports_write_formulas_as_text(client, case, panel_member):
    meeting = MeetingFactory(partnership=case.partnership, date=dt.date(2025, 10, 1))
    PanelActionFactory(referral=case, meeting=meeting, description="=cmd|' /C calc'!A0")
    client.force_login(panel_member)
    for body in (
        client.get(url("minutes_export", case, pk=meeting.pk)).content.decode(),
        client.get(url("actions_export", case)).content.decode(),
    ):
        assert ",'=cmd|' /C calc'!A0," in body.replace('"', "")
        assert ",=cmd" not in body.replace('"', "")
