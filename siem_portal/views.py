from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from . import home_cache, ropa
from .registry import registry
from .sitemaps import path_exists

# The calls to act on the home page; each is shown only once its app's page exists.
CALLS_TO_ACT = [
    (
        "/surveys/",
        _("Take the survey"),
        _("Tell us what helped or held you back, so that universities can remove the barriers."),
    ),
    ("/stories/", _("Share your story"), _("Show other students that mobility is for people like them too.")),
    (
        "/impact/",
        _("Assess your impact"),
        _("See how inclusive and engaged your organisation or your mobility is, and what to do next."),
    ),
    ("/events/", _("Register for an event"), _("Join a training, the conference or an activity near you.")),
]


# The apps' home blocks are the same for every visitor (their context takes no request), so each is
# kept rendered per language until something changes in the app that draws it (see home_cache) or,
# for changes no signal reports (queryset updates), for at most HOME_SECTION_SECONDS.
HOME_SECTION_SECONDS = 60


def _home_sections(language: str) -> list[str]:
    generations = home_cache.generations()
    keys = {
        section.key: f"home-section:{section.key}:{language}:{generations.get(section.app_label, 0)}"
        for section in registry.home
    }
    cached = cache.get_many(keys.values())
    html = []
    for section in registry.home:
        key = keys[section.key]
        if key not in cached:
            context = section.context()
            cached[key] = "" if context is None else render_to_string(section.template, {"data": context})
            cache.set(key, cached[key], HOME_SECTION_SECONDS)
        if cached[key]:
            html.append(mark_safe(cached[key]))  # noqa: S308 (our own templates' autoescaped output)
    return html


def home(request):
    calls = [{"url": path, "label": label, "text": text} for path, label, text in CALLS_TO_ACT if path_exists(path)]
    sections = _home_sections(get_language())
    return render(request, "home.html", {"sections": sections, "calls": calls})


# The project's phases, from the SIEM project's own timeline (February 2020 to October 2022).
TIMELINE = [
    (
        _("February 2020 to March 2021"),
        _("Research on inclusive student mobility"),
        _(
            "A student survey and a university staff survey asked who takes part in mobility, what stands in "
            "the way before, during and after a stay abroad, and what helps. 12,820 students and 785 staff "
            "members answered; the research report followed in 2021."
        ),
    ),
    (
        _("April to October 2021"),
        _("Student voices in mobility"),
        _(
            "Focus groups, study visits to six universities and an inclusive workshop brought students from "
            "diverse backgrounds together to say what would bring international experience closer to them."
        ),
    ),
    (
        _("October to November 2021"),
        _("Training on the social dimension of Erasmus+"),
        _(
            "Student representatives and university staff were trained in reaching young people from diverse "
            "backgrounds in their local communities."
        ),
    ),
    (
        _("October 2021 to May 2022"),
        _("Pilot in local communities"),
        _(
            "The partner universities tried out the recommendations for inclusive promotion and recruitment, "
            "and international and local students ran activities together on the ground."
        ),
    ),
    (
        _("April 2022"),
        _("Soft launch of the Erasmus Impact Portal"),
        _(
            "Students and youth organisations involved in Erasmus+ projects could start assessing their impact "
            "and promoting mobility from peer to peer."
        ),
    ),
    (
        _("April to November 2022"),
        _("Peer-to-peer communication"),
        _("Testimonials and blog posts by students showed that mobility is for everyone."),
    ),
    (
        _("October 2022"),
        _("Inclusion and Engagement in Mobility conference"),
        _(
            "In Brussels on 3 and 4 October 2022 the project presented its results and its toolkit, and its "
            "technical recommendations were launched later that month."
        ),
    ),
]

PARTNERS = [
    ("Erasmus Student Network (ESN)", _("Coordinator"), ""),
    ("Universities UK International (UUKi)", _("Higher education network"), ""),
    ("European University Foundation (EUF)", _("Higher education network"), ""),
    ("YES Forum", _("Youth organisation network"), ""),
    ("Vrije Universiteit Brussel", _("University"), "BE"),
    ("University of Vigo", _("University"), "ES"),
    ("Masaryk University", _("University"), "CZ"),
    ("University of Latvia", _("University"), "LV"),
    ("ESN Spain", _("Student association"), "ES"),
    ("ESN France", _("Student association"), "FR"),
]


def about(request):
    from django_countries import countries

    partners = [{"name": n, "role": r, "country": countries.name(c) if c else ""} for n, r, c in PARTNERS]
    return render(request, "about.html", {"timeline": TIMELINE, "partners": partners})


class ManageIndexView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """/manage/: the staff roles' start page, one link per area the person may manage."""

    template_name = "manage/index.html"
    permission_required = "accounts.view_manage"

    def get_context_data(self, **kwargs):
        links = []
        for link in registry.manage:
            if link.visible and not link.visible(self.request.user):
                continue
            try:
                links.append({"label": link.label, "url": reverse(link.url_name), "description": link.description})
            except NoReverseMatch:
                continue
        return {**super().get_context_data(**kwargs), "links": links}


def _api_error(request, status: int, detail: str):
    """Under /api/ the error pages answer in the API's one error shape, not in HTML."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(detail), "errors": {}}, status=status)
    return None


def error_404(request, exception=None):
    return _api_error(request, 404, _("Not found.")) or render(request, "404.html", status=404)


def error_500(request):
    return _api_error(request, 500, _("A server error occurred.")) or render(request, "500.html", status=500)


def error_403(request, exception=None):
    return _api_error(request, 403, _("You do not have permission to perform this action.")) or render(
        request, "403.html", status=403
    )


@login_required
@permission_required("accounts.view_processing_record", raise_exception=True)
def processing_record(request, fmt):
    """/manage/processing-record.<csv|xlsx>: the record of processing activities for the DPO."""
    if fmt == "csv":
        content, mimetype = ropa.processing_record_csv(), "text/csv; charset=utf-8"
    else:
        content = ropa.processing_record_xlsx()
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = f'attachment; filename="record-of-processing-activities.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@permission_required("accounts.view_processing_record", raise_exception=True)
def processing_record_page(request):
    """/manage/processing-record/: the record on a page, with its CSV and XLSX downloads."""
    header, rows = ropa.processing_record_rows()
    activities = [{"name": row[0], "fields": list(zip(header[1:], row[1:], strict=True))} for row in rows]
    return render(request, "manage/processing_record.html", {"activities": activities})
