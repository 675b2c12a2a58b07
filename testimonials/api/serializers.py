from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import Organisation

from ..enums import Background, Decision, DisplayName, MobilityType, OnAccountDeletion, StoryKind
from ..models import Story


class StorySerializer(serializers.ModelSerializer):
    """A story as readers see it: the author only under the name they chose."""

    author_name = serializers.CharField(source="public_author_name", read_only=True)
    organisation = serializers.CharField(source="organisation.name", default=None, read_only=True, allow_null=True)
    host_country = serializers.CharField(read_only=True)
    # plain codes: the language choices already have one enum name in the schema (the account's)
    language = serializers.CharField(read_only=True)
    home_country = serializers.CharField(read_only=True)
    backgrounds = serializers.SerializerMethodField()
    cover = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    reading_minutes = serializers.IntegerField(read_only=True)

    class Meta:
        model = Story
        fields = [
            "slug",
            "kind",
            "title",
            "summary",
            "body_html",
            "author_name",
            "organisation",
            "language",
            "mobility_type",
            "host_country",
            "host_institution",
            "home_country",
            "period",
            "backgrounds",
            "cover",
            "featured",
            "published_at",
            "reading_minutes",
            "url",
        ]
        read_only_fields = fields

    def get_backgrounds(self, story) -> list[str]:
        if not story.backgrounds_public and not self._is_owner_or_moderator(story):
            return []
        return sorted(tag.background for tag in story.background_tags.all())

    def get_cover(self, story) -> dict | None:
        if not story.cover_large:
            return None
        request = self.context.get("request")
        build = request.build_absolute_uri if request else (lambda u: u)
        return {"large": build(story.cover_large.url), "card": build(story.cover_card.url), "alt": story.cover_alt}

    def get_url(self, story) -> str:
        request = self.context.get("request")
        url = story.get_absolute_url()
        return request.build_absolute_uri(url) if request else url

    def _is_owner_or_moderator(self, story) -> bool:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if not user or not user.is_authenticated:
            return False
        return story.author_id == user.pk or user.has_perm("testimonials.view_story_identity")

    def to_representation(self, story):
        data = super().to_representation(story)
        if self._is_owner_or_moderator(story):
            data["status"] = story.status
            data["moderator_note"] = story.moderator_note
            data["display_name"] = story.display_name
            request = self.context["request"]
            if request.user.has_perm("testimonials.view_story_identity"):
                author = story.author
                data["author"] = (
                    {"id": author.pk, "email": author.email, "full_name": author.full_name} if author else None
                )
        return data


class StoryWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=StoryKind.choices, required=False)
    title = serializers.CharField(max_length=160)
    summary = serializers.CharField(max_length=300)
    body = serializers.CharField(max_length=30000)
    language = serializers.CharField(max_length=10, required=False)
    mobility_type = serializers.ChoiceField(choices=MobilityType.choices)
    host_country = serializers.CharField(max_length=2, required=False, allow_blank=True)
    host_institution = serializers.CharField(max_length=200, required=False, allow_blank=True)
    home_country = serializers.CharField(max_length=2, required=False, allow_blank=True)
    period = serializers.CharField(max_length=60, required=False, allow_blank=True)
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    display_name = serializers.ChoiceField(choices=DisplayName.choices, required=False)
    pseudonym = serializers.CharField(max_length=60, required=False, allow_blank=True)
    allow_questions = serializers.BooleanField(required=False)
    on_account_deletion = serializers.ChoiceField(choices=OnAccountDeletion.choices, required=False)
    backgrounds = serializers.ListField(child=serializers.ChoiceField(choices=Background.choices), required=False)
    backgrounds_public = serializers.BooleanField(required=False)
    submit = serializers.BooleanField(required=False, default=False, help_text=_("Send for review (needs consent)."))
    consent = serializers.BooleanField(required=False, default=False)

    def split(self) -> dict:
        data = dict(self.validated_data)
        return {
            "backgrounds": data.pop("backgrounds", None),
            "backgrounds_public": data.pop("backgrounds_public", None),
            "submit": data.pop("submit", False),
            "consent": data.pop("consent", False),
            "data": data,
        }


class CoverSerializer(serializers.Serializer):
    image = serializers.FileField()
    alt_text = serializers.CharField(max_length=250)


class ModerationSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
