import hashlib
import re
import time

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from siem_portal.exceptions import ApplicationError
from siem_portal.forms import form_add_application_error
from siem_portal.markdown import markdown_render
from siem_portal.storage import PRIVATE_PREFIX, is_private, private_file_response
from siem_portal.translation_pages import translation_links, translations_page

from . import citations, selectors, services
from .enums import SortOrder
from .forms import EditionForm, NewsForm, PublicationForm, VersionUploadForm
from .models import LanguageVersion, NewsPost, Publication
from .storage import library_storage

PAGE_SIZE = 20


# --- public pages --------------------------------------------------------------------------------


LIBRARY_CACHE_SECONDS = 300


def library(request):
    """/library/. The facets and results block is cached per query and language for five minutes and
    dropped on every change to the library (download counts shown in it may lag by that much)."""
    filters = selectors.LibraryFilters.from_query(request.GET)
    sorts = [(v, label) for v, label in SortOrder.choices if v != SortOrder.RELEVANCE or filters.q]
    context = {
        "filters": filters,
        "sorts": sorts,
        "current_sort": filters.sort or (SortOrder.RELEVANCE if filters.q else SortOrder.NEWEST),
    }
    version = cache.get_or_set(services.LIBRARY_VERSION_KEY, lambda: int(time.time()), timeout=None)
    digest = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:24]
    key = f"publications:library:{version}:{get_language()}:{digest}"
    block = cache.get(key)
    if block is None:
        results = selectors.library_page(filters=filters, number=request.GET.get("page"), per_page=PAGE_SIZE)
        query = request.GET.copy()
        query.pop("page", None)
        block = render_to_string(
            "publications/_library_block.html",
            {
                **context,
                "facets": results.facets,
                "page": results.page,
                "results": [
                    {"publication": p, "snippet": results.snippets.get(p.pk, "")} for p in results.page.object_list
                ],
                "query_string": query.urlencode(),
                "filtered": bool(
                    filters.q or filters.kind or filters.audience or filters.topic or filters.language or filters.year
                ),
            },
        )
        cache.set(key, block, LIBRARY_CACHE_SECONDS)
    return render(request, "publications/library.html", {**context, "library_block": block})


def _publication_or_404(request, slug):
    try:
        return selectors.publication_detail(slug=slug, user=request.user)
    except Publication.DoesNotExist as exc:
        raise Http404 from exc


def detail(request, slug):
    publication = _publication_or_404(request, slug)
    editions = list(publication.editions.all())
    current = next((e for e in editions if e.is_current), None)
    return render(
        request,
        "publications/detail.html",
        {
            "publication": publication,
            "current": current,
            "earlier": [e for e in editions if not e.is_current],
            "citation": citations.citation_text(publication),
            "related": selectors.publications_related(publication=publication),
        },
    )


def _visitor(request) -> str:
    from django.conf import settings

    # a stale or forged cookie loads no session: then the visitor is the IP and user agent
    session_key = request.session.session_key if settings.SESSION_COOKIE_NAME in request.COOKIES else None
    return services.visitor_key(
        session_key=session_key,
        ip=request.META.get("REMOTE_ADDR", ""),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )


