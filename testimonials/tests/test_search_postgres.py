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


def test_a_french_story_is_found_by_an_inflected_french_word(client):
    StoryFactory(
        title="Mon semestre à Lyon",
        summary="Vie quotidienne.",
        body="Les étudiants étrangers ont trouvé des logements près du campus.",
        language="fr",
    )
    StoryFactory(title="Unrelated", summary="Nothing.", body="Rooms and flats.", language="en")
    # the story says "étudiants" and "logements": the singular forms find it through French stemming
    assert [s.title for s in stories_search(stories_public(), "étudiant logement")] == ["Mon semestre à Lyon"]
    response = client.get("/stories/?q=logement")
    assert [s.title for s in response.context["page"]] == ["Mon semestre à Lyon"]


@pytest.mark.parametrize(
    ("language", "body", "query"),
    [
        ("es", "Encontré viviendas baratas cerca de la universidad.", "vivienda"),
        ("nl", "De studenten fietsen elke dag naar de campus.", "student"),
        ("en", "We were hiking in the mountains every weekend.", "hikes"),
    ],
)
def test_each_language_uses_its_own_stemming(language, body, query):
    StoryFactory(title="Abroad", summary="A story.", body=body, language=language)
    assert [s.title for s in stories_search(stories_public(), query)] == ["Abroad"]


def test_czech_and_latvian_stories_use_simple_words(client):
    from django.db import connection as conn

    czech = StoryFactory(
        title="Semestr v Brně", summary="Koleje.", body="Bydlení na kolejích bylo levné.", language="cs"
    )
    StoryFactory(title="Rīga", summary="Studijas.", body="Kopmītnes bija lētas.", language="lv")
    assert [s.pk for s in stories_search(stories_public(), "kolejích")] == [czech.pk]
    assert [s.title for s in stories_search(stories_public(), "kopmītnes")] == ["Rīga"]
    with conn.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM testimonials_story WHERE id = %s", [czech.pk])
        assert "'kolejích'" in cursor.fetchone()[0]  # unstemmed: PostgreSQL has no Czech configuration


def test_changing_the_language_rebuilds_the_search_vector():
    story = StoryFactory(title="Notes", summary="Short.", body="Nous avons trouvé une chambre.", language="en")
    assert list(stories_search(stories_public(), "trouver")) == []
    type(story).objects.filter(pk=story.pk).update(language="fr")
    assert [s.pk for s in stories_search(stories_public(), "trouver")] == [story.pk]
