from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from siem_portal.translatable import Translatable

from .enums import LICENCE_URLS, Audience, Licence, ProcessingStatus, PublicationKind, SitePageKind, Topic
from .storage import library_storage, private_prefix
from .validators import validate_doi


class Publication(Translatable, models.Model):
    """One title of the library; its files hang off editions, one PDF per language."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=PublicationKind.choices)
    summary = models.TextField(_("summary"), blank=True)
    published_on = models.DateField(_("publication date"))
    licence = models.CharField(_("licence"), max_length=32, choices=Licence.choices, default=Licence.CC_BY)
    doi = models.CharField(
        _("DOI"), max_length=200, blank=True, validators=[validate_doi], help_text=_("For example 10.5281/zenodo.123")
    )
    record_url = models.URLField(_("external record URL"), blank=True)
    featured = models.BooleanField(_("featured on the home page"), default=False)
    is_published = models.BooleanField(_("published"), default=True)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    # title, summary, authors and the text of every current PDF: what search looks through
    search_text = models.TextField(editable=False, blank=True)
    # PostgreSQL only (left empty elsewhere): the weighted tsvector of the above, GIN-indexed
    search_vector = SearchVectorField(null=True, editable=False)
    # PostgreSQL only: title (A) and summary (B), small, for ranking without reading the PDF text
    rank_vector = SearchVectorField(null=True, editable=False)
    # {"fr": {"title": "...", "summary": "..."}}: English lives in the fields above (siem_portal/translatable.py)
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    TRANSLATED_FIELDS = ("title", "summary")

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        indexes = [models.Index(fields=["is_published", "-published_on"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("publications:detail", args=[self.slug])

    @property
    def current_versions(self) -> list:
        """The current edition's language versions (uses the selectors' prefetch when present)."""
        editions = getattr(self, "current_editions", None)
        if editions is None:
            editions = [e for e in self.editions.all() if e.is_current]
        return [v for e in editions for v in e.versions.all()]

    @property
    def cover(self):
        for version in self.current_versions:
            if version.thumbnail:
                return version
        return None

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")


class Author(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.name


class PublicationAudience(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="audiences")
    audience = models.CharField(max_length=32, choices=Audience.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["publication", "audience"], name="publication_audience_once")]

    def __str__(self):
        return self.get_audience_display()


class PublicationTopic(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(max_length=32, choices=Topic.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["publication", "topic"], name="publication_topic_once")]

    def __str__(self):
        return self.get_topic_display()


class Edition(models.Model):
    """A new edition becomes current; the earlier ones keep their files and stay downloadable."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="editions")
    number = models.PositiveSmallIntegerField(_("edition"))
    published_on = models.DateField(_("edition date"))
    notes = models.TextField(_("what changed"), blank=True)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["publication", "number"], name="edition_number_once")]

    def __str__(self):
        return f"{self.publication} ({self.number})"


def _version_path(instance, filename):
    edition = instance.edition
    publication = edition.publication
    return (
        f"{private_prefix(publication)}publications/{publication.slug}/{edition.number}/"
        f"{publication.slug}-{instance.language}.pdf"
    )


def _thumbnail_path(instance, filename):
    edition = instance.edition
    publication = edition.publication
    return (
        f"{private_prefix(publication)}publications/{publication.slug}/{edition.number}/cover-{instance.language}.png"
    )


class LanguageVersion(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    # private files (publications.storage) until the publication is published, public media after
    file = models.FileField(_("PDF file"), upload_to=_version_path, storage=library_storage, max_length=300)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    text = models.TextField(blank=True, editable=False)
    text_status = models.CharField(max_length=16, choices=ProcessingStatus.choices, default=ProcessingStatus.PENDING)
    thumbnail = models.ImageField(upload_to=_thumbnail_path, storage=library_storage, blank=True, max_length=300)
    thumbnail_status = models.CharField(
        max_length=16, choices=ProcessingStatus.choices, default=ProcessingStatus.PENDING
    )
    processing_error = models.TextField(blank=True)
    download_count = models.PositiveIntegerField(default=0, editable=False)
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["language"]
        constraints = [models.UniqueConstraint(fields=["edition", "language"], name="version_language_once")]

    def __str__(self):
        return f"{self.edition} [{self.language}]"

    def get_download_url(self):
        return reverse("publications:download", args=[self.edition.publication.slug, self.pk])


class NewsPost(Translatable, models.Model):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    published_on = models.DateField(_("date"))
    summary = models.TextField(_("summary"))
    body = models.TextField(_("text"), help_text=_("Markdown: **bold**, *italic*, [link](https://…), lists."))
    image = models.ImageField(_("image"), upload_to="news/", blank=True)
    image_alt = models.CharField(_("image description"), max_length=300, blank=True)
    publications = models.ManyToManyField(Publication, blank=True, related_name="news", verbose_name=_("publications"))
    event_links = models.TextField(
        _("event links"), blank=True, help_text=_("Addresses of related event pages, one a line.")
    )
    is_published = models.BooleanField(_("published"), default=True)
    # {"fr": {"title": ..., "summary": ..., "body": ..., "image_alt": ...}}: English in the fields above
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    TRANSLATED_FIELDS = ("title", "summary", "body", "image_alt")

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("publications:news-detail", args=[self.slug])

    @property
    def event_link_list(self) -> list[str]:
        return [line.strip() for line in self.event_links.splitlines() if line.strip()]


class SitePage(models.Model):
    """A page whose text editors write on /manage/library/pages/: the privacy notice and the
    accessibility statement. One row per language; visitors whose language has no row read the
    English one, marked as such."""

    kind = models.CharField(_("page"), max_length=20, choices=SitePageKind.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"), help_text=_("Markdown: ## for headings, - for lists, [text](https://…) for links.")
    )
    reviewed_on = models.DateField(_("last reviewed on"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "language"]
        constraints = [models.UniqueConstraint(fields=["kind", "language"], name="sitepage_one_per_language")]
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.language})"
