from rest_framework import serializers

from ..enums import SessionKind
from ..models import AgendaSession, Event, Registration


class EventSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "slug",
            "kind",
            "title",
            "summary",
            "description",
            "venue_name",
            "address",
            "map_url",
            "starts_at",
            "ends_at",
            "timezone",
            "registration_opens_at",
            "registration_closes_at",
            "capacity",
            "confirmation_mode",
            "waitlist_enabled",
            "accessibility_info",
            "status",
            "url",
        ]

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()


class EventWriteSerializer(serializers.ModelSerializer):
    """Input only: the service validates the whole event with ``full_clean``."""

    class Meta:
        model = Event
        fields = [
            "slug",
            "kind",
            "title",
            "summary",
            "description",
            "venue_name",
            "address",
            "map_url",
            "online_url",
            "starts_at",
            "ends_at",
            "timezone",
            "registration_opens_at",
            "registration_closes_at",
            "capacity",
            "confirmation_mode",
            "waitlist_enabled",
            "offer_hours",
            "accessibility_info",
            "status",
        ]


class RegistrationCreateSerializer(serializers.Serializer):
    answers = serializers.DictField(required=False, default=dict)
    accessibility_needs = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    dietary_requirements = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    pronouns = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)
    support_requested = serializers.BooleanField(required=False, default=False)
    support_reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    attendee_list_consent = serializers.BooleanField(required=False, default=False)


class MyRegistrationSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Registration
        fields = ["event", "state", "offer_expires_at", "created_at"]


class OrganiserRegistrationSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.full_name")
    email = serializers.EmailField(source="user.email")

    class Meta:
        model = Registration
        fields = [
            "id",
            "name",
            "email",
            "state",
            "offer_expires_at",
            "created_at",
            "answers",
            "accessibility_needs",
            "dietary_requirements",
            "pronouns",
            "support_requested",
            "support_reason",
            "attendee_list_consent",
            "checked_in_at",
        ]


class DecisionSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(), allow_empty=False, max_length=1000)
    decision = serializers.ChoiceField(choices=["confirm", "decline"])


class AgendaSessionSerializer(serializers.ModelSerializer):
    # "session_kind", not "kind": one enum per field name keeps the OpenAPI components unambiguous
    session_kind = serializers.ChoiceField(source="kind", choices=SessionKind.choices, read_only=True)
    room = serializers.CharField(source="room.name", default=None)
    presenters = serializers.ListField(source="presenter_names", child=serializers.CharField())

    class Meta:
        model = AgendaSession
        fields = ["id", "session_kind", "title", "description", "presenters", "room", "starts_at", "ends_at"]
