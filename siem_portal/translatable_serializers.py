"""The API side of ``siem_portal.translatable``: one serializer base for every translated model."""

from rest_framework import serializers


class TranslatedSerializer(serializers.ModelSerializer):
    """Gives the model's translated fields in the request's language (Accept-Language, fallback
    English); ``untranslated`` lists the fields (of those given) in English because they have no
    translation. Add ``"untranslated"`` to ``Meta.fields``."""

    untranslated = serializers.SerializerMethodField()

    def get_untranslated(self, obj) -> list[str]:
        untranslated = []
        for field in obj.TRANSLATED_FIELDS:
            if field not in self.fields:
                continue
            value = obj.tr(field)
            if any(v.lang for v in value) if isinstance(value, list) else value.lang:
                untranslated.append(field)
        return untranslated

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for field in instance.TRANSLATED_FIELDS:
            if field in data:
                value = instance.tr(field)
                data[field] = [str(v) for v in value] if isinstance(value, list) else str(value)
        return data
