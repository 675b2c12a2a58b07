from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from siem_portal.exceptions import ApplicationError
from siem_portal.permissions import RulesPermission

from .. import selectors, selectors_cfp, services, services_cfp
from ..enums import EventStatus
from ..models import Event, Registration
from .serializers import (
    AgendaSessionSerializer,
    DecisionSerializer,
    EventDetailSerializer,
    EventSerializer,
    EventWriteSerializer,
    MyRegistrationSerializer,
    OrganiserRegistrationSerializer,
    ProposalCreateSerializer,
    ProposalDecisionSerializer,
    ProposalSerializer,
    RegistrationCreateSerializer,
)


class EventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Events: public reads; organisers create and change their events and decide registrations."""

    lookup_field = "slug"
    serializer_class = EventSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": None,
        "retrieve": None,
        "agenda": None,
        "proposals": "events.register",
        "propose": "events.register",
        "create": "events.add_event",
        "partial_update": "events.change_event",
        "register": "events.register",
        "cancel_mine": "events.register",
        "registrations": "events.change_event",
        "decisions": "events.change_event",
        "proposal_decisions": "events.change_event",
    }
    permission_object_actions = {
        "partial_update",
        "registrations",
        "decisions",
        "register",
        "cancel_mine",
        "proposals",
        "propose",
        "proposal_decisions",
    }

    def get_queryset(self):
        if self.action == "list":
            when = self.request.query_params.get("when", "upcoming")
            if when not in ("upcoming", "past", "all"):
                raise ApplicationError(_("when must be upcoming, past or all."), field="when")
            return selectors.events_public(when=when)
        user = self.request.user
        qs = Event.objects.all()
        if user.is_superuser:
            return qs
        # drafts exist only for their organisers: anyone else gets a 404
        visible = ~Q(status=EventStatus.DRAFT)
        if user.is_authenticated:
            visible |= Q(organisers=user)
        qs = qs.filter(visible)
        if self.action == "retrieve":
            qs = qs.prefetch_related("proposal_types")
        return qs.distinct()

    def get_serializer_class(self):
        return EventDetailSerializer if self.action == "retrieve" else EventSerializer

    @extend_schema(
        parameters=[OpenApiParameter("when", str, enum=["upcoming", "past", "all"], description="default upcoming")]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=EventWriteSerializer, responses={201: EventSerializer})
    def create(self, request):
        data = EventWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = services.event_create(by=request.user, **data.validated_data)
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=EventWriteSerializer, responses=EventSerializer)
    def partial_update(self, request, slug=None):
        event = self.get_object()
        data = EventWriteSerializer(event, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        event = services.event_update(event=event, by=request.user, **data.validated_data)
        return Response(EventSerializer(event).data)

    @extend_schema(request=RegistrationCreateSerializer, responses={201: MyRegistrationSerializer})
    @action(detail=True, methods=["post"], url_path="registrations", url_name="register")
    def register(self, request, slug=None):
        event = self.get_object()
        data = RegistrationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        registration = services.registration_create(event=event, user=request.user, **data.validated_data)
        return Response(MyRegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("state", str, description="pending, confirmed, declined, waitlisted, cancelled")],
        responses=OrganiserRegistrationSerializer(many=True),
    )
    @register.mapping.get
    def registrations(self, request, slug=None):
        event = self.get_object()
        qs = selectors.registrations_for_organiser(event=event, state=request.query_params.get("state", ""))
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(OrganiserRegistrationSerializer(page, many=True).data)

    @extend_schema(request=None, responses={200: MyRegistrationSerializer})
    @action(detail=True, methods=["delete"], url_path="registrations/mine", url_name="registration-mine")
    def cancel_mine(self, request, slug=None):
        event = self.get_object()
        registration = Registration.objects.filter(event=event, user=request.user).first()
        if registration is None:
            raise Http404
        registration = services.registration_cancel(registration=registration)
        return Response(MyRegistrationSerializer(registration).data)

    @extend_schema(request=DecisionSerializer, responses={200: dict})
    @action(detail=True, methods=["post"], url_path="registrations/decisions", url_name="decisions")
    def decisions(self, request, slug=None):
        event = self.get_object()
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        known = set(event.registrations.filter(pk__in=data.validated_data["ids"]).values_list("pk", flat=True))
        unknown = sorted(set(data.validated_data["ids"]) - known)
        if unknown:
            raise ApplicationError(
                _("Unknown registrations for this event."), errors={"ids": [str(i) for i in unknown]}
            )
        done, problems = services.registrations_decide(event=event, **data.validated_data)
        return Response({"updated": done, "problems": problems})

    @extend_schema(responses=AgendaSessionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)  # the whole agenda, as the schema says
    def agenda(self, request, slug=None):
        event = self.get_object()
        sessions = selectors.agenda_sessions(event=event)
        return Response(AgendaSessionSerializer(sessions, many=True).data)

    @extend_schema(responses=ProposalSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="proposals", url_name="proposals")
    def proposals(self, request, slug=None):
        """Organisers see every proposal, reviewers the ones they review (without names when the
        review is anonymous), everyone else their own."""
        event = self.get_object()
        anonymous = False
        if request.user.has_perm("events.change_event", event):
            qs = event.proposals.select_related("proposal_type", "submitter")
        elif request.user.has_perm("events.review_event", event):
            qs = selectors_cfp.proposals_for_reviewer(event=event, user=request.user).select_related("submitter")
            anonymous = event.anonymous_review
        else:
            qs = selectors_cfp.proposals_of_user(event=event, user=request.user).select_related("submitter")
        qs = qs.prefetch_related("co_presenters").order_by("pk")
        page = self.paginate_queryset(qs)
        data = ProposalSerializer(page, many=True, context={"anonymous": anonymous}).data
        return self.get_paginated_response(data)

    @extend_schema(request=ProposalCreateSerializer, responses={201: ProposalSerializer})
    @proposals.mapping.post
    def propose(self, request, slug=None):
        event = self.get_object()
        data = ProposalCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        kind = values.pop("proposal_kind")
        submit = values.pop("submit")
        proposal_type = event.proposal_types.filter(kind=kind).first()
        if proposal_type is None:
            raise ApplicationError(_("This event takes no proposals of that kind."), field="proposal_kind")
        proposal = services_cfp.proposal_save(
            event=event, user=request.user, proposal_type=proposal_type, submit=submit, **values
        )
        return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ProposalDecisionSerializer, responses={200: dict})
    @action(detail=True, methods=["post"], url_path="proposals/decisions", url_name="proposal-decisions")
    def proposal_decisions(self, request, slug=None):
        """Stage accept/reject on submitted proposals; with ``release`` email every staged decision."""
        event = self.get_object()
        data = ProposalDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ids = data.validated_data["ids"]
        known = set(event.proposals.filter(pk__in=ids).values_list("pk", flat=True))
        unknown = sorted(set(ids) - known)
        if unknown:
            raise ApplicationError(_("Unknown proposals for this event."), errors={"ids": [str(i) for i in unknown]})
        staged = (
            services_cfp.decisions_stage(event=event, ids=ids, decision=data.validated_data["decision"]) if ids else 0
        )
        released = services_cfp.decisions_release(event=event) if data.validated_data["release"] else 0
        return Response({"staged": staged, "released": released})
