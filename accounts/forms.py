from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from siem_portal.registry import registry

from .models import User


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (allauth adds email and passwords)."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    country = LazyTypedChoiceField(label=_("Country"), choices=[("", "—")] + list(countries), required=False)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES, initial="en")

    field_order = ["email", "full_name", "country", "preferred_language", "password1", "password2"]

    def signup(self, request, user):
        # allauth calls this after saving; the adapter already copied the fields
        pass


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "country", "preferred_language"]


class EmailPreferencesForm(forms.Form):
    """One checkbox per kind of notification that can be turned off."""

    def __init__(self, *args, muted: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        for code, kind in registry.notification_kinds.items():
            if kind.mandatory:
                continue
            self.fields[code] = forms.BooleanField(label=kind.label, required=False, initial=code not in muted)

    def muted_kinds(self) -> set[str]:
        return {code for code, wanted in self.cleaned_data.items() if not wanted}


class AccountDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be removed for good."), required=True
    )
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if not self.totp:
            del self.fields["code"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your current password."))
        return password

    def clean_code(self):
        code = self.cleaned_data.get("code", "").strip()
        if not code:
            raise forms.ValidationError(_("Your account uses two-factor authentication: enter a current code."))
        if not TOTP(self.totp).validate_code(code):
            raise forms.ValidationError(_("This code is not valid."))
        return code
