"""Every write of the library: publications, editions, language versions, downloads, news."""

import hashlib
import logging
import re
import time
from datetime import date

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from siem_portal.exceptions import ApplicationError, full_clean_or_raise
from siem_portal.jobs import enqueue_on_commit
from siem_portal.translation_pages import translations_merge

from .models import (
    Author,
    Edition,
    LanguageVersion,
    NewsPost,
    Publication,
    PublicationAudience,
    PublicationTopic,
    SitePage,
)
from .storage import library_files_move
from .validators import normalise_doi, validate_pdf

logger = logging.getLogger(__name__)

PUBLICATION_FIELDS = (
    "title", "slug", "kind", "summary", "published_on", "licence", "doi", "record_url", "featured", "is_published",
)  # fmt: skip


def _set_children(publication: Publication, *, authors, audiences, topics) -> None:
    if authors is not None:
        publication.authors.all().delete()
        Author.objects.bulk_create(
            Author(publication=publication, name=name, organisation=organisation, position=i)
            for i, (name, organisation) in enumerate(authors)
        )
    if audiences is not None:
        publication.audiences.exclude(audience__in=audiences).delete()
        have = set(publication.audiences.values_list("audience", flat=True))
        for audience in audiences:
            if audience not in have:
                PublicationAudience.objects.create(publication=publication, audience=audience)
    if topics is not None:
        publication.topics.exclude(topic__in=topics).delete()
        have = set(publication.topics.values_list("topic", flat=True))
        for topic in topics:
            if topic not in have:
                PublicationTopic.objects.create(publication=publication, topic=topic)


