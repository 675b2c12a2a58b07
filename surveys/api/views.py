"""The surveys API: open surveys, definitions per language, responses, and manager endpoints."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from siem_portal.exceptions import ForbiddenError
from siem_portal.permissions import RulesPermission
from siem_portal.uploads import XLSFORM_MAX_BYTES, upload_read

from .. import selectors, services
from ..definition import load_definition
from ..models import Invitation, Survey
from ..presentation import definition_json
from ..throttling import SurveyAnswerThrottle
from ..xlsform import spec_to_xlsform, survey_import_xlsform


def _language(request) -> str:
    wanted = request.query_params.get("lang") or translation.get_language_from_request(request._request)
    return (wanted or "en")[:2]


def _summary(survey: Survey, lang: str) -> dict:
    return {
        "slug": survey.slug,
        "title": survey.tr("title", lang),
        "description": survey.tr("description", lang),
        "audience": survey.audience,
        "anonymous": survey.anonymous,
        "languages": survey.languages or ["en"],
        "closes_at": survey.closes_at.isoformat() if survey.closes_at else None,
    }


class SectionSpecSerializer(serializers.Serializer):
    title = serializers.CharField()
    questions = serializers.ListField(
        child=serializers.DictField(), required=False, help_text="The section's questions (code, type, text...)."
    )


class SurveySpecSerializer(serializers.Serializer):
    """A whole survey definition (the schema of its main fields; the service checks the rest)."""

    title = serializers.CharField()
    sections = serializers.ListField(child=SectionSpecSerializer(), min_length=1)


class SurveyListView(APIView):
    """GET: surveys open to the caller. POST (survey managers): create a whole survey from a definition."""

    permission_classes = [RulesPermission]
    permission_rules = {"get": None, "post": "surveys.add_survey"}
    parser_classes = [JSONParser]

    @extend_schema(operation_id="surveys_list", responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        lang = _language(request)
        return Response(
            {"results": [_summary(s, lang) for s in selectors.surveys_open_for(user=request.user, api=True)]}
        )

    @extend_schema(request=SurveySpecSerializer, responses={201: OpenApiTypes.OBJECT})
    def post(self, request):
        survey = services.survey_create_from_spec(spec=request.data, created_by=request.user)
        return Response({"slug": survey.slug, "version": survey.version}, status=status.HTTP_201_CREATED)


class SurveyDetailView(APIView):
    """GET: the whole definition in one language. PATCH (survey managers): change the survey's fields."""

    permission_classes = [RulesPermission]
    permission_rules = {"get": None, "patch": "surveys.change_survey"}
    parser_classes = [JSONParser]

    def _survey(self, request, slug):
        survey = get_object_or_404(Survey, slug=slug)
        if survey.status == "draft" and not request.user.has_perm("surveys.manage_surveys"):
            raise Http404
        return survey

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, slug):
        survey = self._survey(request, slug)
        lang = _language(request)
        definition = load_definition(survey)
        return Response(
            {
                **_summary(survey, lang),
                "status": survey.status,
                "version": survey.version,
                "language": lang,
                "consent_text": survey.tr("consent_text", lang),
                "consent_version": survey.consent_version,
                "sections": definition_json(definition, lang),
            }
        )

    @extend_schema(request=OpenApiTypes.OBJECT, responses={200: OpenApiTypes.OBJECT})
    def patch(self, request, slug):
        survey = self._survey(request, slug)
        if not isinstance(request.data, dict):
            raise services.ApplicationError(_("Send the changes as an object."))
        survey = services.survey_update(survey=survey, data=dict(request.data))
        return Response(services.survey_to_spec(survey))


