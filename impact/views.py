from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language, get_language_info, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from siem_portal.charts import line_svg, radar_svg
from siem_portal.exceptions import ApplicationError
from siem_portal.forms import form_add_application_error
from siem_portal.storage import private_file_response
from siem_portal.translatable import content_languages

from . import selectors, services
from .enums import SCALE_MAX, Audience, ReportStatus
from .forms import (
    ActionItemForm,
    AssessmentStartForm,
    DimensionForm,
    FrameworkCreateForm,
    FrameworkEditForm,
    IndicatorForm,
    InviteForm,
    PersonalStartForm,
    RatingForm,
    RecommendationForm,
    TranslationsForm,
)
from .models import ActionItem, Assessment, Dimension, Framework, Indicator, Recommendation, Report


def _assessment(request, pk: int) -> Assessment:
    """The assessment if the person may see it; any other id is a 404."""
    return get_object_or_404(selectors.assessments_for_user(user=request.user), pk=pk)


def _manageable(request, pk: int) -> Assessment:
    assessment = _assessment(request, pk)
    if not request.user.has_perm("impact.manage_assessment", assessment):
        raise PermissionDenied
    return assessment


def index(request):
    context = {"frameworks": selectors.frameworks_published()}
    if request.user.is_authenticated:
        context.update(
            organisation_assessments=selectors.organisation_assessments_for_user(user=request.user),
            personal_assessments=selectors.personal_assessments_for_user(user=request.user),
            admin_organisations=selectors.admin_organisations(user=request.user),
        )
    return render(request, "impact/index.html", context)


