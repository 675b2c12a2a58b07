from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ..models import User
from .serializers import MeSerializer, TokenRequestSerializer


class TokenView(APIView):
    """Exchange email and password for an API token (verified accounts only)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_scope = "auth"

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: inline_serializer("TokenResponse", {"token": serializers.CharField()})},
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        email = data.validated_data["email"].lower()
        user = authenticate(request._request, email=email, password=data.validated_data["password"])
        if user is None:
            # axes may have locked the account: say so rather than a generic refusal
            if getattr(request._request, "axes_locked_out", False):
                return Response(
                    {"detail": _("Too many failed attempts: this account is locked for a while.")},
                    status=status.HTTP_403_FORBIDDEN,
                )
            return Response(
                {
                    "detail": _("Unable to sign in with this email and password."),
                    "errors": {"non_field_errors": [_("Unable to sign in with this email and password.")]},
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        if not user.is_active:
            return Response({"detail": _("This account is inactive.")}, status=status.HTTP_403_FORBIDDEN)
        if not EmailAddress.objects.filter(user=user, verified=True).exists():
            return Response(
                {"detail": _("Please confirm your email address first: we sent you a link.")},
                status=status.HTTP_403_FORBIDDEN,
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        user = User.objects.prefetch_related("memberships__organisation", "groups").get(pk=request.user.pk)
        return Response(MeSerializer(user).data)
