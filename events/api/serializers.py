from django.db.models import DateTimeField
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from siem_portal.serializers import IdField, ModernDateTimeField
from siem_portal.translatable_serializers import TranslatedSerializer

from ..enums import ProposalKind, ProposalState, ProposalTopic, SessionKind
from ..models import AgendaSession, Event, Proposal, ProposalType, Registration


class EventSerializer(TranslatedSerializer):
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
            "untranslated",
        ]

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()


class ProposalTypeSerializer(serializers.ModelSerializer):
    """One kind of session the call accepts: its code (``proposal_kind`` when proposing) and deadline."""

    proposal_kind = serializers.ChoiceField(source="kind", choices=ProposalKind.choices, read_only=True)
    label = serializers.CharField(source="get_kind_display", read_only=True)
    open = serializers.SerializerMethodField()

    class Meta:
        model = ProposalType
        fields = ["proposal_kind", "label", "description", "deadline", "open", "abstract_max_length"]

    def get_open(self, obj) -> bool:
        return obj.is_open(self.context.get("now"))


class CallForProposalsSerializer(serializers.Serializer):
    open = serializers.BooleanField(help_text="True while at least one kind still takes proposals.")
    closes_at = serializers.DateTimeField(help_text="The last deadline of its kinds.")
    kinds = ProposalTypeSerializer(many=True)


class EventDetailSerializer(EventSerializer):
    """An event with its call for proposals (null when the event takes no proposals)."""

    call_for_proposals = serializers.SerializerMethodField()

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "call_for_proposals"]

    @extend_schema_field(CallForProposalsSerializer(allow_null=True))
    def get_call_for_proposals(self, obj):
        kinds = list(obj.proposal_types.all())
        if not kinds:
            return None
        now = timezone.now()
        context = {**self.context, "now": now}
        return CallForProposalsSerializer(
            {
                "open": any(kind.is_open(now) for kind in kinds),
                "closes_at": max(kind.deadline for kind in kinds),
                "kinds": kinds,
            },
            context=context,
        ).data


class EventWriteSerializer(serializers.ModelSerializer):
    """Input only: the service validates the whole event with ``full_clean``."""

    # date-times from 1970 on: older ones have offsets in seconds that RFC 3339 cannot write
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        DateTimeField: ModernDateTimeField,
    }

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
            "anonymous_review",
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
    ids = serializers.ListField(child=IdField(), allow_empty=False, max_length=1000)
    decision = serializers.ChoiceField(choices=["confirm", "decline"])


class AgendaSessionSerializer(serializers.ModelSerializer):
    # "session_kind", not "kind": one enum per field name keeps the OpenAPI components unambiguous
    session_kind = serializers.ChoiceField(source="kind", choices=SessionKind.choices, read_only=True)
    room = serializers.CharField(source="room.name", default=None)
    presenters = serializers.ListField(source="presenter_names", child=serializers.CharField())
    proposals = serializers.SlugRelatedField(many=True, read_only=True, slug_field="title")

    class Meta:
        model = AgendaSession
        fields = [
            "id",
            "session_kind",
            "title",
            "description",
            "presenters",
            "proposals",
            "room",
            "starts_at",
            "ends_at",
        ]


class ProposalSerializer(serializers.ModelSerializer):
    """A proposal; ``submitter`` and ``co_presenters`` are null for anonymous reviewers."""

    proposal_kind = serializers.ChoiceField(source="proposal_type.kind", choices=ProposalKind.choices, read_only=True)
    # "proposal_state", not "state": one enum per field name keeps the OpenAPI components unambiguous
    proposal_state = serializers.ChoiceField(source="state", choices=ProposalState.choices, read_only=True)
    submitter = serializers.CharField(source="submitter.full_name", read_only=True, allow_null=True)
    co_presenters = serializers.SerializerMethodField()

    class Meta:
        model = Proposal
        fields = [
            "id",
            "proposal_kind",
            "title",
            "abstract",
            "outline",
            "practice",
            "audience",
            "topics",
            "language",
            "proposal_state",
            "submitter",
            "co_presenters",
        ]

    def get_co_presenters(self, obj) -> list[str] | None:
        return [c.name for c in obj.co_presenters.all() if c.accepted_at]

    def to_representation(self, obj):
        data = super().to_representation(obj)
        if self.context.get("anonymous"):
            data["submitter"] = None
            data["co_presenters"] = None
        return data


class ProposalCreateSerializer(serializers.Serializer):
    proposal_kind = serializers.ChoiceField(
        choices=ProposalKind.choices, help_text="One of the kinds of the event's call (see the event's detail)."
    )
    title = serializers.CharField(max_length=150)
    abstract = serializers.CharField(allow_blank=True, default="")
    outline = serializers.CharField(allow_blank=True, default="")
    practice = serializers.CharField(allow_blank=True, default="")
    audience = serializers.CharField(allow_blank=True, default="", max_length=300)
    topics = serializers.ListField(child=serializers.ChoiceField(choices=ProposalTopic.choices), default=list)
    language = serializers.CharField(default="en", max_length=10)
    accessibility_needs = serializers.CharField(allow_blank=True, default="")
    submit = serializers.BooleanField(default=True)


class ProposalDecisionSerializer(serializers.Serializer):
    ids = serializers.ListField(child=IdField(), allow_empty=True, max_length=1000, default=list)
    decision = serializers.ChoiceField(choices=["accept", "reject", ""], default="")
    release = serializers.BooleanField(default=False, help_text="Release every staged decision and email them.")
