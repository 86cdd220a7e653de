"""GOV.UK Design System rendering for Django forms: one mixin every app's forms use.

The mixin gives each widget the GOV.UK class and renders the form with
``web/forms/govuk_form.html`` (labels, hints, error messages, checkboxes and radios in GOV.UK
markup). Page templates add the error summary with
``{% include "web/includes/error_summary.html" %}``.
"""

from __future__ import annotations

from django import forms
from django.forms.utils import pretty_name

from svduty.web.common.mixins import PartnershipFormMixin

_WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.SelectMultiple: "govuk-select",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
    forms.RadioSelect: "govuk-radios__input",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.DateInput: "govuk-input govuk-input--width-10",
    forms.NumberInput: "govuk-input govuk-input--width-10",
    forms.EmailInput: "govuk-input",
    forms.PasswordInput: "govuk-input govuk-input--width-20",
    forms.TextInput: "govuk-input",
}


class DateInput(forms.DateInput):
    """A date field as the browser's date input (ISO value, so it round-trips in any locale)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _name_the_missing_field(name: str, field: forms.Field) -> None:
    """GOV.UK error messages say what to do: "Enter the title", not "This field is required"."""
    if field.error_messages.get("required") != forms.Field.default_error_messages["required"]:
        return
    label = str(field.label or pretty_name(name))
    label = label[0].lower() + label[1:] if label[:2] != label[:2].upper() else label
    choosing = isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField)
    field.error_messages["required"] = f"{'Select' if choosing else 'Enter'} the {label}"


_ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-select": "govuk-select--error",
    "govuk-textarea": "govuk-textarea--error",
}


class GovukFormMixin:
    """GOV.UK classes on every widget and the GOV.UK form template."""

    def full_clean(self):
        """After validation, fields in error get the GOV.UK error style (red border)."""
        super().full_clean()
        for name in self.errors:
            field = self.fields.get(name)
            if field is None:
                continue
            classes = field.widget.attrs.get("class", "").split()
            extra = [_ERROR_CLASSES[c] for c in classes if c in _ERROR_CLASSES]
            field.widget.attrs["class"] = " ".join(dict.fromkeys(classes + extra))

    template_name = "web/forms/govuk_form.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            _name_the_missing_field(name, field)
            if isinstance(field, forms.DateField) and not isinstance(field.widget, DateInput):
                field.widget = DateInput(attrs=field.widget.attrs)
            for widget_type in type(field.widget).__mro__:
                css = _WIDGET_CLASSES.get(widget_type)
                if css:
                    field.widget.attrs.setdefault("class", css)
                    break


class PartnershipModelForm(GovukFormMixin, PartnershipFormMixin, forms.ModelForm):
    """Model forms in a partnership: GOV.UK rendering, choices limited to the partnership."""
