"""Every non-trivial read of stories, already filtered for who is asking."""

import hashlib
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F, Q, QuerySet

from .enums import Background, RevisionStatus, StoryStatus
from .models import Story, StoryBackground

FILTER_KEYS = ("kind", "mobility", "host", "language", "background", "q")
FACET_CACHE_SECONDS = 60
# PostgreSQL text-search configurations of the portal's languages, as the trigger of migration 0003
# picks them per story (PostgreSQL has none for Czech and Latvian: those stories use "simple")
SEARCH_CONFIG_OF_LANGUAGE = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "nl": "dutch",
    "cs": "simple",
    "lv": "simple",
}
SEARCH_CONFIGS = tuple(dict.fromkeys([*SEARCH_CONFIG_OF_LANGUAGE.values(), "simple"]))


def stories_public() -> QuerySet[Story]:
    return Story.objects.filter(status=StoryStatus.PUBLISHED, hidden_by_flags=False)


CARD_FIELDS = (
    "kind",
    "title",
    "slug",
    "summary",
    "mobility_type",
    "host_country",
    "display_name",
    "pseudonym",
    "cover_card",
    "cover_alt",
    "featured",
    "published_at",
    "updated_at",
    "author__full_name",
    "author__country",
)


def stories_for_cards(qs: QuerySet[Story], *, without_text: bool = False) -> QuerySet[Story]:
    """What a card needs in one query: the author only for the name they chose to show.
    ``without_text`` leaves the story's text out, for pages that show cards only."""
    if without_text:  # cards show neither the text nor the organisation: load only what they show
        return qs.select_related("author").only(*CARD_FIELDS)
    return qs.select_related("author", "organisation")


def story_filters_clean(params) -> dict:
    """The known filters from a query string, each a short plain string."""
    out = {}
    for key in FILTER_KEYS:
        value = (params.get(key) or "").strip()
        if value:
            out[key] = value[:100]
    return out


def stories_filter(qs: QuerySet[Story], filters: dict) -> QuerySet[Story]:
    if "kind" in filters:
        qs = qs.filter(kind=filters["kind"])
    if "mobility" in filters:
        qs = qs.filter(mobility_type=filters["mobility"])
    if "host" in filters:
        qs = qs.filter(host_country=filters["host"].upper())
    if "language" in filters:
        qs = qs.filter(language=filters["language"])
    if "background" in filters:
        # only backgrounds their authors agreed to show can be used to find a story
        qs = qs.filter(backgrounds_public=True, background_tags__background=filters["background"])
    if "q" in filters:
        qs = stories_search(qs, filters["q"])
    return qs


def stories_search(qs: QuerySet[Story], query: str) -> QuerySet[Story]:
    """PostgreSQL full-text search ranked by relevance; a plain substring match elsewhere."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        # search_vector holds title (weight A), summary (B) and body (C), each in the story's own
        # language's configuration (migration 0003): the query is OR'ed over every configuration
        # in use, so an inflected French word finds a French story and an exact word any story
        search = None
        for config in SEARCH_CONFIGS:
            one = SearchQuery(query, search_type="websearch", config=config)
            search = one if search is None else search | one
        return (
            qs.filter(search_vector=search)
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank", "-published_at")
        )
    return qs.filter(Q(title__icontains=query) | Q(summary__icontains=query) | Q(body__icontains=query))


def story_facets_cached(qs: QuerySet[Story], filters: dict) -> dict[str, dict[str, int]]:
    """The facet counts of one filter, kept for a minute: they are the list page's costliest part,
    and a count a minute old misleads no one (the stories themselves are always current)."""
    key = "stories:facets:" + hashlib.sha256(urlencode(sorted(filters.items())).encode()).hexdigest()
    return cache.get_or_set(key, lambda: story_facets(qs), FACET_CACHE_SECONDS)


def story_facets(qs: QuerySet[Story]) -> dict[str, dict[str, int]]:
    """Counts per value of each facet within ``qs`` (one query per facet)."""
    base = qs.order_by()
    facets = {}
    for key, field in (
        ("kind", "kind"),
        ("mobility", "mobility_type"),
        ("host", "host_country"),
        ("language", "language"),
    ):
        rows = base.exclude(**{field: ""}).values(field).annotate(n=Count("pk")).order_by("-n", field)
        facets[key] = {row[field]: row["n"] for row in rows}
    rows = (
        StoryBackground.objects.filter(story__in=base.filter(backgrounds_public=True).values("pk"))
        .values("background")
        .annotate(n=Count("story"))
        .order_by("-n", "background")
    )
    facets["background"] = {row["background"]: row["n"] for row in rows if row["background"] in Background.values}
    return facets


def stories_visible_to(user) -> QuerySet[Story]:
    """Public stories, plus one's own in any state, plus everything for moderators."""
    if user.is_authenticated and user.has_perm("testimonials.view_story_identity"):
        return Story.objects.all()
    if user.is_authenticated:
        return Story.objects.filter(Q(status=StoryStatus.PUBLISHED, hidden_by_flags=False) | Q(author=user))
    return stories_public()


def stories_of_author(user) -> QuerySet[Story]:
    return Story.objects.filter(author=user).order_by("-created_at")


def stories_related(story: Story, *, limit: int = 3) -> list[Story]:
    qs = stories_for_cards(stories_public().exclude(pk=story.pk))
    match = Q(mobility_type=story.mobility_type)
    if story.host_country:
        match |= Q(host_country=story.host_country)
    return list(qs.filter(match)[:limit])


def story_pending_revision(story: Story):
    return story.revisions.filter(status__in=[RevisionStatus.SUBMITTED, RevisionStatus.CHANGES_REQUESTED]).first()


def moderation_queue() -> dict:
    submitted = stories_for_cards(Story.objects.filter(status=StoryStatus.SUBMITTED)).order_by("submitted_at")
    revisions = (
        Story.objects.filter(revisions__status=RevisionStatus.SUBMITTED)
        .select_related("author")
        .distinct()
        .order_by("updated_at")
    )
    flagged = (
        Story.objects.annotate(open_flags=Count("flags", filter=Q(flags__resolved_at__isnull=True)))
        .filter(open_flags__gt=0)
        .select_related("author")
        .order_by("-hidden_by_flags", "-open_flags")
    )
    return {"submitted": submitted, "revisions": revisions, "flagged": flagged}


def home_context():
    """The home page block: the latest three published stories, in one query."""
    latest = list(stories_for_cards(stories_public(), without_text=True).order_by("-published_at")[:3])
    return {"stories": latest} if latest else None
