"""Serializer fields shared by the apps' APIs."""

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
