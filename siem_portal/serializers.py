"""Serializer fields shared by the apps' APIs."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

# The largest primary key (BigAutoField, a signed 64-bit integer on SQLite and PostgreSQL): a larger
# number would reach the database and fail there (OverflowError, "bigint out of range").
MAX_ID = 2**63 - 1


class IdField(serializers.IntegerField):
    """A row's id as the API takes it: a whole number from 1 to ``MAX_ID``, else a 400 on that field."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class ModernDateTimeField(serializers.DateTimeField):
    """A date-time from 1970 to 2199 (OpenAPI ``date-time`` with those bounds in its description).

    Before time zones settled, offsets had seconds (Brussels was +00:17:30 until 1892), which RFC 3339
    cannot write: the API would give back a date-time its own schema calls invalid. No event, survey
    or story of the portal lies outside these years.
    """

    MIN_YEAR, MAX_YEAR = 1970, 2199

    def to_internal_value(self, value):
        result = super().to_internal_value(value)
        if not self.MIN_YEAR <= result.year <= self.MAX_YEAR:
            raise serializers.ValidationError(
                _("Enter a date between %(first)s and %(last)s.") % {"first": self.MIN_YEAR, "last": self.MAX_YEAR},
                code="out_of_range",
            )
        return result


@extend_schema_field(
    {
        "oneOf": [
            {"type": "integer", "minimum": 1, "maximum": MAX_ID},
            {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"},
        ],
        "description": "The row's id, or its slug (both given by the API, for example in /api/v1/me/).",
    }
)
class SlugOrIdRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference taken by id (a whole number) or by slug (a string); given back as the id."""

    default_error_messages = {
        "does_not_exist": _("No such item: %(value)s."),
        "incorrect_type": _("Give an id (a whole number) or a slug (a string)."),
    }

    def __init__(self, slug_field: str = "slug", **kwargs):
        self.slug_field = slug_field
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        queryset = self.get_queryset()
        if isinstance(data, bool) or not isinstance(data, (int, str)):
            self.fail("incorrect_type")
        if isinstance(data, int) or (isinstance(data, str) and data.isdigit()):
            value = int(data)
            if not 1 <= value <= MAX_ID:
                self.fail("does_not_exist", value=data)
            found = queryset.filter(pk=value).first()
        else:
            found = queryset.filter(**{self.slug_field: data}).first() if data else None
        if found is None:
            self.fail("does_not_exist", value=data)
        return found
