"""Admin for survey definitions and invitations. Responses and answers are deliberately absent:
nobody but the respondent sees a response's answers outside the aggregated reports."""

from django.contrib import admin

from .models import Choice, Invitation, Question, Section, Survey


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ("order", "title")


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "status", "access", "anonymous", "version")
    list_filter = ("status", "access", "anonymous")
    search_fields = ("title", "slug")
    inlines = [SectionInline]
    readonly_fields = ("version", "created_by", "created_at", "updated_at")


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("code", "survey", "type", "required", "special_category", "removed_in_version")
    list_filter = ("type", "special_category", "survey")
    search_fields = ("code", "text")
    inlines = [ChoiceInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # touching the survey makes every process reload its cached definition
        form.instance.survey.save(update_fields=["updated_at"])


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "survey", "status", "sent_at", "reminders", "finished_at")
    list_filter = ("status", "survey")
    search_fields = ("email",)
    exclude = ("token",)
