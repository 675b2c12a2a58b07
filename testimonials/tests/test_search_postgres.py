import pytest
from django.db import connection

from testimonials.selectors import stories_public, stories_search

from .factories import StoryFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_full_text_search_ranks_title_matches_first(client):
    assert connection.vendor == "postgresql"
    StoryFactory(title="Budget tips", summary="Money.", body="Housing in Lyon was the hardest part.")
    StoryFactory(title="Housing in Lyon", summary="Where to live.", body="Student residences.")
    StoryFactory(title="Hiking", summary="Mountains.", body="Nothing about rooms.")
    found = list(stories_search(stories_public(), "housing lyon"))
    assert [s.title for s in found] == ["Housing in Lyon", "Budget tips"]
    response = client.get("/stories/?q=housing")
    assert [s.title for s in response.context["page"]] == ["Housing in Lyon", "Budget tips"]