@login_required
def assessment_start(request):
    organisations = selectors.admin_organisations(user=request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = AssessmentStartForm(
        request.POST or None,
        organisations=organisations,
        frameworks=selectors.frameworks_published(audience=Audience.ORGANISATION),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            assessment = services.assessment_start(user=request.user, **data)
        except ApplicationError as exc:
            form_add_application_error(form, exc)
        else:
            messages.success(request, _("The assessment is open. Invite the people who should rate it."))
            return redirect(assessment)
    return render(request, "impact/start.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def personal_start(request):
    form = PersonalStartForm(request.POST or None, frameworks=selectors.frameworks_published(audience=Audience.STUDENT))
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_start(user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form_add_application_error(form, exc)
        else:
            return redirect("impact:assessment-rate", pk=assessment.pk)
    return render(request, "impact/personal_start.html", {"form": form}, status=400 if form.errors else 200)


def _results_context(assessment: Assessment, *, shared: bool = False) -> dict:
    results = selectors.results_for(assessment=assessment, include_actions=True)
    axes = [row.obj.tr("short_title") for row in results.dimensions]
    series = [{"label": _("This assessment"), "values": [row.stat.mean for row in results.dimensions]}]
    if results.comparison:
        series.append({"label": _("Before mobility"), "values": [row.previous for row in results.dimensions]})
    if results.benchmark_shown:
        series.append(
            {
                "label": ngettext(
                    "Mean of %(n)s other organisation", "Mean of %(n)s other organisations", results.benchmark_peers
                )
                % {"n": results.benchmark_peers},
                "values": [row.benchmark["mean"] if row.benchmark else None for row in results.dimensions],
            }
        )
    radar = radar_svg(
        scale_max=SCALE_MAX,
        axes=axes,
        series=series,
        title=_("Radar chart of the dimension scores; the table follows."),
    )
    trend_chart = None
    if len(results.trend) > 1:
        trend_chart = line_svg(
            scale_max=SCALE_MAX,
            x_labels=[formats.date_format(p["label"], "YEAR_MONTH_FORMAT") for p in results.trend],
            series=[
                {"label": row.obj.tr("short_title"), "values": [p["values"].get(row.obj.pk) for p in results.trend]}
                for row in results.dimensions
            ],
            title=_("Line chart of the dimension scores over time; the table follows."),
        )
    return {"assessment": assessment, "results": results, "radar": radar, "trend_chart": trend_chart, "shared": shared}


@login_required
def assessment_detail(request, pk: int):
    assessment = _assessment(request, pk)
    is_manager = request.user.has_perm("impact.manage_assessment", assessment)
    is_respondent = request.user.has_perm("impact.rate_assessment", assessment)
    if assessment.is_open:
        answered, total = selectors.progress(assessment=assessment)
        context = {
            "assessment": assessment,
            "is_manager": is_manager,
            "is_respondent": is_respondent,
            "answered": answered,
            "total": total,
            "own": selectors.own_ratings(assessment=assessment, user=request.user),
            "indicator_count": Indicator.objects.filter(framework_id=assessment.framework_id).count(),
        }
        if is_manager and not assessment.is_personal:
            context["respondents"] = selectors.respondents_of(assessment=assessment)
            context["invite_form"] = InviteForm(members=selectors.members_to_invite(assessment=assessment))
        return render(request, "impact/assessment_open.html", context)
    context = _results_context(assessment)
    context.update(
        is_manager=is_manager,
        planned={a.indicator_id for a in context["results"].actions},
        reports=list(assessment.reports.all()[:3]),
        action_form=ActionItemForm(framework=assessment.framework) if is_manager else None,
        share_url=request.build_absolute_uri(reverse("impact:shared", args=[assessment.share_token]))
        if assessment.share_token and is_manager
        else "",
    )
    return render(request, "impact/results.html", context)


@require_GET
def shared_results(request, token: str):
    """The read-only view behind a share link; a revoked or unknown token is a 404."""
    if not token:
        raise Http404
    assessment = get_object_or_404(
        Assessment.objects.select_related("framework", "organisation"), share_token=token, status="closed"
    )
    context = _results_context(assessment, shared=True)
    response = render(request, "impact/results.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def assessment_rate(request, pk: int):
    assessment = _assessment(request, pk)
    if not request.user.has_perm("impact.rate_assessment", assessment):
        raise PermissionDenied
    if not assessment.is_open:
        messages.info(request, _("This assessment is closed; its ratings can no longer change."))
        return redirect(assessment)
    dimensions = list(assessment.framework.dimensions.all())
    try:
        step = min(max(int(request.GET.get("step", 1)), 1), len(dimensions))
    except ValueError:
        step = 1
    dimension = dimensions[step - 1]
    indicators = list(dimension.indicators.all())
    own = selectors.own_ratings(assessment=assessment, user=request.user)
    form = RatingForm(request.POST or None, indicators=indicators, initial_scores=own)
    if request.method == "POST" and form.is_valid():
        ratings = form.ratings()
        try:
            if ratings:
                services.ratings_save(assessment=assessment, user=request.user, ratings=ratings)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            if request.htmx:
                now = formats.time_format(timezone.localtime(), "H:i")
                return HttpResponse(_("Saved at %(time)s.") % {"time": now})
            messages.success(request, _("Your answers were saved. You can change them until the assessment closes."))
            if "next" in request.POST and step < len(dimensions):
                return redirect(reverse("impact:assessment-rate", args=[pk]) + f"?step={step + 1}")
            return redirect(assessment)
    return render(
        request,
        "impact/rate.html",
        {
            "assessment": assessment,
            "dimension": dimension,
            "dimensions": dimensions,
            "step": step,
            "form": form,
            "rated": len(own),
            "indicator_count": sum(1 for _ in assessment.framework.indicators.all()),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def respondent_invite(request, pk: int):
    assessment = _manageable(request, pk)
    form = InviteForm(request.POST, members=selectors.members_to_invite(assessment=assessment))
    if form.is_valid():
        try:
            services.respondent_invite(
                assessment=assessment, by=request.user, user=form.cleaned_data["user"], role=form.cleaned_data["role"]
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(name)s is invited and was notified.") % {"name": form.cleaned_data["user"]})
    else:
        messages.error(request, _("Choose a member and a role to invite."))
    return redirect(assessment)


@login_required
def assessment_close(request, pk: int):
    """A confirmation page that says who has answered (GET, or a POST without ``confirm``); the
    POST from that page closes the assessment."""
    assessment = _manageable(request, pk)
    if not assessment.is_open:
        messages.info(request, _("This assessment is closed; its ratings can no longer change."))
        return redirect(assessment)
    if request.method == "POST" and request.POST.get("confirm") == "1":
        try:
            services.assessment_close(assessment=assessment, by=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The assessment is closed and its results are ready."))
        return redirect("impact:assessment-detail", pk=pk)
    answered, total = selectors.progress(assessment=assessment)
    context = {"assessment": assessment, "answered": answered, "total": total}
    if assessment.is_personal:
        context.update(
            rated=len(selectors.own_ratings(assessment=assessment, user=request.user)),
            indicator_count=Indicator.objects.filter(framework_id=assessment.framework_id).count(),
        )
    return render(request, "impact/close_confirm.html", context)


@login_required
@require_POST
def share_create(request, pk: int):
    assessment = _manageable(request, pk)
    try:
        services.share_link_create(assessment=assessment, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("A read-only link was made. Anyone with it can see the results."))
    return redirect(assessment)


@login_required
@require_POST
def share_revoke(request, pk: int):
    assessment = _manageable(request, pk)
    services.share_link_revoke(assessment=assessment, by=request.user)
    messages.success(request, _("The share link no longer works."))
    return redirect(assessment)


@login_required
def action_edit(request, pk: int, item_pk: int | None = None):
    assessment = _manageable(request, pk)
    if assessment.is_open:
        raise Http404
    item = get_object_or_404(ActionItem, assessment=assessment, pk=item_pk) if item_pk else None
    initial = {}
    if item is None and request.GET.get("indicator", "").isdigit():
        initial["indicator"] = int(request.GET["indicator"])
    form = ActionItemForm(
        request.POST or None,
        instance=item,
        initial=initial,
        framework=assessment.framework,
        levels=selectors.current_levels(assessment=assessment),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_item_save(assessment=assessment, by=request.user, item=item, **form.cleaned_data)
        except ApplicationError as exc:
            form_add_application_error(form, exc)
        else:
            messages.success(request, _("The action plan was saved."))
            return redirect(reverse("impact:assessment-detail", args=[pk]) + "#plan-title")
    return render(
        request,
        "impact/action_form.html",
        {"assessment": assessment, "form": form, "item": item},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def action_add(request, pk: int):
    """'Add to my plan' on a recommendation or a priority: the action is made at once (target one
    level above the current one) and its form opens to complete it."""
    assessment = _manageable(request, pk)
    if assessment.is_open:
        raise Http404
    indicator_id, recommendation_id = request.POST.get("indicator", ""), request.POST.get("recommendation", "")
    if not indicator_id.isdigit():
        raise Http404
    indicator = get_object_or_404(Indicator, framework_id=assessment.framework_id, pk=indicator_id)
    recommendation = None
    if recommendation_id.isdigit():
        recommendation = Recommendation.objects.filter(indicator=indicator, pk=recommendation_id).first()
    try:
        item, created = services.action_item_add(
            assessment=assessment,
            by=request.user,
            indicator=indicator,
            actions=str(recommendation.t.text) if recommendation else "",
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("impact:assessment-detail", args=[pk]) + "#plan-title")
    if created:
        messages.success(
            request, _("The statement was added to your plan. Complete the action: its steps, owner and due date.")
        )
    else:
        messages.info(request, _("This statement is already in your plan: here is its action."))
    return redirect("impact:action-edit", pk=pk, item_pk=item.pk)


@login_required
@require_POST
def action_delete(request, pk: int, item_pk: int):
    assessment = _manageable(request, pk)
    item = get_object_or_404(ActionItem, assessment=assessment, pk=item_pk)
    services.action_item_delete(item=item, by=request.user)
    messages.success(request, _("The action was removed from the plan."))
    return redirect(reverse("impact:assessment-detail", args=[pk]) + "#plan-title")


@login_required
@require_POST
def report_request(request, pk: int):
    assessment = _assessment(request, pk)
    try:
        services.report_request(assessment=assessment, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The PDF report is being prepared; you will get a notification."))
    return redirect(assessment)


@login_required
def report_download(request, pk: int, report_pk: int):
    assessment = _assessment(request, pk)
    report = get_object_or_404(Report, assessment=assessment, pk=report_pk, status=ReportStatus.DONE)
    return private_file_response(
        report.file.storage,
        report.file.name,
        filename=f"impact-assessment-{assessment.pk}.pdf",
        content_type="application/pdf",
    )


# --- management (survey managers) ----------------------------------------------------------------

manage_only = permission_required("impact.manage_frameworks", raise_exception=True)


def _not_editable(request, framework: Framework):
    messages.error(request, _("This version is published or has assessments: make a new version to change it."))
    return redirect("impact:manage-framework", pk=framework.pk)


def _manage_form(request, *, form, framework: Framework | None, heading: str, save, success: str):
    """The survey managers' forms: GET shows the form (a version that cannot change sends back to
    the framework page), POST calls the service; its refusals become form errors, 409 when the
    version cannot change, and nothing is saved."""
    if request.method != "POST" and framework is not None and not selectors.framework_is_editable(framework):
        return _not_editable(request, framework)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = save(form.cleaned_data)
            except ApplicationError as exc:
                status = exc.status_code
                fields = {f: m for f, m in exc.errors.items() if f in form.fields}
                for field, errors in fields.items():
                    form.add_error(field, errors)
                if not fields:
                    form.add_error(None, exc.message)
            else:
                messages.success(request, success)
                target = saved if isinstance(saved, Framework) else framework
                return redirect("impact:manage-framework", pk=target.pk)
    return render(
        request,
        "impact/manage/edit.html",
        {"form": form, "framework": framework, "heading": heading},
        status=status,
    )


def _manage_delete(request, *, framework: Framework, heading: str, consequence: str, delete, success: str):
    """A confirmation page, then the service call on POST."""
    if request.method == "POST":
        try:
            delete()
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, success)
        return redirect("impact:manage-framework", pk=framework.pk)
    if not selectors.framework_is_editable(framework):
        return _not_editable(request, framework)
    return render(
        request,
        "impact/manage/confirm_delete.html",
        {"framework": framework, "heading": heading, "consequence": consequence},
    )


def _manage_move(request, *, framework: Framework, move, anchor: str):
    try:
        move(request.POST.get("direction", ""))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The order was changed."))
    return redirect(reverse("impact:manage-framework", args=[framework.pk]) + f"#{anchor}")


@login_required
@manage_only
def manage_frameworks(request):
    frameworks = selectors.frameworks_for_management()
    return render(request, "impact/manage/frameworks.html", {"frameworks": frameworks})


@login_required
@manage_only
def manage_framework_create(request):
    form = FrameworkCreateForm(request.POST or None)
    return _manage_form(
        request,
        form=form,
        framework=None,
        heading=_("New framework"),
        save=lambda data: services.framework_create(**data),
        success=_("The framework was made as an unpublished version 1. Add its dimensions and statements."),
    )


@login_required
@manage_only
def manage_framework_detail(request, pk: int):
    framework = get_object_or_404(Framework, pk=pk)
    editable = selectors.framework_is_editable(framework)
    framework = selectors.framework_with_content(pk=framework.pk, published_only=False)
    missing = _missing_translations(framework)
    translations = [
        {"code": code, "name": get_language_info(code)["name_local"], "missing": missing[code]}
        for code in content_languages()
    ]
    return render(
        request,
        "impact/manage/framework_detail.html",
        {
            "framework": framework,
            "editable": editable,
            "translations": translations,
            # the texts here are the English source: marked as such on a page in another language
            "source_lang": (get_language() or "en")[:2] != "en",
        },
    )


def _missing_translations(framework: Framework) -> dict[str, int]:
    """How many texts of a framework (loaded with its content) have no translation, per language."""
    rows = [framework]
    for dimension in framework.dimensions.all():
        rows.append(dimension)
        for indicator in dimension.indicators.all():
            rows += [indicator, *indicator.recommendations.all()]
    return {language: sum(len(row.missing_translations(language)) for row in rows) for language in content_languages()}


@login_required
@manage_only
def manage_framework_translations(request, pk: int, language: str):
    """One language's translations of every text of a version, editable even when it is published
    or assessed: a translation fix needs no new version (the English content stays fixed)."""
    if language not in content_languages():
        raise Http404
    framework = selectors.framework_with_content(pk=get_object_or_404(Framework, pk=pk).pk, published_only=False)
    form = TranslationsForm(request.POST or None, framework=framework, language=language)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.framework_translations_save(framework=framework, language=language, texts=form.texts())
            except ApplicationError as exc:
                status = exc.status_code
                form_add_application_error(form, exc)
            else:
                messages.success(request, _("The translations were saved."))
                return redirect("impact:manage-translations", pk=framework.pk, language=language)
    languages = [
        {"code": code, "name": get_language_info(code)["name_local"], "current": code == language}
        for code in content_languages()
    ]
    return render(
        request,
        "impact/manage/translations.html",
        {
            "framework": framework,
            "form": form,
            "groups": form.bound_groups(),
            "language": language,
            "language_name": get_language_info(language)["name_local"],
            "languages": languages,
            "missing": _missing_translations(framework)[language] if request.method != "POST" else None,
        },
        status=status,
    )


@login_required
@manage_only
def manage_framework_edit(request, pk: int):
    framework = get_object_or_404(Framework, pk=pk)
    form = FrameworkEditForm(request.POST or None, instance=Framework.objects.get(pk=pk))
    return _manage_form(
        request,
        form=form,
        framework=framework,
        heading=_("Edit the framework's title"),
        save=lambda data: services.framework_update(framework=framework, **data),
        success=_("The framework was saved."),
    )


@login_required
@manage_only
@require_POST
def manage_framework_publish(request, pk: int):
    framework = get_object_or_404(Framework, pk=pk)
    try:
        services.framework_set_published(framework=framework, published=request.POST.get("publish") == "1")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The framework was updated."))
    return redirect("impact:manage-framework", pk=pk)


@login_required
@manage_only
@require_POST
def manage_framework_new_version(request, pk: int):
    framework = get_object_or_404(Framework, pk=pk)
    with transaction.atomic():
        copy = services.framework_new_version(framework=framework)
    messages.success(request, _("Version %(v)s was made as an unpublished copy.") % {"v": copy.version})
    return redirect("impact:manage-framework", pk=copy.pk)


@login_required
@manage_only
def manage_dimension_create(request, pk: int):
    framework = get_object_or_404(Framework, pk=pk)
    return _manage_form(
        request,
        form=DimensionForm(request.POST or None),
        framework=framework,
        heading=_("Add a dimension"),
        save=lambda data: services.dimension_save(framework=framework, **data),
        success=_("The dimension was added. Add its statements."),
    )


@login_required
@manage_only
def manage_dimension_edit(request, pk: int):
    dimension = get_object_or_404(Dimension.objects.select_related("framework"), pk=pk)
    return _manage_form(
        request,
        form=DimensionForm(request.POST or None, instance=Dimension.objects.get(pk=pk)),
        framework=dimension.framework,
        heading=_("Edit a dimension"),
        save=lambda data: services.dimension_save(framework=dimension.framework, dimension=dimension, **data),
        success=_("The dimension was saved."),
    )


@login_required
@manage_only
def manage_dimension_delete(request, pk: int):
    dimension = get_object_or_404(Dimension.objects.select_related("framework"), pk=pk)
    count = dimension.indicators.count()
    return _manage_delete(
        request,
        framework=dimension.framework,
        heading=_("Remove the dimension “%(title)s”") % {"title": dimension.title},
        consequence=ngettext(
            "Its %(count)s statement and its recommendations are removed with it.",
            "Its %(count)s statements and their recommendations are removed with it.",
            count,
        )
        % {"count": count}
        if count
        else _("It has no statement yet."),
        delete=lambda: services.dimension_delete(dimension=dimension),
        success=_("The dimension was removed."),
    )


@login_required
@manage_only
@require_POST
def manage_dimension_move(request, pk: int):
    dimension = get_object_or_404(Dimension.objects.select_related("framework"), pk=pk)
    return _manage_move(
        request,
        framework=dimension.framework,
        move=lambda direction: services.dimension_move(dimension=dimension, direction=direction),
        anchor=f"dim-{dimension.pk}",
    )


def _indicator_save(form_data: dict, form: IndicatorForm) -> dict:
    return {
        "statement": form_data["statement"],
        "levels": form.levels(),
        "allow_not_applicable": form_data["allow_not_applicable"],
        "weight": form_data["weight"],
    }


@login_required
@manage_only
def manage_indicator_create(request, pk: int):
    dimension = get_object_or_404(Dimension.objects.select_related("framework"), pk=pk)
    form = IndicatorForm(request.POST or None)
    return _manage_form(
        request,
        form=form,
        framework=dimension.framework,
        heading=_("Add a statement to “%(title)s”") % {"title": dimension.title},
        save=lambda data: services.indicator_create(dimension=dimension, **_indicator_save(data, form)),
        success=_("The statement was added."),
    )


@login_required
@manage_only
def manage_indicator_edit(request, pk: int):
    indicator = get_object_or_404(Indicator.objects.select_related("framework"), pk=pk)
    form = IndicatorForm(request.POST or None, instance=Indicator.objects.get(pk=pk))
    return _manage_form(
        request,
        form=form,
        framework=indicator.framework,
        heading=_("Edit a statement"),
        save=lambda data: services.indicator_update(indicator=indicator, **_indicator_save(data, form)),
        success=_("The statement was saved."),
    )


@login_required
@manage_only
def manage_indicator_delete(request, pk: int):
    indicator = get_object_or_404(Indicator.objects.select_related("framework"), pk=pk)
    return _manage_delete(
        request,
        framework=indicator.framework,
        heading=_("Remove the statement “%(statement)s”") % {"statement": indicator.statement},
        consequence=_("Its recommendations are removed with it."),
        delete=lambda: services.indicator_delete(indicator=indicator),
        success=_("The statement was removed."),
    )


@login_required
@manage_only
@require_POST
def manage_indicator_move(request, pk: int):
    indicator = get_object_or_404(Indicator.objects.select_related("framework", "dimension"), pk=pk)
    return _manage_move(
        request,
        framework=indicator.framework,
        move=lambda direction: services.indicator_move(indicator=indicator, direction=direction),
        anchor=f"ind-{indicator.pk}",
    )


def _recommendation_data(data: dict) -> dict:
    return {
        "min_score": data["min_score"],
        "max_score": data["max_score"],
        "text": data["text"],
        "links": data["links_text"],
    }


@login_required
@manage_only
def manage_recommendation_create(request, pk: int):
    indicator = get_object_or_404(Indicator.objects.select_related("framework"), pk=pk)
    return _manage_form(
        request,
        form=RecommendationForm(request.POST or None),
        framework=indicator.framework,
        heading=_("Add a recommendation"),
        save=lambda data: services.recommendation_create(indicator=indicator, **_recommendation_data(data)),
        success=_("The recommendation was added."),
    )


@login_required
@manage_only
def manage_recommendation_edit(request, pk: int):
    recommendation = get_object_or_404(Recommendation.objects.select_related("indicator__framework"), pk=pk)
    return _manage_form(
        request,
        form=RecommendationForm(request.POST or None, instance=Recommendation.objects.get(pk=pk)),
        framework=recommendation.indicator.framework,
        heading=_("Edit a recommendation"),
        save=lambda data: services.recommendation_update(recommendation=recommendation, **_recommendation_data(data)),
        success=_("The recommendation was saved."),
    )


@login_required
@manage_only
def manage_recommendation_delete(request, pk: int):
    recommendation = get_object_or_404(Recommendation.objects.select_related("indicator__framework"), pk=pk)
    return _manage_delete(
        request,
        framework=recommendation.indicator.framework,
        heading=_("Remove a recommendation"),
        consequence=recommendation.text,
        delete=lambda: services.recommendation_delete(recommendation=recommendation),
        success=_("The recommendation was removed."),
    )
