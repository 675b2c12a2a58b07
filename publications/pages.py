"""Pages whose text editors write: the privacy notice (/privacy/) and the accessibility statement
(/accessibility/), one row per language, edited on /manage/library/pages/."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from siem_portal.markdown import markdown_render
from siem_portal.registry import registry

from . import selectors, services, site_pages
from .enums import SitePageKind
from .forms import SitePageForm
from .models import SitePage

editor_required = permission_required("publications.manage_library", raise_exception=True)


def _kind_or_404(kind: str) -> SitePageKind:
    if kind not in SitePageKind.values:
        raise Http404
    return SitePageKind(kind)


def site_page(request, kind):
    """The page in the visitor's language, or in English with a note when it has no translation yet."""
    kind = _kind_or_404(kind)
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    page = selectors.site_page_for(kind=kind, language=language)
    if page is None:  # no row at all (a flushed test database): the first text, never an empty page
        title, body = site_pages.DEFAULTS[kind]
        page = SitePage(
            kind=kind, language=settings.LANGUAGE_CODE, title=title, body=body, reviewed_on=site_pages.WRITTEN_ON
        )
    context = {
        "page": page,
        "body": markdown_render(page.body),
        "translated": page.language == language,
        "contact_email": settings.SIEM_PRIVACY_CONTACT_EMAIL,
    }
    if kind == SitePageKind.PRIVACY:
        context |= {
            "activities": registry.processing,
            "authority": settings.SIEM_SUPERVISORY_AUTHORITY,
            "authority_url": settings.SIEM_SUPERVISORY_AUTHORITY_URL,
        }
    return render(request, f"publications/site_page_{kind}.html", context)


@login_required
@editor_required
def manage_pages(request):
    return render(request, "publications/manage/site_pages.html", {"rows": selectors.site_pages_overview()})


@login_required
@editor_required
def manage_page_edit(request, kind, language):
    kind = _kind_or_404(kind)
    languages = dict(settings.LANGUAGES)
    if language not in languages:
        raise Http404
    page = selectors.site_page_exact(kind=kind, language=language)
    initial = {}
    if page is None:
        # a new language starts from the English text, to be translated
        source = selectors.site_page_exact(kind=kind, language=settings.LANGUAGE_CODE)
        if source is not None:
            initial = {"title": source.title, "body": source.body}
    form = SitePageForm(request.POST or None, instance=page, initial=initial)
    for name in ("title", "body"):
        form.fields[name].widget.attrs["lang"] = language  # the text is in that language, not the page's
    if request.method == "POST" and form.is_valid():
        services.site_page_save(kind=kind, language=language, **form.cleaned_data)
        messages.success(request, _("The page was saved."))
        return redirect("publications:manage-pages")
    return render(
        request,
        "publications/manage/site_page_form.html",
        {
            "form": form,
            "kind_label": kind.label,
            "kind": kind,
            "language": language,
            "language_name": languages[language],
            "page": page,
            "log": selectors.site_page_log(page) if page else [],
        },
        status=400 if form.errors else 200,
    )
