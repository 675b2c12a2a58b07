"""Serializer fields shared by the apps' APIs."""

from django.utils.translation import gettext as _
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