@transaction.atomic
def publication_create(
    *,
    authors: list[tuple[str, str]] = (),
    audiences: list[str] = (),
    topics: list[str] = (),
    **fields,
) -> Publication:
    """Create a publication with its first edition (dated like the publication)."""
    unknown = set(fields) - set(PUBLICATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown publication fields: {sorted(unknown)}")
    fields["doi"] = normalise_doi(fields.get("doi", ""))
    publication = Publication(**fields)
    full_clean_or_raise(publication)
    publication.save()
    Edition.objects.create(publication=publication, number=1, published_on=publication.published_on, is_current=True)
    _set_children(publication, authors=list(authors), audiences=list(audiences), topics=list(topics))
    publication_reindex(publication=publication)
    return publication


@transaction.atomic
def publication_update(
    *,
    publication: Publication,
    authors: list[tuple[str, str]] | None = None,
    audiences: list[str] | None = None,
    topics: list[str] | None = None,
    **fields,
) -> Publication:
    unknown = set(fields) - set(PUBLICATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown publication fields: {sorted(unknown)}")
    if "doi" in fields:
        fields["doi"] = normalise_doi(fields["doi"])
    was_published = Publication.objects.filter(pk=publication.pk).values_list("is_published", flat=True).first()
    for name, value in fields.items():
        setattr(publication, name, value)
    full_clean_or_raise(publication)
    publication.save()
    if was_published is not None and was_published != publication.is_published:
        publication_files_move(publication=publication)
    _set_children(publication, authors=authors, audiences=audiences, topics=topics)
    publication_reindex(publication=publication)
    return publication


def publication_files_move(*, publication: Publication) -> None:
    """Files follow the publication: public media once it is published, private files (for editors
    only) while it is not."""
    library_files_move(publication, to_private=not publication.is_published)


@transaction.atomic
def edition_create(*, publication: Publication, published_on: date, notes: str = "") -> Edition:
    """Open a new edition: it becomes current, the earlier ones stay available with their files."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    last = publication.editions.order_by("-number").first()
    if last and published_on < last.published_on:
        raise ApplicationError("A new edition cannot be dated before the previous one.", field="published_on")
    publication.editions.update(is_current=False)
    edition = Edition.objects.create(
        publication=publication, number=(last.number + 1) if last else 1, published_on=published_on, notes=notes
    )
    publication_reindex(publication=publication)
    return edition


def current_edition(publication: Publication) -> Edition:
    edition = publication.editions.filter(is_current=True).first()
    if edition is None:
        edition = Edition.objects.create(
            publication=publication, number=1, published_on=publication.published_on, is_current=True
        )
    return edition


@transaction.atomic
def version_upload(*, publication: Publication, language: str, file, edition: Edition | None = None) -> LanguageVersion:
    """Store the PDF of one language of an edition (the current one by default).

    The file is checked by content; its text and cover thumbnail are made by Celery tasks after the
    commit. Uploading a language again replaces that language's file in the same edition.
    """
    try:
        validate_pdf(file)
    except ValidationError as exc:
        raise ApplicationError(exc.messages[0], field="file") from exc
    edition = edition or current_edition(publication)
    if edition.publication_id != publication.pk:
        raise ApplicationError("This edition belongs to another publication.", field="edition")
    version = LanguageVersion.objects.filter(edition=edition, language=language).first()
    if version is None:
        version = LanguageVersion(edition=edition, language=language)
    elif version.file:
        version.file.delete(save=False)
        if version.thumbnail:
            version.thumbnail.delete(save=False)
    version.size = file.size
    version.page_count = None
    version.text = ""
    version.text_status = version.thumbnail_status = "pending"
    version.processing_error = ""
    version.file.save(f"{publication.slug}-{language}.pdf", file, save=False)
    full_clean_or_raise(version)
    version.save()
    from .tasks import task_extract_text, task_make_thumbnail

    # a broker that is down leaves the version pending and usable
    enqueue_on_commit(task_extract_text, version.pk)
    enqueue_on_commit(task_make_thumbnail, version.pk)
    return version


def version_extract_text(*, version_id: int) -> None:
    """Page count and text for search (pypdf). A broken PDF is recorded as failed, not raised."""
    from pypdf import PdfReader

    with transaction.atomic():
        version = LanguageVersion.objects.select_for_update().select_related("edition").get(pk=version_id)
        if version.text_status == "done":
            return
        try:
            with version.file.open("rb") as fh:
                reader = PdfReader(fh)
                pages = len(reader.pages)
                text = "\n".join((page.extract_text() or "") for page in reader.pages)
        except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of errors for a broken file: marked failed
            version.text_status = "failed"
            version.processing_error = f"Text extraction failed: {exc}"[:1000]
            version.save(update_fields=["text_status", "processing_error"])
            return
        version.page_count = pages
        version.text = text.replace("\x00", "")
        version.text_status = "done"
        version.save(update_fields=["page_count", "text", "text_status"])
        publication_reindex(publication=version.edition.publication)


def version_make_thumbnail(*, version_id: int) -> None:
    """A PNG of page 1, 300 px wide (pypdfium2). A failure is recorded, the version stays usable."""
    import io

    import pypdfium2 as pdfium
    from django.core.files.base import ContentFile

    with transaction.atomic():
        version = LanguageVersion.objects.select_for_update().select_related("edition__publication").get(pk=version_id)
        if version.thumbnail_status == "done":
            return
        try:
            with version.file.open("rb") as fh:
                pdf = pdfium.PdfDocument(fh.read())
            try:
                page = pdf[0]
                scale = 300 / page.get_width()
                image = page.render(scale=scale).to_pil()
            finally:
                pdf.close()
            buffer = io.BytesIO()
            image.convert("RGB").save(buffer, format="PNG", optimize=True)
        except Exception as exc:  # noqa: BLE001 - pdfium raises PdfiumError and others for a broken file: marked failed
            version.thumbnail_status = "failed"
            version.processing_error = (version.processing_error + f"\nThumbnail failed: {exc}").strip()[:2000]
            version.save(update_fields=["thumbnail_status", "processing_error"])
            return
        version.thumbnail.save("cover.png", ContentFile(buffer.getvalue()), save=False)
        version.thumbnail_status = "done"
        version.save(update_fields=["thumbnail", "thumbnail_status"])
        transaction.on_commit(library_changed)


LIBRARY_VERSION_KEY = "publications:library-version"


def library_changed() -> None:
    """Invalidate the cached library result pages (they are keyed by this counter)."""
    try:
        cache.incr(LIBRARY_VERSION_KEY)
    except ValueError:  # not in the cache yet (or evicted): any new value starts a new generation
        cache.set(LIBRARY_VERSION_KEY, int(time.time()), timeout=None)


def publication_reindex(*, publication: Publication) -> None:
    """Rebuild the text search looks through: metadata and the current edition's PDF text."""
    transaction.on_commit(library_changed)
    parts = [publication.title, publication.summary, publication.doi]
    parts += [f"{a.name} {a.organisation}" for a in publication.authors.all()]
    parts += list(
        LanguageVersion.objects.filter(edition__publication=publication, edition__is_current=True).values_list(
            "text", flat=True
        )
    )
    Publication.objects.filter(pk=publication.pk).update(search_text="\n".join(p for p in parts if p))
    if connection.vendor == "postgresql":
        Publication.objects.filter(pk=publication.pk).update(
            search_vector=search_vector_expression(), rank_vector=rank_vector_expression()
        )


def rank_vector_expression():
    from django.contrib.postgres.search import SearchVector

    return SearchVector("title", weight="A", config="simple") + SearchVector("summary", weight="B", config="simple")


def search_vector_expression():
    """Title weighs most, then the summary, then authors and the PDFs' text (config "simple":
    the library is in several languages, so no stemming)."""
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("title", weight="A", config="simple")
        + SearchVector("summary", weight="B", config="simple")
        + SearchVector("search_text", weight="C", config="simple")
    )


# --- downloads (COUNTER-style) ------------------------------------------------------------------

# Substrings of the COUNTER robots list (https://github.com/atmire/COUNTER-Robots), the common part.
ROBOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|curl|wget|python-requests|python-urllib|httpclient|java/|libwww|"
    r"headless|phantomjs|scrapy|feedfetcher|facebookexternalhit|mediapartners|ia_archiver|harvest|"
    r"checklink|validator|monitor|okhttp|go-http-client|postman|axios|node-fetch|^$",
    re.IGNORECASE,
)
DOWNLOAD_WINDOW_SECONDS = 3600


