"""Organisations of the partnership: list, add, change."""

from svduty.web.common.views import ScopedCreateView, ScopedListView, ScopedUpdateView
from svduty.web.organisations.forms import OrganisationForm
from svduty.web.organisations.models import Organisation


class OrganisationList(ScopedListView):
    model = Organisation
    permission_required = "organisations.view_organisation"
    template_name = "organisations/organisation_list.html"


class OrganisationCreate(ScopedCreateView):
    model = Organisation
    form_class = OrganisationForm
    permission_required = "organisations.add_organisation"
    success_url_name = "organisations:list"


class OrganisationUpdate(ScopedUpdateView):
    model = Organisation
    form_class = OrganisationForm
    permission_required = "organisations.change_organisation"
    success_url_name = "organisations:list"
