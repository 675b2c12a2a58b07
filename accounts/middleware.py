"""Two checks on every request of a staff role (accounts.rules.has_staff_role), decided by role:

- `StaffSessionMiddleware`: a staff session ends after 30 minutes without a request and 12 hours
  after the sign-in (settings SIEM_STAFF_SESSION_IDLE / SIEM_STAFF_SESSION_MAX).
- `StaffMFAMiddleware`: a staff session that did not pass the second factor reaches only the sign-in
  and two-factor pages; every other page (the admin, /manage/, /reports/, review pages, private
  files...) sends the person to set up an authenticator, or to enter its code.

API views answer for themselves (`accounts.api.authentication`), with JSON.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .rules import has_staff_role
from .second_factor import has_authenticator, passed_second_factor

SESSION_STARTED_KEY = "siem_session_started"
SESSION_SEEN_KEY = "siem_session_seen"
# The session is written (and its cookie renewed) at most once a minute, not on every request.
SEEN_RESOLUTION = 60

# Views a staff session without the second factor may always use: the language switch, static
# files, the health check. The API answers for itself (JSON 403).
ALWAYS_OPEN_VIEW_MODULES = (
    "django.views.i18n",
    "django.views.static",
    "django.contrib.staticfiles.",
    "siem_portal.health",
)
# With an authenticator: only entering its code, or signing in or out (not changing the email
# address, the password or the authenticators with the password alone).
WITH_AUTHENTICATOR_OPEN_URL_NAMES = frozenset(
    {"account_login", "account_logout", "mfa_authenticate", "mfa_reauthenticate"}
)
# Without one: allauth's pages, where it is set up (they ask for the password again first).
SETTING_UP_VIEW_MODULES = ("allauth.",)


def staff_session_start(request, user) -> None:
    """Called at sign-in: the 12-hour clock starts, and a staff cookie lasts 30 idle minutes."""
    now = time.time()
    request.session[SESSION_STARTED_KEY] = now
    request.session[SESSION_SEEN_KEY] = now
    if has_staff_role(user):
        request.session.set_expiry(int(settings.SIEM_STAFF_SESSION_IDLE.total_seconds()))


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and has_staff_role(user):
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        session = request.session
        now = time.time()
        idle = settings.SIEM_STAFF_SESSION_IDLE.total_seconds()
        started = session.get(SESSION_STARTED_KEY)
        seen = session.get(SESSION_SEEN_KEY)
        if not isinstance(started, (int, float)) or not isinstance(seen, (int, float)):
            # a session from before this check was deployed (every sign-in sets both keys; a role
            # given later in a long session ends that session at once, by its 12-hour limit)
            session[SESSION_STARTED_KEY] = session[SESSION_SEEN_KEY] = now
            session.set_expiry(int(idle))
            return
        if now - started > settings.SIEM_STAFF_SESSION_MAX.total_seconds() or now - seen > idle:
            logout(request)
            # the request goes on signed out: pages that need a sign-in ask for it, with ?next=
            messages.info(request, _("Your session ended for security reasons: please sign in again."))
            return
        if now - seen > SEEN_RESOLUTION:
            session[SESSION_SEEN_KEY] = now
            session.set_expiry(int(idle))


def _is_api_view(view_func) -> bool:
    view_class = getattr(view_func, "cls", None)
    if view_class is None:
        return False
    from rest_framework.views import APIView

    return issubclass(view_class, APIView)


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or passed_second_factor(request, user):
            return None
        module = getattr(view_func, "__module__", "") or ""
        if _is_api_view(view_func) or module.startswith(ALWAYS_OPEN_VIEW_MODULES):
            return None
        if has_authenticator(user):
            match = getattr(request, "resolver_match", None)
            if match is not None and match.url_name in WITH_AUTHENTICATOR_OPEN_URL_NAMES:
                return None
            messages.info(
                request,
                _("Your role gives you access to other people's data: enter the code from your authenticator app."),
            )
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}")
        if module.startswith(SETTING_UP_VIEW_MODULES):
            return None
        messages.warning(
            request,
            _("Your role gives you access to other people's data: please set up two-factor authentication first."),
        )
        return redirect("mfa_activate_totp")
