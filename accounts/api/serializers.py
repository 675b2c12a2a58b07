from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import ApiToken, Membership, User


class MembershipSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    organisation_id = serializers.IntegerField(source="organisation.pk", read_only=True)
    organisation_slug = serializers.CharField(source="organisation.slug")
    organisation_kind = serializers.CharField(source="organisation.kind")

    class Meta:
        model = Membership
        fields = ["organisation", "organisation_id", "organisation_slug", "organisation_kind", "role"]


class MeSerializer(serializers.ModelSerializer):
    memberships = MembershipSerializer(many=True, read_only=True)
    roles = serializers.SerializerMethodField()
    country = serializers.CharField(source="country.code", read_only=True)

    class Meta:
        model = User
        fields = ["id", "email", "full_name", "preferred_language", "country", "roles", "memberships"]

    def get_roles(self, user) -> list[str]:
        return sorted(g.name for g in user.groups.all())


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, max_length=4096)
    code = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=64,
        help_text=_("Staff roles: the code from your authenticator app (or a recovery code)."),
    )

    default_error_messages = {"invalid": _("Unable to sign in with this email and password.")}


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Send it as `Authorization: Token <token>`; it is shown only once."))
    expiry = serializers.DateTimeField()


class ApiTokenSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="public_id", read_only=True, help_text=_("Names the token to revoke it."))
    starts_with = serializers.SerializerMethodField(help_text=_("The token's first characters."))

    class Meta:
        model = ApiToken
        fields = ["id", "starts_with", "created", "expiry", "last_used", "second_factor"]

    def get_starts_with(self, token) -> str:
        return token.token_key[:8]


class ErrorResponseSerializer(serializers.Serializer):
    """The body of every refusal: what went wrong and what to do, and the messages per field."""

    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)
