"""Results pages (survey managers, IRO officers), report requests, job progress and downloads."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from siem_portal.exceptions import ApplicationError
from siem_portal.storage import private_file_response

from ..models import Survey
from . import selectors, services
from .aggregation import survey_results
from .forms import ReportRequestForm, ResultsFilterForm
from .models import ReportStatus
from .presentation import decorate


def _language():
    return (get_language() or "en")[:2]


def _manager_or_403(user):
    if not selectors.is_manager(user):
        raise PermissionDenied


def _iro_institution(request):
    """The institution an IRO officer is looking at (``?institution=<slug>`` among theirs)."""
    institutions = selectors.iro_institutions(request.user)
    if not institutions:
        raise PermissionDenied
    wanted = request.GET.get("institution") or request.POST.get("institution")
    if wanted:
        for inst in institutions:
            if inst.slug == wanted:
                return inst, institutions
        raise Http404
    return institutions[0], institutions


def _results_context(request, survey, *, institution=None, manager: bool):
    form = ResultsFilterForm(request.GET or None, survey=survey)
    filters = form.filters() if form.is_bound else None
    breakdown = form.breakdown_code() if form.is_bound else None
    results = survey_results(
        survey=survey,
        filters=filters,
        institution_ids=None if manager else [institution.pk],
        breakdown=breakdown,
        texts=manager,
        language=_language(),
    )
    hidden = {
        "date_from": request.GET.get("date_from", ""),
        "date_to": request.GET.get("date_to", ""),
        "language": request.GET.get("language", ""),
        "answer": request.GET.get("answer", ""),
        "breakdown": request.GET.get("breakdown", ""),
    }
    return {
        "survey": survey,
        "form": form,
        "results": decorate(results),
        "request_form": ReportRequestForm(initial=hidden, manager=manager),
        "jobs": selectors.jobs_for_user(user=request.user, survey=survey)[:10],
        "manager": manager,
        "institution": institution,
    }


@login_required
def manager_index(request):
    _manager_or_403(request.user)
    return render(request, "surveys/reports/index.html", {"surveys": selectors.surveys_with_counts()})


@login_required
def manager_results(request, slug):
    _manager_or_403(request.user)
    survey = get_object_or_404(Survey, slug=slug)
    context = _results_context(request, survey, manager=True)
    context["request_url"] = reverse("survey_reports:manager-request", args=[survey.slug])
    return render(request, "surveys/reports/results.html", context, status=400 if context["form"].errors else 200)


@login_required
def iro_index(request):
    institution, institutions = _iro_institution(request)
    return render(
        request,
        "iro/index.html",
        {
            "institution": institution,
            "institutions": institutions,
            "surveys": selectors.surveys_for_iro(institution=institution),
            "jobs": selectors.jobs_for_user(user=request.user)[:10],
        },
    )


@login_required
def iro_results(request, slug):
    institution, institutions = _iro_institution(request)
    survey = selectors.survey_for_iro(slug=slug)
    if survey is None:
        raise Http404
    context = _results_context(request, survey, institution=institution, manager=False)
    context["institutions"] = institutions
    context["request_url"] = (
        reverse("survey_reports:iro-request", args=[survey.slug]) + f"?institution={institution.slug}"
    )
    return render(request, "surveys/reports/results.html", context, status=400 if context["form"].errors else 200)


def _request(request, survey, *, institution, back):
    manager = institution is None
    form = ReportRequestForm(request.POST, manager=manager)
    if not form.is_valid():
        messages.error(request, _("Choose a file format."))
        return redirect(back)
    try:
        job, created = services.report_job_request(
            requester=request.user,
            survey=survey,
            fmt=form.cleaned_data["format"],
            filters=form.filters(),
            breakdown=form.cleaned_data.get("breakdown") or None,
            include_special=form.cleaned_data.get("include_special", False),
            institution=institution,
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    if not created:
        messages.info(request, _("The same report is already being built."))
    return redirect("survey_reports:job", pk=job.pk)


@login_required
@require_POST
def manager_request(request, slug):
    _manager_or_403(request.user)
    survey = get_object_or_404(Survey, slug=slug)
    return _request(request, survey, institution=None, back=reverse("survey_reports:manager-results", args=[slug]))


@login_required
@require_POST
def iro_request(request, slug):
    institution, _institutions = _iro_institution(request)
    survey = selectors.survey_for_iro(slug=slug)
    if survey is None:
        raise Http404
    back = reverse("survey_reports:iro-results", args=[slug]) + f"?institution={institution.slug}"
    return _request(request, survey, institution=institution, back=back)


@login_required
def job_detail(request, pk):
    job = selectors.job_visible_to(user=request.user, pk=pk)
    if job is None:
        raise Http404
    template = "surveys/reports/_job_status.html" if request.headers.get("HX-Request") else "surveys/reports/job.html"
    return render(request, template, {"job": job, "polling": not job.is_final})


@login_required
def job_download(request, pk):
    job = selectors.job_visible_to(user=request.user, pk=pk)
    if job is None or job.status != ReportStatus.DONE or not job.file:
        raise Http404
    content_type = mimetypes.guess_type(job.filename)[0] or "application/octet-stream"
    return private_file_response(job.file.storage, job.file.name, filename=job.filename, content_type=content_type)
