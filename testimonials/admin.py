from django.contrib import admin

from .enums import StoryStatus
from .models import AuthorBlock, AuthorQuestion, Story, StoryFlag, StoryRevision
from .storage import covers_move


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "featured", "hidden_by_flags", "published_at")
    list_filter = ("status", "kind", "mobility_type", "featured", "hidden_by_flags")
    search_fields = ("title", "summary")
    readonly_fields = ("body_html", "publish_consent_version", "publish_consent_at", "backgrounds_consent_at")
    raw_id_fields = ("author", "organisation")

    def save_model(self, request, obj, form, change):
        # a status changed here moves the cover like the moderation pages do: public only when published
        covers_move(obj, to_private=obj.status != StoryStatus.PUBLISHED)
        super().save_model(request, obj, form, change)


admin.site.register(StoryRevision)
admin.site.register(StoryFlag)
admin.site.register(AuthorQuestion)
admin.site.register(AuthorBlock)
