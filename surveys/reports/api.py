"""Reports API: aggregated, suppressed results; report jobs queued by POST and followed by GET."""

import mimetypes

from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from siem_portal.exceptions import ApplicationError
from siem_portal.storage import private_file_response

from ..models import Survey
from . import selectors, services
from .aggregation import Filters, api_shape, filters_validate, survey_results
from .models import RECORD_LEVEL_FORMATS, ReportStatus


def _scope(request, slug: str, wanted_institution: str | None):
    """(survey, institution or None for a survey manager). 404 for a survey the caller cannot see."""
    user = request.user
    if selectors.is_manager(user) and not wanted_institution:
        survey = Survey.objects.filter(slug=slug).first()
        if survey is None:
            raise Http404
        return survey, None
    institutions = selectors.iro_institutions(user)
    if not institutions:
        raise PermissionDenied(_("Survey results are for survey managers and IRO officers."))
    institution = institutions[0]
    if wanted_institution:
        institution = next((i for i in institutions if i.slug == wanted_institution), None)
        if institution is None:
            raise Http404
    survey = selectors.survey_for_iro(slug=slug)
    if survey is None:
        raise Http404
    return survey, institution


def job_body(request, job) -> dict:
    body = {
        "id": job.pk,
        "survey": job.survey.slug,
        "format": job.format,
        "filters": job.filters,
        "breakdown": job.breakdown or None,
        "institution": job.institution.slug if job.institution_id else None,
        "status": job.status,
        "progress": job.progress,
        "size": job.size,
        "created_at": job.created_at.isoformat(),
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "expires_at": job.expires_at.isoformat() if job.expires_at else None,
        "download_url": None,
    }
    if job.status == "done":
        # the API's own download (token or session), so that the client that asked can fetch the file
        body["download_url"] = request.build_absolute_uri(reverse("surveys-api-report-download", args=[job.pk]))
    return body


class ResultsView(APIView):
    """GET: the aggregated tables, with ``null`` for suppressed counts."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="surveys_results",
        responses={200: OpenApiTypes.OBJECT},
        parameters=[
            OpenApiParameter(
                "institution", str, description="An institution's slug: its verified responses, protected figures."
            ),
            OpenApiParameter("period", str, description="An academic year written like 2025-26."),
            OpenApiParameter(
                "date_from",
                OpenApiTypes.DATE,
                description="Submitted on or after (survey managers; not with institution).",
            ),
            OpenApiParameter(
                "date_to",
                OpenApiTypes.DATE,
                description="Submitted on or before (survey managers; not with institution).",
            ),
            OpenApiParameter("language", str, description="Only answers given in this language (for example fr)."),
            OpenApiParameter("verified_only", bool, description="Only responses whose institution is verified."),
            OpenApiParameter(
                "answer",
                str,
                many=True,
                description="Only respondents who gave this answer, question:choice (like went:yes); repeatable.",
            ),
            OpenApiParameter(
                "breakdown", str, description="The code of a choice, country or institution question to group by."
            ),
        ],
    )
    def get(self, request, slug):
        survey, institution = _scope(request, slug, request.query_params.get("institution"))
        try:
            filters = Filters.from_dict(
                {
                    "date_from": request.query_params.get("date_from"),
                    "date_to": request.query_params.get("date_to"),
                    "language": request.query_params.get("language"),
                    "period": request.query_params.get("period"),
                    "verified_only": request.query_params.get("verified_only"),
                    "choices": dict(
                        item.split(":", 1) for item in request.query_params.getlist("answer") if ":" in item
                    ),
                }
            )
        except ValueError as exc:
            raise ApplicationError(
                _("Dates are written YYYY-MM-DD."), errors={"filters": [_("Dates are written YYYY-MM-DD.")]}
            ) from exc
        breakdown = request.query_params.get("breakdown") or None
        bad = [item for item in request.query_params.getlist("answer") if ":" not in item]
        if bad:
            raise ApplicationError(
                _("These results cannot be computed."),
                errors={"answer": [_("An answer filter is question:choice, for example went_abroad:yes.")]},
            )
        errors = filters_validate(
            survey=survey, filters=filters, breakdown=breakdown, protected=institution is not None
        )
        if errors:
            raise ApplicationError(_("These results cannot be computed."), errors=errors)
        results = survey_results(
            survey=survey,
            filters=filters,
            institution_ids=None if institution is None else [institution.pk],
            breakdown=breakdown,
            language=(get_language() or "en")[:2],
        )
        body = api_shape(results)
        body["institution"] = institution.slug if institution else None
        return Response(body)


class ReportCreateView(APIView):
    """POST ``{"format", "breakdown", "filters", "include_special"}``: 202 with the job."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="surveys_report_create", request=OpenApiTypes.OBJECT, responses={202: OpenApiTypes.OBJECT}
    )
    def post(self, request, slug):
        data = request.data if isinstance(request.data, dict) else {}
        survey, institution = _scope(request, slug, data.get("institution"))
        fmt = data.get("format")
        if institution is not None and fmt in RECORD_LEVEL_FORMATS:
            raise PermissionDenied(_("Record-level files are for survey managers only."))
        filters = data.get("filters")
        filters = {} if filters is None else filters
        if not isinstance(filters, dict):
            raise ApplicationError(_("Filters are an object."), errors={"filters": [_("Filters are an object.")]})
        try:
            Filters.from_dict(filters)
        except (ValueError, AttributeError) as exc:
            raise ApplicationError(
                _("Dates are written YYYY-MM-DD."), errors={"filters": [_("Dates are written YYYY-MM-DD.")]}
            ) from exc
        job, created = services.report_job_request(
            requester=request.user,
            survey=survey,
            fmt=fmt or "",
            filters=filters,
            breakdown=data.get("breakdown") or None,
            include_special=bool(data.get("include_special")),
            institution=institution,
        )
        job.refresh_from_db()
        return Response(job_body(request, job), status=status.HTTP_202_ACCEPTED)


class ReportDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="surveys_report_detail", responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk):
        job = selectors.job_visible_to(user=request.user, pk=pk)
        if job is None:
            raise Http404
        return Response(job_body(request, job))


class AnyAcceptNegotiation(DefaultContentNegotiation):
    """A file download answers in the file's own type whatever ``Accept`` says (refusals stay JSON)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


REPORT_MEDIA_TYPES = {
    "text/csv": OpenApiTypes.BINARY,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": OpenApiTypes.BINARY,
    "application/pdf": OpenApiTypes.BINARY,
    "application/json": OpenApiTypes.OBJECT,
    "application/octet-stream": OpenApiTypes.BINARY,  # .sav and .dta
}


class ReportDownloadView(APIView):
    """GET: the finished report's file, for the person who asked for it (or a survey manager);
    404 for anyone else and while the job is not done."""

    permission_classes = [IsAuthenticated]
    content_negotiation_class = AnyAcceptNegotiation

    @extend_schema(
        operation_id="surveys_report_download",
        responses={(200, media_type): schema for media_type, schema in REPORT_MEDIA_TYPES.items()},
    )
    def get(self, request, pk):
        job = selectors.job_visible_to(user=request.user, pk=pk)
        if job is None or job.status != ReportStatus.DONE or not job.file:
            raise Http404
        content_type = mimetypes.guess_type(job.filename)[0] or "application/octet-stream"
        return private_file_response(job.file.storage, job.file.name, filename=job.filename, content_type=content_type)
