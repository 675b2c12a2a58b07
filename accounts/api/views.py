from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import services
from ..models import User
from ..second_factor import has_authenticator, second_factor_required
from .serializers import (
    ApiTokenSerializer,
    ErrorResponseSerializer,
    MeSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)


def _refused(message: str, *, field: str = "non_field_errors", status_code=status.HTTP_403_FORBIDDEN) -> Response:
    return Response({"detail": message, "errors": {field: [message]}}, status=status_code)


class TokenView(APIView):
    """Exchange email and password for an expiring API token (verified accounts only).

    Staff roles also send `code`, from their authenticator app: their token is issued only after
    the second factor, and lives 12 hours (others: 30 days). Any password change, reset or account
    deactivation ends every token of the account.
    """

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_scope = "auth"

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: TokenResponseSerializer,
            400: ErrorResponseSerializer,
            403: ErrorResponseSerializer,
            429: ErrorResponseSerializer,
        },
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        email = data.validated_data["email"].lower()
        try:
            # allauth's adapter: its `login_failed` rate limits (per address, per login), then axes
            user = get_adapter(request._request).authenticate(
                request._request, email=email, password=data.validated_data["password"]
            )
        except ValidationError:
            return _refused(
                _("Too many failed attempts: wait a few minutes before trying again."),
                status_code=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        if user is None:
            # axes may have locked this login from this address: say so rather than a generic refusal
            if getattr(request._request, "axes_locked_out", False):
                return _refused(
                    _("Too many failed attempts: this account is locked for a while."),
                    status_code=status.HTTP_429_TOO_MANY_REQUESTS,
                )
            return _refused(
                _("Unable to sign in with this email and password."), status_code=status.HTTP_400_BAD_REQUEST
            )
        if not user.is_active:
            return _refused(_("This account is inactive."))
        if not EmailAddress.objects.filter(user=user, verified=True).exists():
            return _refused(_("Please confirm your email address first: we sent you a link."))
        second_factor = False
        if second_factor_required(user):
            if not has_authenticator(user):
                return _refused(
                    _(
                        "Your role gives you access to other people's data: set up two-factor "
                        "authentication on the website first (/accounts/2fa/totp/activate/)."
                    ),
                    field="code",
                )
            code = data.validated_data.get("code", "")
            if not code:
                return _refused(
                    _("Your role requires a second factor: send the code from your authenticator app as `code`."),
                    field="code",
                )
            if not services.second_factor_check(request=request._request, user=user, code=code):
                return _refused(_("Incorrect code: try the current code from your authenticator app."), field="code")
            second_factor = True
        token, key = services.api_token_create(user=user, second_factor=second_factor)
        return Response(TokenResponseSerializer({"token": key, "expiry": token.expiry}).data)


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        user = User.objects.prefetch_related("memberships__organisation", "groups").get(pk=request.user.pk)
        return Response(MeSerializer(user).data)


class TokenListView(APIView):
    """The caller's API tokens (never the secrets): created, expiry, last used."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={200: ApiTokenSerializer(many=True), 401: ErrorResponseSerializer, 403: ErrorResponseSerializer}
    )
    def get(self, request):
        tokens = services.api_tokens_for_user(user=request.user)
        return Response(ApiTokenSerializer(tokens, many=True).data)


class TokenDetailView(APIView):
    """Revoke one of the caller's tokens (by its id, from the list)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={204: None, 401: ErrorResponseSerializer, 403: ErrorResponseSerializer, 404: ErrorResponseSerializer}
    )
    def delete(self, request, token_id: str):
        if not services.api_token_revoke(user=request.user, token_id=token_id):
            return Response(
                {"detail": _("No such token among yours: it may already have expired or been revoked.")},
                status=status.HTTP_404_NOT_FOUND,
            )
        return Response(status=status.HTTP_204_NO_CONTENT)
