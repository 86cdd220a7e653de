"""Upload, report, dashboard-filter and publishing forms."""

from __future__ import annotations

from django import forms

from svduty.errors import SvdutyError
from svduty.ingest.registry import get_reader, readers
from svduty.reports.labels import value_label
from svduty.reports.sna import parse_month
from svduty.web.common.forms import GovukFormMixin, PartnershipModelForm
from svduty.web.insight.models import PublishedSummary
from svduty.web.insight.uploads import size_limit_bytes
from svduty.web.strategy.definitions import definition_choices


def source_choices() -> list[tuple[str, str]]:
    return [(name, f"{name}: {reader.summary}") for name, reader in readers().items()]


def _select(field: forms.Field) -> None:
    field.widget.attrs["class"] = "govuk-select"


REPLACE_LABEL = "Replace the earlier imports of this source that this file overlaps"
APPEND_LABEL = "Add only the records not loaded yet"


class UploadForm(GovukFormMixin, forms.Form):
    source = forms.ChoiceField(label="Source", help_text="Which partner extract this file is.")
    extract = forms.FileField(
        label="Extract file", help_text="The CSV (or zip) exactly as the partner sent it."
    )
    mapping = forms.FileField(
        label="Mapping profile (optional)",
        required=False,
        help_text="A YAML column-mapping profile when the partner's headers differ.",
    )
    replace = forms.BooleanField(
        label=REPLACE_LABEL,
        required=False,
        help_text="For a corrected or re-sent extract: the overlapped imports are removed.",
    )
    append = forms.BooleanField(
        label=APPEND_LABEL,
        required=False,
        help_text="For an extract that extends an earlier one: records already loaded are "
        "skipped. Without either, a file overlapping an earlier import is refused.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = source_choices()
        _select(self.fields["source"])
        for name in ("extract", "mapping"):
            self.fields[name].widget.attrs["class"] = "govuk-file-upload"

    def clean(self):
        data = super().clean()
        source, mapping, extract = data.get("source"), data.get("mapping"), data.get("extract")
        if source and extract and extract.size > (limit := size_limit_bytes(source)):
            self.add_error(
                "extract",
                f"The file is larger than {limit // 2**20:,} MB, the limit for {source}: "
                "split it by period",
            )
        if data.get("replace") and data.get("append"):
            self.add_error("append", "Choose to replace the earlier imports or to add to them")
        if source and mapping and not get_reader(source).accepts_mapping:
            self.add_error("mapping", f"{source} has a fixed layout: upload no mapping profile")
        return data


class ReportForm(GovukFormMixin, forms.Form):
    definition = forms.ChoiceField(label="Definition of serious violence")
    area = forms.ChoiceField(label="Area", required=False)
    start = forms.CharField(label="From month", required=False, help_text="YYYY-MM, e.g. 2023-04")
    end = forms.CharField(label="To month", required=False, help_text="YYYY-MM, e.g. 2024-03")
    public = forms.BooleanField(label="Public summary (disclosure control applied)", required=False)

    def __init__(self, *args, districts=(), own_area=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["definition"].choices = definition_choices()
        # The partnership's own area comes first and is the default; without one, the report
        # covers the area the crime data covers (named on its cover), never "everywhere".
        own = [(own_area[0], f"{own_area[1]} (this partnership's area)")] if own_area else []
        self.fields["area"].choices = [
            *own,
            ("", "The area the crime data covers"),
            *(choice for choice in districts if not own or choice[0] != own_area[0]),
        ]
        _select(self.fields["definition"])
        _select(self.fields["area"])
        for name in ("start", "end"):
            self.fields[name].widget.attrs["class"] = "govuk-input govuk-input--width-10"

    def clean(self):
        data = super().clean()
        try:
            start = parse_month(data.get("start") or None, "From month")
            end = parse_month(data.get("end") or None, "To month")
        except SvdutyError as error:
            raise forms.ValidationError(str(error)) from error
        if start and end and start > end:
            raise forms.ValidationError("The period starts after it ends")
        return data


class FilterForm(GovukFormMixin, forms.Form):
    """Dashboard filters (GET)."""

    definition = forms.ChoiceField(label="Definition", required=False)
    year = forms.TypedChoiceField(
        label="Financial year", required=False, coerce=int, empty_value=None
    )
    district = forms.ChoiceField(label="District", required=False)
    category = forms.ChoiceField(label="Category", required=False)
    age_band = forms.ChoiceField(label="Age band", required=False)

    def __init__(self, *args, years=(), districts=(), categories=(), age_bands=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["definition"].choices = definition_choices()
        self.fields["year"].choices = [("", "All years")] + [
            (str(y), f"{y}/{(y + 1) % 100:02d}") for y in years
        ]
        self.fields["district"].choices = [("", "All districts"), *districts]
        self.fields["category"].choices = [("", "All categories")] + [
            (c, value_label(c)) for c in categories
        ]
        self.fields["age_band"].choices = [("", "All ages")] + [(a, a) for a in age_bands]
        for field in self.fields.values():
            _select(field)


class PublishForm(PartnershipModelForm):
    class Meta:
        model = PublishedSummary
        fields = ["definition_name", "area_code", "published"]
        widgets = {"definition_name": forms.Select(choices=())}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["definition_name"].widget.choices = definition_choices()
