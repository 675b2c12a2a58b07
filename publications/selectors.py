"""Every non-trivial read of the library: the public list with facets and search, detail, news."""

import json
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import BooleanField, Count, F, Func, Prefetch, Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .enums import Audience, PublicationKind, SitePageKind, SortOrder, Topic
from .models import (
    Edition,
    LanguageVersion,
    NewsPost,
    Publication,
    PublicationAudience,
    PublicationTopic,
    SitePage,
)
from .text import headline_to_html, snippet_from_text

FACETS = ("kind", "audience", "topic", "language", "year")


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _current_versions_prefetch():
    return Prefetch(
        "editions",
        queryset=Edition.objects.filter(is_current=True).prefetch_related("versions"),
        to_attr="current_editions",
    )


def publications_public() -> QuerySet[Publication]:
    return Publication.objects.filter(is_published=True)


def publications_for_user(*, user) -> QuerySet[Publication]:
    """Editors see drafts too; everyone else only what is published."""
    if user.has_perm("publications.manage_library"):
        return Publication.objects.all()
    return publications_public()


@dataclass
class LibraryFilters:
    q: str = ""
    kind: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)
    language: list[str] = field(default_factory=list)
    year: list[int] = field(default_factory=list)
    sort: str = ""

    @classmethod
    def from_query(cls, params) -> "LibraryFilters":
        """Read filters from GET parameters, dropping values that are not known choices."""
        languages = {code for code, _name in settings.LANGUAGES}
        years = []
        for value in params.getlist("year"):
            if value.isdigit() and 1900 < int(value) < 2200:
                years.append(int(value))
        sort = params.get("sort", "")
        return cls(
            q=(params.get("q") or "").strip()[:200],
            kind=[v for v in params.getlist("kind") if v in PublicationKind.values],
            audience=[v for v in params.getlist("audience") if v in Audience.values],
            topic=[v for v in params.getlist("topic") if v in Topic.values],
            language=[v for v in params.getlist("language") if v in languages],
            year=years,
            sort=sort if sort in SortOrder.values else "",
        )

    @property
    def terms(self) -> list[str]:
        return [t for t in self.q.replace('"', " ").split() if t][:10]


def _filtered(qs: QuerySet, filters: LibraryFilters) -> QuerySet:
    if filters.kind:
        qs = qs.filter(kind__in=filters.kind)
    if filters.audience:
        qs = qs.filter(pk__in=PublicationAudience.objects.filter(audience__in=filters.audience).values("publication"))
    if filters.topic:
        qs = qs.filter(pk__in=PublicationTopic.objects.filter(topic__in=filters.topic).values("publication"))
    if filters.language:
        qs = qs.filter(
            pk__in=LanguageVersion.objects.filter(edition__is_current=True, language__in=filters.language).values(
                "edition__publication"
            )
        )
    if filters.year:
        qs = qs.filter(published_on__year__in=filters.year)
    return qs


def _searched(qs: QuerySet, filters: LibraryFilters) -> QuerySet:
    if not filters.q:
        return qs
    if is_postgres():
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = SearchQuery(filters.q, search_type="websearch", config="simple")
        # The match (@@ on the GIN-indexed vector of metadata and PDF text) decides what is found.
        # The rank reads the small title-and-summary vector: ranking on the whole PDF text reads every
        # matching row's large vector, which costs seconds on thousands of hits; matches found only in
        # the text come after, newest first.
        return qs.filter(search_vector=query).annotate(rank=SearchRank(F("rank_vector"), query))
    for term in filters.terms:
        qs = qs.filter(search_text__icontains=term)
    return qs


def _library_queryset(filters: LibraryFilters, base: QuerySet | None = None) -> QuerySet[Publication]:
    qs = _searched(_filtered(base if base is not None else publications_public(), filters), filters)
    sort = filters.sort or (SortOrder.RELEVANCE if filters.q else SortOrder.NEWEST)
    if sort == SortOrder.RELEVANCE and filters.q and is_postgres():
        return qs.order_by("-rank", "-published_on", "title")
    if sort == SortOrder.DOWNLOADS:
        return qs.order_by("-download_count", "-published_on", "title")
    if sort == SortOrder.TITLE:
        return qs.order_by("title")
    return qs.order_by("-published_on", "title")


def _with_authors_and_files(qs: QuerySet[Publication]) -> QuerySet[Publication]:
    return qs.defer("search_text", "search_vector", "rank_vector").prefetch_related(
        "authors", _current_versions_prefetch()
    )


def library_search(*, filters: LibraryFilters, base: QuerySet | None = None) -> QuerySet[Publication]:
    """The published publications matching filters and search, sorted, with authors and files."""
    return _with_authors_and_files(_library_queryset(filters, base))


