"""The report's choice of board and quarter."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from svduty.web.common.forms import GovukFormMixin
from svduty.web.common.periods import FinancialQuarter

#: The first quarter a board report can cover: the Duty came into force on 31 January 2023.
FIRST_QUARTER = FinancialQuarter(2022, 4)


def quarter_choices() -> list[tuple[str, str]]:
    """Every quarter from the Duty's start to the current one, newest first."""
    quarters = [FinancialQuarter.of(timezone.localdate())]
    while quarters[-1] > FIRST_QUARTER:
        quarters.append(quarters[-1].previous())
    return [(f"{q.year}-{q.quarter}", q.label) for q in quarters]


def last_complete_quarter() -> FinancialQuarter:
    return FinancialQuarter.of(timezone.localdate()).previous()


class ReportChoiceForm(GovukFormMixin, forms.Form):
    board = forms.ModelChoiceField(queryset=None, empty_label=None)
    quarter = forms.ChoiceField()

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = partnership.boards.all()
        self.fields["board"].widget.attrs["class"] = "govuk-select"
        self.fields["quarter"].choices = quarter_choices()
        self.fields["quarter"].widget.attrs["class"] = "govuk-select"

    def clean_quarter(self) -> FinancialQuarter:
        try:
            year, quarter = (int(part) for part in self.cleaned_data["quarter"].split("-"))
            return FinancialQuarter(year, quarter)
        except ValueError as error:
            raise forms.ValidationError("Choose a quarter.") from error
