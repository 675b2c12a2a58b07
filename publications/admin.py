from django.contrib import admin

from .models import Author, Edition, LanguageVersion, NewsPost, Publication


class AuthorInline(admin.TabularInline):
    model = Author
    extra = 0


class EditionInline(admin.TabularInline):
    model = Edition
    extra = 0


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "published_on", "featured", "is_published", "download_count")
    list_filter = ("kind", "featured", "is_published")
    search_fields = ("title", "slug", "doi")
    inlines = [AuthorInline, EditionInline]


@admin.register(LanguageVersion)
class LanguageVersionAdmin(admin.ModelAdmin):
    list_display = ("edition", "language", "page_count", "text_status", "thumbnail_status", "download_count")
    list_filter = ("language", "text_status", "thumbnail_status")
    readonly_fields = ("processing_error",)


@admin.register(NewsPost)
class NewsPostAdmin(admin.ModelAdmin):
    list_display = ("title", "published_on", "is_published")
    search_fields = ("title",)
