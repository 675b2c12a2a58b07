from rest_framework import serializers

from siem_portal.translatable_serializers import TranslatedSerializer

from ..models import Author, LanguageVersion, NewsPost, Publication


class AuthorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Author
        fields = ["name", "organisation"]


class LanguageVersionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    thumbnail = serializers.SerializerMethodField()

    class Meta:
        model = LanguageVersion
        fields = ["language", "size", "page_count", "url", "thumbnail"]

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_download_url())

    def get_thumbnail(self, obj) -> str | None:
        return self.context["request"].build_absolute_uri(obj.thumbnail.url) if obj.thumbnail else None


class PublicationSerializer(TranslatedSerializer):
    authors = AuthorSerializer(many=True, read_only=True)
    audiences = serializers.SerializerMethodField()
    topics = serializers.SerializerMethodField()
    files = serializers.SerializerMethodField()
    downloads = serializers.IntegerField(source="download_count", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Publication
        fields = [
            "slug", "title", "kind", "summary", "published_on", "authors", "audiences", "topics", "licence", "doi",
            "record_url", "featured", "downloads", "files", "url", "untranslated",
        ]  # fmt: skip

    def get_audiences(self, obj) -> list[str]:
        return [a.audience for a in obj.audiences.all()]

    def get_topics(self, obj) -> list[str]:
        return [t.topic for t in obj.topics.all()]

    def get_files(self, obj) -> list[dict]:
        return LanguageVersionSerializer(obj.current_versions, many=True, context=self.context).data

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class NewsSerializer(TranslatedSerializer):
    url = serializers.SerializerMethodField()
    publications = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = NewsPost
        fields = [
            "slug", "title", "published_on", "summary", "body", "publications", "event_links", "url", "untranslated",
        ]  # fmt: skip

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())
