from svduty.web.common.forms import PartnershipModelForm
from svduty.web.organisations.models import Organisation


class OrganisationForm(PartnershipModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind"]
