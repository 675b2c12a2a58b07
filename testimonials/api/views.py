from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from siem_portal.exceptions import ApplicationError
from siem_portal.permissions import RulesPermission

from .. import selectors, services
from .serializers import CoverSerializer, ModerationSerializer, StorySerializer, StoryWriteSerializer


class StoryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Published stories for everyone; one's own drafts for their author; moderation for moderators."""

    serializer_class = StorySerializer
    lookup_field = "slug"
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": None,
        "retrieve": None,
        "create": "testimonials.add_story",
        "partial_update": "testimonials.change_story",
        "cover": "testimonials.change_story",
        "moderation": "testimonials.moderate_story",
    }
    permission_object_actions = {"partial_update", "cover", "moderation"}
    http_method_names = ["get", "post", "patch", "head", "options"]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def handle_exception(self, exc):
        # field errors in the portal's one shape: {"detail": ..., "errors": {field: [...]}}
        if isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
            exc = ApplicationError(_("Please correct the errors."), errors=exc.detail)
        return super().handle_exception(exc)

    def get_throttles(self):
        if self.request.method not in SAFE_METHODS:
            self.throttle_scope = "write"
        return super().get_throttles()

    def get_queryset(self):
        if self.action == "list":
            filters = selectors.story_filters_clean(self.request.query_params)
            qs = selectors.stories_filter(selectors.stories_public(), filters)
            if "q" not in filters:
                qs = qs.order_by("-published_at", "-pk")
        else:
            qs = selectors.stories_visible_to(self.request.user)
        return selectors.stories_for_cards(qs).prefetch_related("background_tags")

    def _out(self, story, code=status.HTTP_200_OK):
        story = self.get_queryset().get(pk=story.pk)
        return Response(StorySerializer(story, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=StoryWriteSerializer, responses={201: StorySerializer})
    def create(self, request):
        serializer = StoryWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        story = services.story_create(author=request.user, **serializer.split())
        return self._out(story, status.HTTP_201_CREATED)

    @extend_schema(request=StoryWriteSerializer, responses={200: StorySerializer})
    def partial_update(self, request, slug=None):
        story = self.get_object()
        serializer = StoryWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        story = services.story_update(story=story, user=request.user, **serializer.split())
        return self._out(story)

    @extend_schema(request={"multipart/form-data": CoverSerializer}, responses={200: StorySerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def cover(self, request, slug=None):
        story = self.get_object()
        serializer = CoverSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        story = services.story_cover_set(
            story=story, user=request.user, image=serializer.validated_data["image"],
            alt_text=serializer.validated_data["alt_text"],
        )  # fmt: skip
        return self._out(story)

    @extend_schema(request=ModerationSerializer, responses={200: StorySerializer})
    @action(detail=True, methods=["post"])
    def moderation(self, request, slug=None):
        story = self.get_object()
        serializer = ModerationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        story = services.story_moderate(story=story, moderator=request.user, **serializer.validated_data)
        return self._out(story)