class QuestionAddView(APIView):
    """POST (survey managers): add a question to a section (a structural change: new version once answered)."""

    permission_classes = [RulesPermission]
    permission_rules = {"post": "surveys.change_survey"}
    parser_classes = [JSONParser]

    @extend_schema(request=OpenApiTypes.OBJECT, responses={201: OpenApiTypes.OBJECT})
    def post(self, request, slug):
        survey = get_object_or_404(Survey, slug=slug)
        data = dict(request.data) if isinstance(request.data, dict) else {}
        try:
            index = int(data.pop("section", 0))
        except (TypeError, ValueError, OverflowError):  # int(1e400) overflows
            index = -1
        sections = list(survey.sections.order_by("order", "id"))
        if not 0 <= index < len(sections):
            raise services.ApplicationError(_("There is no such section."), field="section")
        question = services.question_add(survey=survey, section=sections[index], data=data)
        survey.refresh_from_db()
        return Response({"code": question.code, "version": survey.version}, status=status.HTTP_201_CREATED)


class ResponseCreateView(APIView):
    """POST: answer a survey in one request: 201 with the response id, 400 per question code, 409;
    429 past a few answers an hour to the same survey from the same client. ``website`` is a
    honeypot, as on the other public forms: people leave it empty, a bot that fills it gets 400."""

    permission_classes = [RulesPermission]
    permission_rules = {"post": None}
    parser_classes = [JSONParser]
    throttle_scope = "write"
    throttle_classes = [ScopedRateThrottle, SurveyAnswerThrottle]

    @extend_schema(request=OpenApiTypes.OBJECT, responses={201: OpenApiTypes.OBJECT})
    def post(self, request, slug):
        survey = selectors.survey_for_taking(slug=slug)
        if survey is None:
            raise Http404
        body = request.data if isinstance(request.data, dict) else {}
        if body.get("website"):
            message = _("This form could not be sent.")
            raise services.ApplicationError(message, errors={"website": [message]})
        invitation = None
        if body.get("token"):
            invitation = Invitation.objects.filter(token=str(body["token"]), survey=survey).first()
            if invitation is None:
                raise ForbiddenError(_("This invitation link is not valid."))
        response = services.response_create(
            survey=survey,
            answers=body.get("answers", {}),
            consent=body.get("consent"),
            user=request.user,
            invitation=invitation,
            language=_language(request),
        )
        return Response({"id": response.pseudonym, "version": response.version}, status=status.HTTP_201_CREATED)


class ImportView(APIView):
    """POST (survey managers): multipart ``file``, an XLSForm (.xlsx or .xls, 5 MB at most).

    201 with the slug and ``skipped`` (every row left out, with its row number and reason), or 400 by
    row; ``skip_unsupported=true`` imports the rest instead of refusing.
    """

    permission_classes = [RulesPermission]
    permission_rules = {"post": "surveys.add_survey"}
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer(
                "XLSFormUpload",
                {
                    "file": serializers.FileField(),
                    "slug": serializers.SlugField(required=False),
                    "skip_unsupported": serializers.BooleanField(required=False, default=False),
                },
            )
        },
        responses={201: OpenApiTypes.OBJECT},
    )
    def post(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            raise services.ApplicationError(_("Send the XLSForm in the multipart field “file”."), field="file")
        skip = serializers.BooleanField().to_internal_value(request.data.get("skip_unsupported") or False)
        survey, skipped = survey_import_xlsform(
            data=upload_read(upload, XLSFORM_MAX_BYTES),
            slug=request.data.get("slug") or None,
            created_by=request.user,
            skip_unsupported=skip,
        )
        return Response(
            {"slug": survey.slug, "skipped": [s.as_dict() for s in skipped]}, status=status.HTTP_201_CREATED
        )


class XLSFormView(APIView):
    """GET (survey managers): the survey as an XLSForm workbook."""

    permission_classes = [RulesPermission]
    permission_rules = {"get": "surveys.manage_surveys"}

    @extend_schema(
        responses={(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): OpenApiTypes.BINARY}
    )
    def get(self, request, slug):
        survey = get_object_or_404(Survey, slug=slug)
        response = HttpResponse(
            spec_to_xlsform(services.survey_to_spec(survey)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{survey.slug}.xlsx"'
        return response
