from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

VERIFICATION_SESSION_KEY = "siem_verification_user"


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        return super().get_login_redirect_url(request) or reverse("accounts:dashboard")

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        user.full_name = data.get("full_name", "")
        user.country = data.get("country", "")
        user.preferred_language = data.get("preferred_language") or "en"
        if commit:
            user.save()
        return user

    def respond_email_verification_sent(self, request, user):
        # the page that says "we sent you an email" offers to send it again: remember to whom
        # (this session signed up or signed in as that person, so it may ask for the same email again)
        request.session[VERIFICATION_SESSION_KEY] = user.pk
        return super().respond_email_verification_sent(request, user)