def is_robot(user_agent: str) -> bool:
    return bool(ROBOT_PATTERN.search((user_agent or "").strip()))


def visitor_key(*, session_key: str | None, ip: str, user_agent: str) -> str:
    """The visitor for counting: the session, or a hash of IP and user agent. Kept only in the cache."""
    raw = f"s:{session_key}" if session_key else f"a:{ip}|{user_agent}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def download_register(*, version: LanguageVersion, visitor: str, user_agent: str) -> bool:
    """Count one download per visitor per publication per hour; robots never. Returns True if counted."""
    if is_robot(user_agent):
        return False
    publication_id = version.edition.publication_id
    key = f"publications:dl:{publication_id}:{visitor}"
    # The time of the counted download is kept and compared, not only left to expire: the
    # window is then exact whatever the cache's own clock (Redis expires keys in real time).
    now = timezone.now().timestamp()
    if not cache.add(key, now, timeout=DOWNLOAD_WINDOW_SECONDS):
        counted_at = cache.get(key)
        if counted_at is not None and now - counted_at < DOWNLOAD_WINDOW_SECONDS:
            return False
        cache.set(key, now, timeout=DOWNLOAD_WINDOW_SECONDS)
    LanguageVersion.objects.filter(pk=version.pk).update(download_count=F("download_count") + 1)
    Publication.objects.filter(pk=publication_id).update(download_count=F("download_count") + 1)
    return True


# --- news ----------------------------------------------------------------------------------------

NEWS_FIELDS = (
    "title", "slug", "published_on", "summary", "body", "image", "image_alt", "event_links", "is_published",
)  # fmt: skip


@transaction.atomic
def news_save(*, post: NewsPost | None = None, publications=None, **fields) -> NewsPost:
    unknown = set(fields) - set(NEWS_FIELDS)
    if unknown:
        raise TypeError(f"Unknown news fields: {sorted(unknown)}")
    post = post or NewsPost()
    for name, value in fields.items():
        setattr(post, name, value)
    if post.image and not post.image_alt:
        raise ApplicationError("Describe the image for people who cannot see it.", field="image_alt")
    full_clean_or_raise(post)
    post.save()
    if publications is not None:
        post.publications.set(publications)
    transaction.on_commit(library_changed)
    return post


@transaction.atomic
def publication_translations_save(*, publication: Publication, language: str, texts: dict[str, str]) -> Publication:
    """One language's title and summary (an empty text shows the original); the audit log keeps the
    change, the cached library pages are dropped."""
    locked = Publication.objects.select_for_update().get(pk=publication.pk)
    translations = translations_merge(locked, language, texts)
    if translations != (locked.translations or {}):
        locked.translations = translations
        locked.save(update_fields=["translations", "updated_at"])
        transaction.on_commit(library_changed)
    return locked


@transaction.atomic
def news_translations_save(*, post: NewsPost, language: str, texts: dict[str, str]) -> NewsPost:
    """One language's title, summary, text and image description of a news post (audited)."""
    locked = NewsPost.objects.select_for_update().get(pk=post.pk)
    translations = translations_merge(locked, language, texts)
    if translations != (locked.translations or {}):
        locked.translations = translations
        locked.save(update_fields=["translations", "updated_at"])
        transaction.on_commit(library_changed)
    return locked


@transaction.atomic
def publication_delete(*, publication: Publication) -> None:
    for version in LanguageVersion.objects.filter(edition__publication=publication):
        transaction.on_commit(
            lambda f=version.file, t=version.thumbnail: (f.delete(save=False), t and t.delete(save=False))
        )
    publication.delete()
    transaction.on_commit(library_changed)


@transaction.atomic
def news_delete(*, post: NewsPost) -> None:
    post.delete()
    transaction.on_commit(library_changed)


def site_page_save(*, kind: str, language: str, title: str, body: str, reviewed_on) -> SitePage:
    """Create or update the page of one kind in one language (the audit log records who and when)."""
    page = SitePage.objects.filter(kind=kind, language=language).first() or SitePage(kind=kind, language=language)
    page.title, page.body, page.reviewed_on = title, body, reviewed_on
    page.save()
    return page
