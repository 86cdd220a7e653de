"""Django's account forms with GOV.UK rendering."""

from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm

from svduty.web.common.forms import GovukFormMixin


class GovukPasswordResetForm(GovukFormMixin, PasswordResetForm):
    pass


class GovukSetPasswordForm(GovukFormMixin, SetPasswordForm):
    pass


class GovukPasswordChangeForm(GovukFormMixin, PasswordChangeForm):
    pass
