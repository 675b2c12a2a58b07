"""Framework texts are shown in the page's language, English (marked lang="en") where none exists."""

from html import escape

import pytest
from django.utils import translation

from impact import content, services
from impact.demo import framework_load
from impact.models import Dimension, Indicator, Recommendation

from .factories import assessment_with_respondents, closed_assessment, framework_make, organisation_with_admin

pytestmark = pytest.mark.django_db

FR_STATEMENT = "Nos informations sur la mobilité sont rédigées en langage clair."
FR_ADVICE = "Réécrivez l'appel à participants en langage clair et testez-le auprès de deux jeunes."


@pytest.fixture
def organisation_framework():
    return framework_load(content.ORGANISATION, content.ORGANISATION_STEPS, content.ORGANISATION_MID_ADVICE)


def test_a_french_organisation_admin_rates_and_reads_results_in_french(client, organisation_framework):
    organisation, admin = organisation_with_admin()
    admin.preferred_language = "fr"
    admin.save()
    client.force_login(admin)
    assessment, _ = assessment_with_respondents(
        framework=organisation_framework, organisation=organisation, admin=admin
    )

    page = client.get(f"/impact/assessments/{assessment.pk}/rate/?step=4", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<h1>Communication inclusive</h1>" in page
    assert FR_STATEMENT in page
    assert "Nos textes sont longs et remplis de jargon." in page  # level 0
    assert "Établi : cela fait partie de notre façon habituelle de travailler" in page  # level 3
    assert "Our information on mobility is written in plain language." not in page
    assert 'lang="en"' not in page.split("<main", 1)[1].split("</main>", 1)[0]

    closed = closed_assessment(framework=organisation_framework, organisation=organisation, score=1)
    page = client.get(f"/impact/assessments/{closed.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert FR_STATEMENT in page
    assert escape(FR_ADVICE) in page
    assert "Manuel de communication inclusive</a>" in page
    assert "Élargissement de la participation" in page
    assert "Mobilité inclusive : auto-évaluation de l&#x27;organisation" in page
    assert "Widening participation" not in page


def test_a_text_without_translation_is_shown_in_english_marked_lang_en(client):
    framework = framework_make(dimensions=1, indicators=2)
    translated, untranslated = Indicator.objects.filter(framework=framework).order_by("order")
    translated.translations = {"nl": {"statement": "Een Nederlandse stelling", "levels": ["n0", "n1"]}}
    translated.save()
    Dimension.objects.filter(framework=framework).update(translations={"nl": {"title": "Dimensie nul"}})
    Recommendation.objects.filter(indicator=translated).update(
        translations={"nl": {"text": "Een Nederlands advies", "link_titles": ["Handleiding inclusieve communicatie"]}}
    )
    organisation, admin = organisation_with_admin()
    client.force_login(admin)
    assessment = closed_assessment(framework=framework, organisation=organisation, score=1)

    _speaks(admin, "nl")  # a signed-in person sees their saved language (Accept-Language is for visitors)
    page = client.get(f"/impact/assessments/{assessment.pk}/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert '<th scope="row">Dimensie nul</th>' in page
    assert "<span>Een Nederlandse stelling</span>" in page
    assert f'<span lang="en">{untranslated.statement}</span>' in page
    assert "<p>Een Nederlands advies</p>" in page
    assert f'<p lang="en">Advice for {untranslated.code[1]}.{untranslated.code[-1]}</p>' in page
    assert '">Handleiding inclusieve communicatie</a>' in page

    open_one, _ = assessment_with_respondents(framework=framework, organisation=organisation, admin=admin)
    page = client.get(f"/impact/assessments/{open_one.pk}/rate/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "<legend>Een Nederlandse stelling</legend>" in page
    assert f'<legend lang="en">{untranslated.statement}</legend>' in page
    assert "1: <span>n1</span>" in page
    assert '2: <span lang="en">level 2</span>' in page


def test_the_api_gives_framework_texts_in_the_accept_language(api_client, organisation_framework):
    url = f"/api/v1/impact/frameworks/{organisation_framework.pk}/"
    data = api_client.get(url, HTTP_ACCEPT_LANGUAGE="lv").json()
    assert data["title"] == "Iekļaujoša mobilitāte: organizācijas pašnovērtējums"
    assert data["untranslated"] == []
    dimension = next(d for d in data["dimensions"] if d["code"] == "inclusive-communication")
    assert dimension["title"] == "Iekļaujoša komunikācija"
    indicator = next(i for i in dimension["indicators"] if i["code"] == "ic-plain-language")
    assert indicator["statement"] == "Mūsu informācija par mobilitāti ir rakstīta vienkāršā valodā."
    assert indicator["levels"][5] == "Visi teksti ir vienkāršā valodā un pārbaudīti kopā ar jauniešiem."
    advice = indicator["recommendations"][0]
    assert advice["links"][0]["title"] == "Iekļaujošas komunikācijas rokasgrāmata"

    english = api_client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["title"] == content.ORGANISATION["title"]

    Indicator.objects.filter(framework=organisation_framework, code="ic-plain-language").update(translations={})
    data = api_client.get(url, HTTP_ACCEPT_LANGUAGE="lv").json()
    dimension = next(d for d in data["dimensions"] if d["code"] == "inclusive-communication")
    indicator = next(i for i in dimension["indicators"] if i["code"] == "ic-plain-language")
    assert indicator["statement"] == "Our information on mobility is written in plain language."
    assert indicator["untranslated"] == ["statement", "levels"]


def test_start_form_and_default_title_use_the_framework_title_in_the_active_language(client, organisation_framework):
    organisation, admin = organisation_with_admin()
    client.force_login(admin)
    _speaks(admin, "es")
    page = client.get("/impact/assessments/new/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Movilidad inclusiva: autoevaluación de la organización (v1)</option>" in page
    with translation.override("es"):
        assessment = services.assessment_start(
            user=admin, framework=organisation_framework, organisation=organisation, title=""
        )
    assert assessment.title == "Movilidad inclusiva: autoevaluación de la organización"


def test_the_manage_page_marks_the_english_source_on_a_page_in_another_language(client, survey_manager):
    framework = framework_make(dimensions=1, indicators=1)
    client.force_login(survey_manager)
    _speaks(survey_manager, "cs")
    page = client.get(f"/manage/impact/frameworks/{framework.pk}/", HTTP_ACCEPT_LANGUAGE="cs").content.decode()
    assert '<summary><span lang="en">Statement 0.0</span>' in page
    _speaks(survey_manager, "en")
    page = client.get(f"/manage/impact/frameworks/{framework.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<summary><span>Statement 0.0</span>" in page


def test_the_pdf_report_shows_the_framework_in_the_organisation_admins_language():
    from io import BytesIO

    from pypdf import PdfReader

    from impact.pdf import render_report_pdf

    framework = framework_make(dimensions=1, indicators=1)
    Dimension.objects.filter(framework=framework).update(translations={"nl": {"title": "Bredere deelname"}})
    Indicator.objects.filter(framework=framework).update(translations={"nl": {"statement": "We weten wie deelneemt."}})
    Recommendation.objects.filter(indicator__framework=framework).update(
        translations={"nl": {"text": "Begin met een korte vragenlijst."}}
    )
    organisation, admin = organisation_with_admin()
    admin.preferred_language = "nl"
    admin.save()
    assessment = closed_assessment(framework=framework, organisation=organisation, score=1)

    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(render_report_pdf(assessment))).pages)
    text = " ".join(text.split())
    assert "Bredere deelname" in text
    assert "We weten wie deelneemt." in text
    assert "Begin met een korte vragenlijst." in text
    assert "Dimension 0" not in text


def _speaks(user, language: str) -> None:
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
