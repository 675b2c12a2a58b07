from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from siem_portal.exceptions import ApplicationError
from siem_portal.permissions import RulesPermission

from .. import selectors, services
from ..enums import Audience
from ..models import Framework
from .serializers import AssessmentSerializer, FrameworkDetailSerializer, FrameworkListSerializer, RatingsSerializer


class FrameworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Published self-assessment frameworks, with their dimensions, indicators and recommendations."""

    permission_classes = [RulesPermission]
    permission_rules = {"list": None, "retrieve": None}

    def get_queryset(self):
        qs = Framework.objects.filter(is_published=True).order_by("audience", "slug", "-version")
        if self.action == "retrieve":
            qs = qs.prefetch_related("dimensions__indicators__recommendations")
        return qs

    def get_serializer_class(self):
        return FrameworkDetailSerializer if self.action == "retrieve" else FrameworkListSerializer


def _results_payload(assessment) -> dict:
    if assessment.is_open:
        answered, total = selectors.progress(assessment=assessment)
        return {
            "status": assessment.status,
            "answered": answered,
            "respondents": total,
            "detail": ngettext(
                "%(n)s of %(m)s respondent has answered.", "%(n)s of %(m)s respondents have answered.", total
            )
            % {"n": answered, "m": total},
        }
    results = selectors.results_for(assessment=assessment, include_actions=False)

    def r(value):
        return None if value is None else round(value, 2)

    return {
        "status": assessment.status,
        "closed_at": assessment.closed_at,
        "respondents": results.respondents,
        "overall": r(results.overall),
        "benchmark_organisations": results.benchmark_peers if results.benchmark_shown else None,
        "dimensions": [
            {
                "id": row.obj.pk,
                "code": row.obj.code,
                "title": str(row.obj.tr("title")),
                "score": r(row.stat.mean),
                "respondents": row.stat.respondents,
                "spread": r(row.stat.spread),
                "strong_disagreements": row.stat.disagreements,
                "before": r(row.previous),
                "benchmark": {k: r(v) if isinstance(v, float) else v for k, v in row.benchmark.items()}
                if row.benchmark
                else None,
            }
            for row in results.dimensions
        ],
    }


class AssessmentViewSet(
    mixins.ListModelMixin, mixins.CreateModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Assessments the caller may see (the list: their personal ones, those of the organisations they
    administer and those they are invited to, newest first); any other id answers 404."""

    serializer_class = AssessmentSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": "impact.start_assessment",
        "create": "impact.start_assessment",
        "retrieve": "impact.view_assessment",
        "ratings": "impact.view_assessment",
        "close": "impact.view_assessment",
        "results": "impact.view_assessment",
    }
    permission_object_actions = {"retrieve", "ratings", "close", "results"}

    def get_queryset(self):
        return selectors.assessments_for_user(user=self.request.user).order_by("-created_at", "-pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation", None)
        framework = data.pop("framework")
        if organisation is None and framework.audience == Audience.ORGANISATION:
            raise ApplicationError(_("Give the organisation this assessment is for."), field="organisation")
        serializer.instance = services.assessment_start(
            user=self.request.user, framework=framework, organisation=organisation, **data
        )

    @extend_schema(request=RatingsSerializer, responses={200: None})
    @action(detail=True, methods=["post"])
    def ratings(self, request, pk=None):
        assessment = self.get_object()
        payload = RatingsSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        respondent = services.ratings_save(assessment=assessment, user=request.user, ratings=request.data["ratings"])
        return Response(
            {"saved": len(request.data["ratings"]), "completed": respondent.completed_at is not None},
            status=status.HTTP_200_OK,
        )

    @extend_schema(request=None, responses={200: None})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        assessment = services.assessment_close(assessment=self.get_object(), by=request.user)
        return Response(_results_payload(assessment))

    @extend_schema(responses={200: None})
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        return Response(_results_payload(self.get_object()))
