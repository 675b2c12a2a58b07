from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .rules import has_staff_role

# The areas where a staff role sees other people's data.
PROTECTED_PREFIXES = ("/manage/", "/iro/", "/admin/")


class StaffMFAMiddleware:
    """Sends staff-role accounts without a second factor to set one up before /manage/, /iro/, /admin/."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.SIEM_REQUIRE_MFA_FOR_STAFF
            and request.path.startswith(PROTECTED_PREFIXES)
            and request.user.is_authenticated
            and has_staff_role(request.user)
        ):
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists():
                messages.warning(
                    request,
                    _(
                        "Your role gives you access to other people's data: "
                        "please set up two-factor authentication first."
                    ),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)
