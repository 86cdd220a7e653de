"""Panel pages. Every page and change is written to the access log (:mod:`.audit`).

Views are the scoped generic views of :mod:`svduty.web.common.views`; the audit mixins below add
the log entry once the permission check has passed and the page or change has succeeded.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone

from svduty.web.common.parents import ParentCreateView
from svduty.web.common.views import (
    ScopedCreateView,
    ScopedDetailView,
    ScopedTemplateView,
    ScopedUpdateView,
)
from svduty.web.panel import services
from svduty.web.panel.audit import record
from svduty.web.panel.forms import (
    AttendanceForm,
    CaseReviewForm,
    ConnectionForm,
    DeleteCaseForm,
    MeetingForm,
    NetworkForm,
    NetworkNodeForm,
    PanelActionForm,
    PlaceReviewForm,
    ReferralCaseForm,
    ReferralCloseForm,
    ReferralForm,
    ReferralIdentityForm,
    RevealForm,
)
from svduty.web.panel.hotspots import hotspot_standing, hotspot_standings
from svduty.web.panel.models import (
    AccessKind,
    AccessLogEntry,
    Attendance,
    CaseReview,
    CaseStatus,
    Connection,
    DeletionRecord,
    Meeting,
    Network,
    NetworkNode,
    PanelAction,
    PlaceReview,
    Referral,
)


class AuditedPage:
    """Log a successful GET: ``audit_action`` on ``self.object`` (or on the panel as a whole)."""

    audit_action = AccessKind.VIEW
    # Read-only pages: a POST is 405, not the scoped mixin's missing ``post`` (a 500).
    http_method_names = ["get", "head", "options"]

    def audit_detail(self) -> str:
        return ""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        record(
            request.user,
            self.partnership,
            self.audit_action,
            getattr(self, "object", None),
            self.audit_detail(),
        )
        return response


class AuditedForm:
    """Log a successful save as ``create`` or ``change`` with the names of the changed fields."""

    def form_valid(self, form):
        adding = form.instance.pk is None
        response = super().form_valid(form)
        record(
            self.request.user,
            self.partnership,
            AccessKind.CREATE if adding else AccessKind.CHANGE,
            self.object,
            "fields: " + ", ".join(str(form[name].label) for name in form.changed_data),
        )
        return response


def _url(name: str, partnership, **kwargs) -> str:
    return reverse(f"panel:{name}", kwargs={"partnership": partnership.slug, **kwargs})


# --- the panel's home page and referrals ---------------------------------------------------------


class PanelHome(AuditedPage, ScopedTemplateView):
    template_name = "panel/home.html"
    permission_required = "panel.view_referral"
    audit_action = AccessKind.LIST

    def audit_detail(self) -> str:
        return "panel home"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        p, today = self.partnership, timezone.localdate()
        referrals = Referral.objects.filter(partnership=p)
        context.update(
            new_count=referrals.filter(status=CaseStatus.NEW).count(),
            open_count=referrals.filter(status=CaseStatus.OPEN).count(),
            closed_count=referrals.filter(status=CaseStatus.CLOSED).count(),
            meetings=Meeting.objects.filter(partnership=p)[:5],
            overdue_actions=PanelAction.objects.filter(
                partnership=p, completed_on__isnull=True, due_date__lt=today
            ).count(),
        )
        return context


class ReferralList(AuditedPage, ScopedTemplateView):
    """Every referral by reference; ``?q=`` searches reference, name, school and reason."""

    template_name = "panel/referral_list.html"
    permission_required = "panel.view_referral"
    audit_action = AccessKind.LIST

    def get(self, request, *args, **kwargs):
        self.query = request.GET.get("q", "").strip()
        if self.query:
            self.audit_action = AccessKind.SEARCH
        return super().get(request, *args, **kwargs)

    def audit_detail(self) -> str:
        if not self.query:
            return "referrals"
        refs = " ".join(r.reference for r in self.referrals)
        return f"query of {len(self.query)} characters; {len(self.referrals)} found: {refs}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.query:
            self.referrals = services.search(self.partnership, self.query)
        else:
            self.referrals = list(
                Referral.objects.filter(partnership=self.partnership).select_related(
                    "referring_organisation"
                )
            )
        today = timezone.localdate()
        for referral in self.referrals:
            referral.flagged = referral.past_retention(today)
        context.update(referrals=self.referrals, query=self.query)
        return context


class ReferralDetail(AuditedPage, ScopedDetailView):
    model = Referral
    template_name = "panel/referral_detail.html"
    permission_required = "panel.view_referral"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        referral = self.object
        context.update(
            reviews=referral.reviews.select_related("meeting"),
            actions=referral.actions.select_related("owner_organisation"),
            networks=Network.objects.filter(nodes__referral=referral).distinct(),
            flagged=referral.past_retention(),
            retention_due=referral.retention_due(),
        )
        return context


class ReferralCreate(AuditedForm, ScopedCreateView):
    model = Referral
    form_class = ReferralForm
    permission_required = "panel.add_referral"
    page_title = "Refer a young person to the panel"

    def get_success_url(self) -> str:
        return _url("referral_detail", self.partnership, pk=self.object.pk)

    def get_back_url(self) -> str:
        return _url("referral_list", self.partnership)


class ReferralUpdate(AuditedForm, ScopedUpdateView):
    """The case details; identity fields have their own page (whose viewing is a reveal)."""

    model = Referral
    form_class = ReferralCaseForm
    permission_required = "panel.change_referral"

    def get_success_url(self) -> str:
        return _url("referral_detail", self.partnership, pk=self.object.pk)

    get_back_url = get_success_url


class ReferralIdentityUpdate(ReferralUpdate):
    """Correct name, date of birth or address: showing the form reveals them, so it is logged."""

    form_class = ReferralIdentityForm

    def get_page_title(self) -> str:
        return f"Change identity details: {self.object.reference}"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        record(request.user, self.partnership, AccessKind.REVEAL, self.object, "identity form")
        return response


class ReferralReveal(ScopedDetailView):
    """Show the identity behind a reference after a POST giving the reason; logged."""

    model = Referral
    template_name = "panel/referral_reveal.html"
    permission_required = "panel.view_referral"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", RevealForm())
        return context

    def post(self, request, *args, **kwargs):
        self.check_permission()
        self.object = self.get_object()
        form = RevealForm(request.POST)
        context = self.get_context_data(object=self.object, form=form)
        if form.is_valid():
            record(
                request.user,
                self.partnership,
                AccessKind.REVEAL,
                self.object,
                form.cleaned_data["reason"],
            )
            context["revealed"] = True
        return self.render_to_response(context)


class ReferralClose(AuditedForm, ScopedUpdateView):
    model = Referral
    form_class = ReferralCloseForm
    permission_required = "panel.change_referral"
    submit_label = "Close the case"

    def get_page_title(self) -> str:
        return f"Close case {self.object.reference}"

    def form_valid(self, form):
        form.instance.status = CaseStatus.CLOSED
        form.instance.next_review_date = None
        response = super().form_valid(form)
        record(self.request.user, self.partnership, AccessKind.CLOSE, self.object, "")
        return response

    def get_success_url(self) -> str:
        return _url("referral_detail", self.partnership, pk=self.object.pk)

    get_back_url = get_success_url


class ActionAdd(AuditedForm, ParentCreateView):
    """An action on a case (``?meeting=<pk>`` links it to the meeting that agreed it)."""

    model = PanelAction
    form_class = PanelActionForm
    permission_required = "panel.add_panelaction"
    parent_model = Referral
    parent_field = "referral"
    parent_url_name = "panel:referral_detail"
    success_url_name = "panel:referral_detail"

    def get_initial(self):
        return {**super().get_initial(), "meeting": self.request.GET.get("meeting")}


class ActionChange(AuditedForm, ScopedUpdateView):
    model = PanelAction
    form_class = PanelActionForm
    permission_required = "panel.change_panelaction"

    def get_success_url(self) -> str:
        action = self.object
        if action.referral_id:
            return _url("referral_detail", self.partnership, pk=action.referral_id)
        return _url("place_detail", self.partnership, pk=action.place_review_id)

    get_back_url = get_success_url


# --- meetings --------------------------------------------------------------------------------


class MeetingList(AuditedPage, ScopedTemplateView):
    template_name = "panel/meeting_list.html"
    permission_required = "panel.view_meeting"
    audit_action = AccessKind.LIST

    def audit_detail(self) -> str:
        return "meetings"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meetings"] = Meeting.objects.filter(partnership=self.partnership)
        return context


class MeetingCreate(AuditedForm, ScopedCreateView):
    model = Meeting
    form_class = MeetingForm
    permission_required = "panel.add_meeting"
    page_title = "Arrange a panel meeting"
    success_url_name = "panel:meeting_list"

    def get_success_url(self) -> str:
        return _url("meeting_detail", self.partnership, pk=self.object.pk)


class MeetingDetail(AuditedPage, ScopedDetailView):
    """The agenda (new referrals and reviews due), attendance, minutes recorded, actions."""

    model = Meeting
    template_name = "panel/meeting_detail.html"
    permission_required = "panel.view_meeting"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        agenda = services.agenda(meeting)
        reviews = {r.referral_id: r for r in meeting.reviews.select_related("referral")}
        for case in agenda.cases:
            case.review = reviews.get(case.pk)
        context.update(
            agenda=agenda,
            attendance=meeting.attendance.select_related("organisation"),
            actions=meeting.actions.select_related("referral", "owner_organisation"),
            reviewed_elsewhere=[
                r for k, r in reviews.items() if k not in {c.pk for c in agenda.cases}
            ],
        )
        return context


class AttendanceAdd(AuditedForm, ParentCreateView):
    model = Attendance
    form_class = AttendanceForm
    permission_required = "panel.add_attendance"
    parent_model = Meeting
    parent_field = "meeting"
    parent_url_name = "panel:meeting_detail"
    success_url_name = "panel:meeting_detail"


class ReviewAdd(AuditedForm, ParentCreateView):
    """The minutes of one agenda case; the decision updates the case (see services)."""

    model = CaseReview
    form_class = CaseReviewForm
    permission_required = "panel.add_casereview"
    parent_model = Meeting
    parent_field = "meeting"
    parent_url_name = "panel:meeting_detail"
    success_url_name = "panel:meeting_detail"
    submit_label = "Save minutes"

    def get_referral(self) -> Referral:
        return get_object_or_404(Referral, partnership=self.partnership, pk=self.kwargs["referral"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"].referral = self.get_referral()
        return kwargs

    def get_initial(self):
        referral = self.get_referral()
        return {**super().get_initial(), "risk_level": referral.risk_level}

    def get_page_title(self) -> str:
        return f"Minutes: {self.get_referral().reference} at {self.get_parent()}"

    def form_valid(self, form):
        self.object = services.record_review(form.instance)
        record(self.request.user, self.partnership, AccessKind.CREATE, self.object, "minutes")
        if self.object.decision == "close":
            record(self.request.user, self.partnership, AccessKind.CLOSE, self.object.referral)
        messages.success(self.request, f"Saved: {self.object}")
        return redirect(self.get_success_url())


class MinutesExport(AuditedPage, ScopedDetailView):
    model = Meeting
    permission_required = "panel.view_meeting"
    audit_action = AccessKind.EXPORT

    def audit_detail(self) -> str:
        return "minutes CSV"

    def render_to_response(self, context, **kwargs):
        body = services.minutes_csv(self.object, self.request.user)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        name = f"panel-minutes-{self.object.date:%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ActionsExport(AuditedPage, ScopedTemplateView):
    permission_required = "panel.view_panelaction"
    audit_action = AccessKind.EXPORT

    def audit_detail(self) -> str:
        return "action list CSV"

    def render_to_response(self, context, **kwargs):
        body = services.actions_csv(self.partnership, self.request.user)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        name = f"panel-actions-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


# --- networks ----------------------------------------------------------------------------------


class NetworkList(AuditedPage, ScopedTemplateView):
    template_name = "panel/network_list.html"
    permission_required = "panel.view_network"
    audit_action = AccessKind.LIST

    def audit_detail(self) -> str:
        return "networks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["networks"] = Network.objects.filter(partnership=self.partnership)
        return context


class NetworkCreate(AuditedForm, ScopedCreateView):
    model = Network
    form_class = NetworkForm
    permission_required = "panel.add_network"
    success_url_name = "panel:network_list"

    def get_success_url(self) -> str:
        return _url("network_detail", self.partnership, pk=self.object.pk)


class NetworkDetail(AuditedPage, ScopedDetailView):
    """The complex strategy meeting view: the drawing, members, connections, open actions."""

    model = Network
    template_name = "panel/network_detail.html"
    permission_required = "panel.view_network"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network = self.object
        nodes = list(network.nodes.select_related("referral"))
        connections = list(
            network.connections.select_related("source_node__referral", "target_node__referral")
        )
        referrals = [n.referral for n in nodes if n.referral_id]
        context.update(
            nodes=nodes,
            connections=connections,
            referrals=referrals,
            actions=PanelAction.objects.filter(
                referral__in=referrals, completed_on__isnull=True
            ).select_related("referral", "owner_organisation"),
            graph={
                "nodes": [
                    {
                        "id": n.pk,
                        "label": n.display_label,
                        "kind": n.kind,
                        "risk": n.referral.risk_level if n.referral_id else "",
                    }
                    for n in nodes
                ],
                "links": [
                    {
                        "source": c.source_node_id,
                        "target": c.target_node_id,
                        "label": c.relationship,
                        "reliability": c.reliability,
                    }
                    for c in connections
                ],
            },
        )
        return context


class NodeAdd(AuditedForm, ParentCreateView):
    model = NetworkNode
    form_class = NetworkNodeForm
    permission_required = "panel.add_networknode"
    parent_model = Network
    parent_field = "network"
    parent_url_name = "panel:network_detail"
    success_url_name = "panel:network_detail"


class ConnectionAdd(AuditedForm, ParentCreateView):
    model = Connection
    form_class = ConnectionForm
    permission_required = "panel.add_connection"
    parent_model = Network
    parent_field = "network"
    parent_url_name = "panel:network_detail"
    success_url_name = "panel:network_detail"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["network"] = self.get_parent()
        return kwargs


# --- place reviews -------------------------------------------------------------------------------


class PlaceList(AuditedPage, ScopedTemplateView):
    template_name = "panel/place_list.html"
    permission_required = "panel.view_placereview"
    audit_action = AccessKind.LIST

    def audit_detail(self) -> str:
        return "place reviews"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        places = list(PlaceReview.objects.filter(partnership=self.partnership))
        standings = hotspot_standings(self.partnership, [p.lsoa_code for p in places])
        for place in places:  # one cache look-up for the page; never computes
            place.standing = standings.get(place.lsoa_code)
        context["places"] = places
        return context


class PlaceCreate(AuditedForm, ScopedCreateView):
    model = PlaceReview
    form_class = PlaceReviewForm
    permission_required = "panel.add_placereview"
    success_url_name = "panel:place_list"

    def get_success_url(self) -> str:
        return _url("place_detail", self.partnership, pk=self.object.pk)


class PlaceUpdate(AuditedForm, ScopedUpdateView):
    model = PlaceReview
    form_class = PlaceReviewForm
    permission_required = "panel.change_placereview"
    success_url_name = "panel:place_list"

    def get_success_url(self) -> str:
        return _url("place_detail", self.partnership, pk=self.object.pk)

    get_back_url = get_success_url


class PlaceDetail(AuditedPage, ScopedDetailView):
    model = PlaceReview
    template_name = "panel/place_detail.html"
    permission_required = "panel.view_placereview"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actions"] = self.object.actions.select_related("owner_organisation")
        context["standing"] = hotspot_standing(self.partnership, self.object.lsoa_code)
        return context


class PlaceActionAdd(AuditedForm, ParentCreateView):
    model = PanelAction
    form_class = PanelActionForm
    permission_required = "panel.add_panelaction"
    parent_model = PlaceReview
    parent_field = "place_review"
    parent_url_name = "panel:place_detail"
    success_url_name = "panel:place_detail"


# --- administrators: the access log and retention -------------------------------------------------


class AccessLog(AuditedPage, ScopedTemplateView):
    """The access log, newest first (500 rows; ``?user=`` and ``?reference=`` filter)."""

    template_name = "panel/access_log.html"
    permission_required = "panel.view_accesslogentry"

    def audit_detail(self) -> str:
        return "access log"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = AccessLogEntry.objects.filter(partnership=self.partnership)
        user = self.request.GET.get("user", "").strip()
        reference = self.request.GET.get("reference", "").strip()
        if user:
            entries = entries.filter(username=user)
        if reference:
            entries = entries.filter(object_reference=reference)
        context.update(entries=entries[:500], filter_user=user, filter_reference=reference)
        return context


class Retention(AuditedPage, ScopedTemplateView):
    """Closed cases past the retention period (by reference only) and the deletions made."""

    template_name = "panel/retention.html"
    permission_required = "panel.view_deletionrecord"

    def audit_detail(self) -> str:
        return "retention"

    def get_context_data(self, **kwargs):
        from django.conf import settings

        context = super().get_context_data(**kwargs)
        context.update(
            flagged=services.past_retention(self.partnership),
            deletions=DeletionRecord.objects.filter(partnership=self.partnership),
            retention_days=settings.SVDUTY_PANEL_RETENTION_DAYS,
        )
        return context


class RetentionDelete(ScopedDetailView):
    """Confirm and delete one case past retention; a deletion record and a log entry remain."""

    model = Referral
    template_name = "panel/retention_delete.html"
    permission_required = "panel.retention_delete_referral"

    def get_object(self, queryset=None):
        referral = super().get_object(queryset)
        if not referral.past_retention():
            from django.http import Http404

            raise Http404("This case is not past its retention period.")
        return referral

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", DeleteCaseForm())
        return context

    def post(self, request, *args, **kwargs):
        self.check_permission()
        self.object = self.get_object()
        form = DeleteCaseForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        referral = self.object
        with transaction.atomic():
            record(
                request.user,
                self.partnership,
                AccessKind.DELETE,
                referral,
                form.cleaned_data["reason"],
            )
            services.delete_case(referral, request.user, form.cleaned_data["reason"])
        messages.success(request, f"Deleted case {referral.reference}; a deletion record is kept.")
        return redirect(_url("retention", self.partnership))
