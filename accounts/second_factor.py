"""The one question every staff surface asks: did this session, or this API token, pass a second factor?

Pages ask it in `accounts.middleware.StaffMFAMiddleware`, the API in
`accounts.api.authentication` (by session and by token). It is decided by the person's role
(`accounts.rules.has_staff_role`), never by URL, so new pages are covered the day they are added.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings

from .rules import has_staff_role


def second_factor_required(user) -> bool:
    """The person's role requires a second factor (and production's setting asks for it)."""
    return bool(settings.SIEM_REQUIRE_MFA_FOR_STAFF and has_staff_role(user))


def has_authenticator(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_passed_second_factor(request, user) -> bool:
    """allauth records each authentication step of the session; "mfa" is the second factor
    (at sign-in, or the re-authentication a signed-in person does with their code)."""
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, user))


def passed_second_factor(request, user, token=None) -> bool:
    """The predicate: True when the person needs no second factor or this session/token passed it."""
    if not second_factor_required(user):
        return True
    if token is not None:
        return bool(getattr(token, "second_factor", False))
    return session_passed_second_factor(request, user)