def download(request, slug, version_id):
    try:
        version = selectors.version_for_download(slug=slug, version_id=version_id, user=request.user)
    except LanguageVersion.DoesNotExist as exc:
        raise Http404 from exc
    if not version.file or not version.file.storage.exists(version.file.name):
        raise Http404
    services.download_register(
        version=version, visitor=_visitor(request), user_agent=request.META.get("HTTP_USER_AGENT", "")
    )
    edition = version.edition
    filename = f"{slug}-{version.language}" + (f"-edition-{edition.number}" if edition.number > 1 else "") + ".pdf"
    if is_private(version.file.name):  # an editor reading a draft
        storage, name = library_storage.private_location(version.file.name)
        return private_file_response(storage, name, filename=filename, content_type="application/pdf")
    return FileResponse(version.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf")


PRIVATE_FILE_NAME = re.compile(r"^publications/[-a-zA-Z0-9_]+/\d+/[-a-zA-Z0-9_]+\.(pdf|png)$")


def private_file(request, name: str):
    """A file of a publication not published (its thumbnail, or its PDF): for editors only; anyone
    else gets 404, as if the file did not exist."""
    if not request.user.has_perm("publications.manage_library") or not PRIVATE_FILE_NAME.match(name):
        raise Http404
    stored = PRIVATE_PREFIX + name
    if not LanguageVersion.objects.filter(Q(file=stored) | Q(thumbnail=stored)).exists():
        raise Http404
    storage, inner = library_storage.private_location(stored)
    content_type = "application/pdf" if name.endswith(".pdf") else "image/png"
    return private_file_response(
        storage, inner, filename=name.rsplit("/", 1)[-1], content_type=content_type, as_attachment=False
    )


def _citation_response(content: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def cite_bibtex(request, slug):
    publication = _publication_or_404(request, slug)
    return _citation_response(citations.bibtex(publication), "application/x-bibtex; charset=utf-8", f"{slug}.bib")


def cite_ris(request, slug):
    publication = _publication_or_404(request, slug)
    return _citation_response(
        citations.ris(publication), "application/x-research-info-systems; charset=utf-8", f"{slug}.ris"
    )


def cite_csl(request, slug):
    publication = _publication_or_404(request, slug)
    return _citation_response(
        citations.csl_json(publication), "application/vnd.citationstyles.csl+json; charset=utf-8", f"{slug}.json"
    )


def news_list(request):
    page = Paginator(selectors.news_public(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "publications/news_list.html", {"page": page})


def news_detail(request, slug):
    try:
        post = selectors.news_detail(slug=slug, user=request.user)
    except NewsPost.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "publications/news_detail.html", {"post": post, "body": markdown_render(post.t.body)})


class _LangAtomFeed(Atom1Feed):
    """An entry whose title or summary is shown in its original language carries ``xml:lang``."""

    def item_attributes(self, item):
        attrs = super().item_attributes(item)
        if item.get("lang"):
            attrs["xml:lang"] = item["lang"]
        return attrs


class NewsFeed(Feed):
    """In the visitor's language (the feed's ``xml:lang``); posts without a translation keep their
    original text, marked with the entry's own ``xml:lang``."""

    feed_type = _LangAtomFeed
    title = gettext_lazy("SIEM project news")
    subtitle = gettext_lazy("News of the Social Inclusion and Engagement in Mobility project.")
    link = reverse_lazy("publications:news")
    # RFC 4287 4.1.1: a feed has an author (the news are the project's)
    author_name = gettext_lazy("The SIEM project")

    def items(self):
        return selectors.news_public()[:20]

    def item_title(self, item):
        return item.t.title

    def item_description(self, item):
        return item.t.summary

    def item_extra_kwargs(self, item):
        return {"lang": item.t.title.lang or item.t.summary.lang}

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        from datetime import datetime, time

        from django.utils import timezone

        return timezone.make_aware(datetime.combine(item.published_on, time(12)))

    def item_updateddate(self, item):
        return item.updated_at


# --- editors -------------------------------------------------------------------------------------

editor_required = permission_required("publications.manage_library", raise_exception=True)


def _log_for(*objects):
    entries = []
    for obj in objects:
        entries += list(LogEntry.objects.get_for_object(obj).select_related("actor")[:50])
    return sorted(entries, key=lambda e: e.timestamp, reverse=True)[:50]


@login_required
@editor_required
def manage_index(request):
    return render(
        request,
        "publications/manage/index.html",
        {
            "publications": Publication.objects.order_by("-published_on", "title").prefetch_related(
                "editions__versions"
            ),
            "posts": NewsPost.objects.order_by("-published_on"),
        },
    )


def _publication_fields(form) -> dict:
    data = {name: form.cleaned_data[name] for name in services.PUBLICATION_FIELDS}
    return {
        **data,
        "authors": form.cleaned_data["authors"],
        "audiences": form.cleaned_data["audiences"],
        "topics": form.cleaned_data["topics"],
    }


@login_required
@editor_required
def manage_publication_create(request):
    form = PublicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            publication = services.publication_create(**_publication_fields(form))
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("The publication was created. Now add its PDF."))
            return redirect("publications:manage-publication-edit", publication.pk)
    return render(
        request, "publications/manage/publication_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@editor_required
def manage_publication_edit(request, pk):
    publication = get_object_or_404(Publication, pk=pk)
    form = PublicationForm(request.POST or None, instance=publication)
    if request.method == "POST" and form.is_valid():
        try:
            services.publication_update(publication=publication, **_publication_fields(form))
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("The publication was saved."))
            return redirect("publications:manage-publication-edit", publication.pk)
    return _publication_page(request, publication, form=form)


def _publication_page(request, publication, *, form=None, upload_form=None, edition_form=None, status=None):
    publication.refresh_from_db()
    editions = list(publication.editions.prefetch_related("versions"))
    versions = [v for e in editions for v in e.versions.all()]
    form = form or PublicationForm(instance=publication)
    has_errors = any(f is not None and f.errors for f in (form, upload_form, edition_form))
    return render(
        request,
        "publications/manage/publication_form.html",
        {
            "form": form,
            "publication": publication,
            "editions": editions,
            "upload_form": upload_form or VersionUploadForm(prefix="upload"),
            "edition_form": edition_form or EditionForm(prefix="edition"),
            "log": _log_for(publication, *editions, *versions),
            "translation_links": translation_links(
                publication, "publications:manage-publication-translations", [publication.pk]
            ),
        },
        status=status or (400 if has_errors else 200),
    )


@login_required
@editor_required
@require_POST
def manage_version_upload(request, pk):
    publication = get_object_or_404(Publication, pk=pk)
    upload_form = VersionUploadForm(request.POST, request.FILES, prefix="upload")
    if upload_form.is_valid():
        try:
            services.version_upload(
                publication=publication,
                language=upload_form.cleaned_data["language"],
                file=upload_form.cleaned_data["file"],
            )
        except ApplicationError as error:
            form_add_application_error(upload_form, error)
        else:
            messages.success(request, _("The PDF was added to the current edition."))
            return redirect("publications:manage-publication-edit", publication.pk)
    return _publication_page(request, publication, upload_form=upload_form)


@login_required
@editor_required
@require_POST
def manage_edition_create(request, pk):
    publication = get_object_or_404(Publication, pk=pk)
    edition_form = EditionForm(request.POST, prefix="edition")
    if edition_form.is_valid():
        try:
            edition = services.edition_create(publication=publication, **edition_form.cleaned_data)
        except ApplicationError as error:
            form_add_application_error(edition_form, error)
        else:
            messages.success(
                request, _("Edition %(number)s is now current: add its PDFs.") % {"number": edition.number}
            )
            return redirect("publications:manage-publication-edit", publication.pk)
    return _publication_page(request, publication, edition_form=edition_form)


@login_required
@editor_required
@require_POST
def manage_publication_delete(request, pk):
    publication = get_object_or_404(Publication, pk=pk)
    services.publication_delete(publication=publication)
    messages.success(request, _("The publication was deleted."))
    return redirect("publications:manage")


@login_required
@editor_required
def manage_publication_translations(request, pk, language):
    """One language's title and summary of a publication (the PDFs' language versions are files)."""
    publication = get_object_or_404(Publication, pk=pk)
    return translations_page(
        request,
        obj=publication,
        language=language,
        save=lambda texts: services.publication_translations_save(
            publication=publication, language=language, texts=texts
        ),
        url_name="publications:manage-publication-translations",
        url_args=[publication.pk],
        back_url=reverse("publications:manage-publication-edit", args=[publication.pk]),
        extra_context={"log": _log_for(publication)},
        extra_template="publications/manage/_log.html",
    )


def _news_fields(form) -> dict:
    data = {name: form.cleaned_data[name] for name in services.NEWS_FIELDS if name in form.cleaned_data}
    if data.get("image") is False:  # "clear" ticked on the file input
        data["image"] = ""
    elif not data.get("image"):
        data.pop("image", None)
    return data


@login_required
@editor_required
def manage_news_edit(request, pk=None):
    post = get_object_or_404(NewsPost, pk=pk) if pk else None
    form = NewsForm(request.POST or None, request.FILES or None, instance=post)
    if request.method == "GET" and post is None:
        form.initial.setdefault("slug", "")
    if request.method == "POST":
        data = request.POST.copy()
        if not data.get("slug") and data.get("title"):
            data["slug"] = slugify(data["title"])[:120]
            form = NewsForm(data, request.FILES or None, instance=post)
        if form.is_valid():
            try:
                saved = services.news_save(
                    post=form.instance if post else None,
                    publications=form.cleaned_data["publications"],
                    **_news_fields(form),
                )
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(request, _("The news post was saved."))
                return redirect("publications:manage-news-edit", saved.pk)
    return render(
        request,
        "publications/manage/news_form.html",
        {
            "form": form,
            "post": post,
            "log": _log_for(post) if post else [],
            "translation_links": translation_links(post, "publications:manage-news-translations", [post.pk])
            if post
            else [],
        },
        status=400 if form.errors else 200,
    )


@login_required
@editor_required
def manage_news_translations(request, pk, language):
    post = get_object_or_404(NewsPost, pk=pk)
    return translations_page(
        request,
        obj=post,
        language=language,
        save=lambda texts: services.news_translations_save(post=post, language=language, texts=texts),
        url_name="publications:manage-news-translations",
        url_args=[post.pk],
        back_url=reverse("publications:manage-news-edit", args=[post.pk]),
        extra_context={"log": _log_for(post)},
        extra_template="publications/manage/_log.html",
    )


@login_required
@editor_required
@require_POST
def manage_news_delete(request, pk):
    post = get_object_or_404(NewsPost, pk=pk)
    services.news_delete(post=post)
    messages.success(request, _("The news post was deleted."))
    return redirect(reverse("publications:manage"))