@contextmanager
def full_text_index_scan(filters: LibraryFilters):
    """On PostgreSQL, while searching, let the planner read the matches from the GIN index.

    For a word found in most publications the planner prefers a sequential scan, costing the match
    as cheap; but it decompresses every row's large stored vector (about 4 kB each, out of line),
    which is several times slower than the index's exact bitmap (no row's vector is read at all).
    ``SET LOCAL`` inside a transaction (a savepoint when one is open), restored before it ends."""
    if not (filters.q and is_postgres()):
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan')")
        (previous,) = cursor.fetchone()
        cursor.execute("SELECT set_config('enable_seqscan', 'off', true)")
        try:
            yield
        finally:
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])


class _AmongIds(Func):
    """``column = ANY(ids)``, the ids sent as one bound parameter rather than one parameter marker each (a
    literal of thousands of ids is slow to parse, and PostgreSQL hashes a constant array)."""

    output_field = BooleanField()

    def __init__(self, column: str, ids: list[int]):
        super().__init__(F(column))
        self.ids = ids

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        # the column is the compiler's quoted name; the ids go as a parameter
        return f"{column} IN (SELECT value FROM json_each(%s))", (*params, json.dumps(self.ids))  # noqa: S608

    def as_postgresql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        return f"{column} = ANY(%s::bigint[])", (*params, "{" + ",".join(map(str, self.ids)) + "}")


@dataclass
class LibraryPage:
    page: Page
    snippets: dict[int, str]
    facets: dict[str, list[dict]]


def library_page(*, filters: LibraryFilters, number, per_page: int) -> LibraryPage:
    """The /library/ results: one page of publications with snippets, the count and the facets.

    The search runs once: one query returns every match's id, kind and date in the page's order
    (ranked on PostgreSQL). Its length is the count, its slice the page (whose 20 rows are then read
    with authors and files, and get snippets), and the kind and year facets are counted from it; the
    audience, topic and language facets are one grouped query each over the matching ids."""
    with full_text_index_scan(filters):
        matches = list(_library_queryset(filters).values_list("pk", "kind", "published_on"))
    page = Paginator(matches, per_page).get_page(number)
    ids = [pk for pk, _kind, _date in page.object_list]
    rows = _with_authors_and_files(Publication.objects.filter(pk__in=ids)).in_bulk()
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    return LibraryPage(
        page=page,
        snippets=library_snippets(publications=page.object_list, filters=filters),
        facets=library_facets(filters=filters, matches=matches),
    )


def library_snippets(*, publications: list[Publication], filters: LibraryFilters) -> dict[int, str]:
    """Highlighted excerpts of the matching text for the shown page of results."""
    if not filters.q or not publications:
        return {}
    ids = [p.pk for p in publications]
    if is_postgres():
        from django.contrib.postgres.search import SearchHeadline, SearchQuery

        query = SearchQuery(filters.q, search_type="websearch", config="simple")
        rows = Publication.objects.filter(pk__in=ids).annotate(
            headline=SearchHeadline(
                "search_text", query, config="simple", start_sel="\x02", stop_sel="\x03", max_words=30, min_words=12
            )
        )
        return {row.pk: headline_to_html(row.headline) for row in rows.only("pk")}
    texts = dict(Publication.objects.filter(pk__in=ids).values_list("pk", "search_text"))
    return {pk: snippet_from_text(text, filters.terms) for pk, text in texts.items()}


def library_facets(*, filters: LibraryFilters, matches: list[tuple] | None = None) -> dict[str, list[dict]]:
    """Counts per value of each facet over the current results.

    ``matches`` are the (id, kind, publication date) of every result, as ``library_page`` reads
    them; without them they are read here (one search)."""
    if matches is None:
        with full_text_index_scan(filters):
            matches = list(
                _searched(_filtered(publications_public(), filters), filters).values_list("pk", "kind", "published_on")
            )
    kinds = Counter(kind for _pk, kind, _date in matches)
    years = Counter(published_on.year for _pk, _kind, published_on in matches)
    if filters.q:
        ids = [pk for pk, _kind, _date in matches]
        for_audiences = _AmongIds("publication", ids)
        for_topics = _AmongIds("publication", ids)
        for_languages = _AmongIds("edition__publication", ids)
    else:
        # without a search the filters alone are cheaper to repeat than thousands of ids to send
        matching = _filtered(publications_public(), filters).values("pk")
        for_audiences = for_topics = Q(publication__in=matching)
        for_languages = Q(edition__publication__in=matching)
    audiences = dict(
        PublicationAudience.objects.filter(for_audiences)
        .values_list("audience")
        .annotate(n=Count("publication", distinct=True))
        .order_by()
    )
    topics = dict(
        PublicationTopic.objects.filter(for_topics)
        .values_list("topic")
        .annotate(n=Count("publication", distinct=True))
        .order_by()
    )
    languages = dict(
        LanguageVersion.objects.filter(for_languages, edition__is_current=True)
        .values_list("language")
        .annotate(n=Count("edition__publication", distinct=True))
        .order_by()
    )
    language_names = dict(settings.LANGUAGES)

    def entries(counts, choices, selected):
        return [
            {"value": value, "label": label, "count": counts.get(value, 0), "selected": value in selected}
            for value, label in choices
            if counts.get(value, 0) or value in selected
        ]

    return {
        "kind": entries(kinds, PublicationKind.choices, filters.kind),
        "audience": entries(audiences, Audience.choices, filters.audience),
        "topic": entries(topics, Topic.choices, filters.topic),
        "language": entries(languages, [(c, _(str(n))) for c, n in language_names.items()], filters.language),
        "year": entries(
            {str(y): n for y, n in years.items()},
            [(str(y), str(y)) for y in sorted(years, reverse=True)],
            [str(y) for y in filters.year],
        ),
    }


