from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


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
