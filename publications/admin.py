from django.contrib import admin

from .models import Author, Edition, LanguageVersion, NewsPost, Publication
from .services import publication_files_move


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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_published" in form.changed_data:
            publication_files_move(publication=obj)


@admin.register(LanguageVersion)
class LanguageVersionAdmin(admin.ModelAdmin):
    list_display = ("edition", "language", "page_count", "text_status", "thumbnail_status", "download_count")
    list_filter = ("language", "text_status", "thumbnail_status")
    readonly_fields = ("processing_error",)


@admin.register(NewsPost)
class NewsPostAdmin(admin.ModelAdmin):
    list_display = ("title", "published_on", "is_published")
    search_fields = ("title",)
