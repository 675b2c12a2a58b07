"""The API's authentication: by session (the web pages' sign-in) and by expiring token (knox).

Both ask the portal's one second-factor question (`accounts.second_factor.passed_second_factor`):
a staff role whose session or token did not pass the second factor gets 403 with a JSON body
that says what to do. A forged, expired or revoked token gets 401.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions, status
from rest_framework.authentication import SessionAuthentication as DRFSessionAuthentication

from ..second_factor import has_authenticator, passed_second_factor

# last_used is written at most once a minute per token, not on every request
LAST_USED_RESOLUTION = timedelta(minutes=1)


class SecondFactorRequired(exceptions.PermissionDenied):
    default_code = "second_factor_required"


class TokenRejected(exceptions.APIException):
    """401 with a `WWW-Authenticate: Token` header (not DRF's AuthenticationFailed, which becomes 403
    when the session authenticator is listed first)."""

    status_code = status.HTTP_401_UNAUTHORIZED
    default_code = "token_rejected"
    auth_header = "Token"


def _token_rejected(message: str) -> TokenRejected:
    return TokenRejected({"detail": message, "errors": {"token": [message]}})


def require_second_factor(request, user, token=None) -> None:
    if passed_second_factor(request, user, token):
        return
    if token is not None:
        message = _(
            "Your role gives you access to other people's data: this token was issued without your "
            "second factor. Request a new one at /api/v1/auth/token/ with your email, password and the "
            "code from your authenticator app."
        )
    elif has_authenticator(user):
        message = _(
            "Your role gives you access to other people's data: enter the code from your authenticator "
            "app at /accounts/2fa/reauthenticate/ in this browser, then try again."
        )
    else:
        message = _(
            "Your role gives you access to other people's data: set up two-factor authentication at "
            "/accounts/2fa/totp/activate/ first."
        )
    raise SecondFactorRequired({"detail": message, "errors": {"second_factor": [message]}})


class SessionAuthentication(DRFSessionAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            require_second_factor(request._request, result[0])
        return result


class TokenAuthentication(KnoxTokenAuthentication):
    def authenticate(self, request):
        try:
            result = super().authenticate(request)
        except exceptions.AuthenticationFailed as exc:
            raise _token_rejected(
                _(
                    "This token is not valid: it may have expired, been revoked, or been ended by a "
                    "password change. Request a new one at /api/v1/auth/token/. (%(reason)s)"
                )
                % {"reason": exc.detail}
            ) from exc
        if result is None:
            return None
        user, token = result
        now = timezone.now()
        if token.last_used is None or now - token.last_used > LAST_USED_RESOLUTION:
            type(token).objects.filter(pk=token.pk).update(last_used=now)
            token.last_used = now
        require_second_factor(request._request, user, token)
        return result


class SessionScheme(OpenApiAuthenticationExtension):
    """The OpenAPI description of the session sign-in (drf-spectacular knows DRF's class only)."""

    target_class = "accounts.api.authentication.SessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")  # noqa: S106