def publication_detail(*, slug: str, user) -> Publication:
    """One publication with every edition, its files and authors; drafts only for editors."""
    return (
        publications_for_user(user=user)
        .prefetch_related(
            "authors",
            "audiences",
            "topics",
            Prefetch("editions", queryset=Edition.objects.prefetch_related("versions")),
        )
        .get(slug=slug)
    )


def publications_related(*, publication: Publication, limit: int = 4) -> list[Publication]:
    """Published titles sharing topics (then kind) with this one, most shared first."""
    topics = [t.topic for t in publication.topics.all()]
    return list(
        publications_public()
        .exclude(pk=publication.pk)
        .annotate(shared=Count("topics", filter=Q(topics__topic__in=topics), distinct=True))
        .filter(Q(shared__gt=0) | Q(kind=publication.kind))
        .order_by("-shared", "-published_on")
        .prefetch_related(_current_versions_prefetch())[:limit]
    )


def _cached(name: str, compute):
    """Cache a home block for five minutes, under the library's current generation."""
    from django.core.cache import cache

    from .services import LIBRARY_VERSION_KEY

    version = cache.get_or_set(LIBRARY_VERSION_KEY, lambda: int(time.time()), timeout=None)
    key = f"publications:{name}:{version}:{get_language()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value if value is not None else False, 300)
    return value or None


def home_featured_publications() -> dict | None:
    def compute():
        items = list(
            publications_public()
            .filter(featured=True)
            .defer("search_text")
            .order_by("-published_on")
            .prefetch_related(_current_versions_prefetch())[:3]
        )
        return {"publications": items} if items else None

    return _cached("home-featured", compute)


def news_public() -> QuerySet[NewsPost]:
    return NewsPost.objects.filter(is_published=True)


def news_for_user(*, user) -> QuerySet[NewsPost]:
    if user.has_perm("publications.manage_library"):
        return NewsPost.objects.all()
    return news_public()


def news_detail(*, slug: str, user) -> NewsPost:
    return (
        news_for_user(user=user)
        .prefetch_related(Prefetch("publications", queryset=publications_public()))
        .get(slug=slug)
    )


def home_latest_news() -> dict | None:
    def compute():
        posts = list(news_public().only("title", "slug", "published_on", "summary", "translations")[:3])
        return {"posts": posts} if posts else None

    return _cached("home-news", compute)


def version_for_download(*, slug: str, version_id: int, user) -> LanguageVersion:
    return LanguageVersion.objects.select_related("edition__publication").get(
        pk=version_id, edition__publication__in=publications_for_user(user=user), edition__publication__slug=slug
    )


def site_page_exact(*, kind: str, language: str) -> SitePage | None:
    return SitePage.objects.filter(kind=kind, language=language).first()


def site_page_for(*, kind: str, language: str) -> SitePage | None:
    """The page in ``language``, else in the portal's default language (one query)."""
    pages = {p.language: p for p in SitePage.objects.filter(kind=kind, language__in={language, settings.LANGUAGE_CODE})}
    return pages.get(language) or pages.get(settings.LANGUAGE_CODE)


def site_pages_overview() -> list[dict]:
    """For the manage page: each page kind with, per language, its row or None."""
    pages = {(p.kind, p.language): p for p in SitePage.objects.all()}
    return [
        {
            "kind": kind,
            "label": label,
            "languages": [
                {"code": code, "name": name, "page": pages.get((kind, code))} for code, name in settings.LANGUAGES
            ],
        }
        for kind, label in SitePageKind.choices
    ]


def site_page_log(page: SitePage) -> list:
    from auditlog.models import LogEntry

    return list(LogEntry.objects.get_for_object(page).select_related("actor")[:50])
