"""Survey content that falls back to English on another language's page says so with lang="en"."""

import pytest
from bs4 import BeautifulSoup

from surveys.tests.factories import make_survey

pytestmark = pytest.mark.django_db


def first_page(client, language):
    start = client.post("/surveys/test-survey/start/", HTTP_ACCEPT_LANGUAGE=language)
    response = client.get(start["Location"], HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_translated_text_is_in_the_page_language_and_the_rest_is_marked_english(client):
    make_survey()
    soup = first_page(client, "fr")
    assert soup.html["lang"] == "fr"
    went = soup.select_one("#wrap-went legend")
    assert "Êtes-vous parti ?" in went.get_text() and went.select("[lang]") == []
    months = soup.select_one("#wrap-months label")
    assert [(s["lang"], s.get_text()) for s in months.select("[lang]")] == [("en", "How many months?")]
    # the "(required)" marker is interface: it stays in French, outside the English span
    assert "(obligatoire)" in months.get_text()
    labels = {label.get_text(strip=True): label.select_one("[lang]") for label in soup.select("#wrap-why label")}
    assert labels["Argent"] is None
    assert labels["Family"]["lang"] == "en"


def test_english_page_marks_nothing(client):
    make_survey()
    soup = first_page(client, "en")
    assert soup.select("main [lang]") == []


def test_survey_list_and_start_page_mark_an_untranslated_title(client):
    make_survey()  # a French title, no Dutch one, no description translation
    french = BeautifulSoup(client.get("/surveys/", HTTP_ACCEPT_LANGUAGE="fr").content, "html.parser")
    link = french.select_one("main h2 a")
    assert (link.get_text(), link.get("lang")) == ("Enquête test", None)
    dutch = BeautifulSoup(client.get("/surveys/test-survey/", HTTP_ACCEPT_LANGUAGE="nl").content, "html.parser")
    heading = dutch.select_one("main h1")
    assert (heading.get_text(), heading["lang"]) == ("Test survey", "en")
