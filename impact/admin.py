from django.contrib import admin

from .models import Assessment, Dimension, Framework, Indicator, Recommendation


class DimensionInline(admin.TabularInline):
    model = Dimension
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "version", "audience", "is_published"]
    list_filter = ["audience", "is_published"]
    inlines = [DimensionInline]


class RecommendationInline(admin.StackedInline):
    model = Recommendation
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "framework", "dimension", "weight"]
    list_filter = ["framework"]
    inlines = [RecommendationInline]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "framework", "status", "created_at"]
    list_filter = ["status", "framework"]
    raw_id_fields = ["organisation", "created_by"]
