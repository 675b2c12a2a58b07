from rest_framework import serializers

from accounts.models import Organisation
from siem_portal.serializers import SlugOrIdRelatedField
from siem_portal.translatable_serializers import TranslatedSerializer

from ..enums import Phase
from ..models import Assessment, Dimension, Framework, Indicator, Recommendation


class FrameworkListSerializer(TranslatedSerializer):
    class Meta:
        model = Framework
        fields = ["id", "slug", "version", "title", "audience", "description", "untranslated"]


class RecommendationSerializer(TranslatedSerializer):
    links = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = ["min_score", "max_score", "text", "links", "untranslated"]

    def get_links(self, obj) -> list[dict]:
        return [{"title": str(link["title"]), "url": link["url"]} for link in obj.translated_links]


class IndicatorSerializer(TranslatedSerializer):
    recommendations = RecommendationSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "statement",
            "levels",
            "allow_not_applicable",
            "weight",
            "recommendations",
            "untranslated",
        ]


class DimensionSerializer(TranslatedSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Dimension
        fields = ["id", "code", "title", "short_title", "description", "indicators", "untranslated"]


class FrameworkDetailSerializer(FrameworkListSerializer):
    dimensions = DimensionSerializer(many=True, read_only=True)

    class Meta(FrameworkListSerializer.Meta):
        fields = [*FrameworkListSerializer.Meta.fields, "dimensions"]


class AssessmentSerializer(serializers.ModelSerializer):
    framework = serializers.PrimaryKeyRelatedField(queryset=Framework.objects.filter(is_published=True))
    organisation = SlugOrIdRelatedField(queryset=Organisation.objects.all(), required=False, allow_null=True)
    organisation_slug = serializers.SlugRelatedField(
        source="organisation", slug_field="slug", read_only=True, allow_null=True
    )
    phase = serializers.ChoiceField(choices=Phase.choices, required=False, allow_blank=True)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "framework",
            "organisation",
            "organisation_slug",
            "title",
            "phase",
            "project_name",
            "project_number",
            "period_start",
            "period_end",
            "participants",
            "fewer_opportunities_share",
            "status",
            "created_at",
            "closed_at",
        ]
        read_only_fields = ["status", "created_at", "closed_at"]


class RatingsSerializer(serializers.Serializer):
    """Shape only: the service checks scale, framework and invitation, all or nothing."""

    ratings = serializers.ListField(child=serializers.DictField(), allow_empty=False)
