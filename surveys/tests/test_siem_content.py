"""The SIEM Student and Staff Surveys in the portal's six languages, and how the loader brings them in."""

import copy
import html
import re
from collections import Counter
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from surveys import demo
from surveys.definition import load_definition
from surveys.enums import ResponseStatus
from surveys.models import Choice, Question, Response, Section, Survey
from surveys.services import PREFER_NOT, question_add
from surveys.siem_data import SURVEYS
from surveys.siem_translations import content_files, content_problems, english_template

pytestmark = pytest.mark.django_db

SLUGS = ("siem-student-survey", "siem-staff-survey")
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
NUMBER = re.compile(r"\d+(?:[ \u00a0.,]\d{3})*")
NAMES = ("Erasmus+", "SIEM", "ESN", "%")


def _texts(survey):
    """Every text a respondent reads, as (where, English, translations) triples."""
    for field in ("title", "description", "consent_text"):
        if getattr(survey, field):
            yield f"survey.{field}", getattr(survey, field), survey.translations, field
    for section in Section.objects.filter(survey=survey).order_by("order"):
        yield f"section {section.order}.title", section.title, section.translations, "title"
        if section.description:
            yield f"section {section.order}.description", section.description, section.translations, "description"
    for q in Question.objects.filter(survey=survey, removed_in_version__isnull=True).order_by("id"):
        yield f"{q.code}.text", q.text, q.translations, "text"
        if q.help:
            yield f"{q.code}.help", q.help, q.translations, "help"
    for c in Choice.objects.filter(question__survey=survey).select_related("question").order_by("id"):
        yield f"{c.question.code}.{c.code}", c.label, c.translations, "label"


def _numbers(text):
    return Counter(re.sub(r"[ \u00a0.,]", "", n) for n in NUMBER.findall(text))


@pytest.fixture
def surveys():
    demo.load_siem_surveys()
    return [Survey.objects.get(slug=slug) for slug in SLUGS]


def test_every_text_of_both_surveys_is_translated_in_all_six_languages(surveys):
    assert OTHER_LANGUAGES == ["fr", "es", "nl", "cs", "lv"]
    missing = []
    counted = 0
    for survey in surveys:
        assert survey.languages == ["en", *OTHER_LANGUAGES]
        for where, english, translations, field in _texts(survey):
            assert english.strip(), where
            counted += 1
            for language in OTHER_LANGUAGES:
                value = (translations.get(language) or {}).get(field) or ""
                if not value.strip():
                    missing.append(f"{survey.slug} {where} [{language}]")
    assert counted > 300  # the walk really covers sections, questions, rows and options
    assert missing == []


def test_translations_keep_numbers_names_and_the_prefer_not_to_say_wording(surveys):
    problems = []
    for survey in surveys:
        for where, english, translations, field in _texts(survey):
            for language in OTHER_LANGUAGES:
                value = translations[language][field]
                if _numbers(value) != _numbers(english):
                    problems.append(f"{where} [{language}] numbers: {value!r}")
                problems += [
                    f"{where} [{language}] lost {n}: {value!r}" for n in NAMES if n in english and n not in value
                ]
                if len(english.split()) >= 4 and value == english:
                    problems.append(f"{where} [{language}] is still English")
                if value != value.strip():
                    problems.append(f"{where} [{language}] has spaces around it")
    assert problems == []
    student = surveys[0]
    for language in OTHER_LANGUAGES:
        # the consent text names the option respondents will see on the special-category questions
        assert PREFER_NOT[1][language]["label"] in student.translations[language]["consent_text"], language
        gender_option = Choice.objects.get(question__survey=student, question__code="gender", code="prefer_not_to_say")
        assert gender_option.translations[language]["label"] == PREFER_NOT[1][language]["label"], language


def test_translation_files_match_the_surveys():
    assert set(content_files()) == {"es", "nl", "cs", "lv"}  # French lives beside the English in siem_data.py
    assert content_problems() == []
    template = english_template()
    assert set(template) == {"shared_labels", *SLUGS}
    assert template["siem-student-survey"]["questions"]["work_hours"]["help"] == "0 if you do not work."


def test_a_stray_key_in_a_translation_file_is_reported(tmp_path, monkeypatch):
    from surveys import siem_translations

    (tmp_path / "siem_xx.json").write_text(
        '{"shared_labels": {"Nope": "x"}, "siem-student-survey": {"questions": {"no_such_code": {"text": "x"},'
        ' "field": {"choices": {"no_such_option": "x"}}}}, "no-such-survey": {}}',
        encoding="utf-8",
    )
    monkeypatch.setattr(siem_translations, "CONTENT_DIR", tmp_path)
    problems = content_problems()
    assert any("'no_such_code'" in p for p in problems)
    assert any("'no_such_option'" in p for p in problems)
    assert any("'no-such-survey'" in p for p in problems)
    assert any("'Nope'" in p for p in problems)


def _take_student_survey(client, headers):
    """Answer the Student Survey page by page in the language ``headers`` ask for; returns the pages' HTML."""
    pages = []
    start = client.get("/surveys/siem-student-survey/", **headers)
    assert start.status_code == 200
    pages.append(start)
    first = client.post("/surveys/siem-student-survey/start/", **headers)
    assert first["Location"] == "/surveys/siem-student-survey/page/0/"
    pages.append(client.get(first["Location"], **headers))
    answers = {
        0: {"institution": "other", "institution__other": "Demo", "study_country": "CZ", "study_level": "bachelor"},
        1: {"went_abroad": "no"},
        6: {"gender": "woman", "income": "low"},
    }
    for step in range(7):
        if step == 5:
            # "Graduate experience" has nothing for a bachelor who has not been abroad: it is skipped
            skipped = client.get("/surveys/siem-student-survey/page/5/", **headers)
            assert skipped["Location"] == "/surveys/siem-student-survey/page/6/"
            continue
        if step == 6:
            consent_url = "/surveys/siem-student-survey/consent/?step=6"
            assert client.get("/surveys/siem-student-survey/page/6/", **headers)["Location"] == consent_url
            pages.append(client.get(consent_url, **headers))
            client.post("/surveys/siem-student-survey/consent/", {"consent": "yes", "step": "6"}, **headers)
        page = client.get(f"/surveys/siem-student-survey/page/{step}/", **headers)
        assert page.status_code == 200
        pages.append(page)
        done = client.post(
            f"/surveys/siem-student-survey/page/{step}/", {**answers.get(step, {}), "action": "next"}, **headers
        )
        assert done.status_code == 302, done.content.decode()[:2000]
    assert done["Location"] == "/surveys/siem-student-survey/review/"
    review = client.get("/surveys/siem-student-survey/review/", **headers)
    assert review.status_code == 200
    return [html.unescape(p.content.decode()) for p in pages], html.unescape(review.content.decode())


ENGLISH = [
    "SIEM Student Survey: who goes abroad",
    "What is your current level of study?",
    "Do you study full-time or part-time?",
    "How would you describe your family's income while you grew up?",
    "Low: money was often short",
    "Strongly disagree",
]


def test_student_survey_taken_in_czech_shows_czech_questions_and_review(client, surveys):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cs"
    pages, review = _take_student_survey(client, {})
    text = "\n".join(pages)
    for czech in (
        "Dotazník SIEM pro studenty: kdo vyjíždí do zahraničí a co ostatní brzdí",
        "Jaký je váš současný stupeň studia?",
        "Bakalářské studium",
        "Strávili jste v rámci studia nějakou dobu v zahraničí",
        "Do jaké míry souhlasíte s těmito tvrzeními o podpoře, kterou nabízí vaše instituce?",
        "Rozhodně nesouhlasím",
        "Jak byste popsali příjem vaší rodiny v době, kdy jste vyrůstali?",
        "Jde o zvláštní kategorie osobních údajů.",
        "Nechci uvést",
    ):
        assert czech in text, czech
    for english in ENGLISH:
        assert english not in text, english
    # the review lists the questions and the chosen options in Czech
    for czech in ("Jaký je váš současný stupeň studia?", "Bakalářské studium", "Nízký: peněz bylo často málo", "Žena"):
        assert czech in review, czech
    assert "Bachelor" not in review and "What is your current level of study?" not in review
    response = Response.objects.get()
    assert response.language == "cs"
    assert client.post("/surveys/siem-student-survey/review/")["Location"] == "/surveys/siem-student-survey/thanks/"
    assert Response.objects.get().status == ResponseStatus.SUBMITTED


def test_student_survey_taken_in_latvian_from_the_browser_language(client, surveys):
    pages, review = _take_student_survey(client, {"HTTP_ACCEPT_LANGUAGE": "lv,en;q=0.5"})
    text = "\n".join(pages)
    for latvian in (
        "SIEM studentu aptauja: kas dodas uz ārzemēm un kas studentus attur",
        "Kādā studiju līmenī jūs pašlaik studējat?",
        "Bakalaura studijas",
        "Vai studiju laikā esat kādu laiku pavadījuši ārzemēs",
        "Pilnīgi nepiekrītu",
        "Kā jūs raksturotu savas ģimenes ienākumus laikā, kad augāt?",
        "Tie ir īpašu kategoriju personas dati.",
        "Nevēlos atbildēt",
    ):
        assert latvian in text, latvian
    for english in ENGLISH:
        assert english not in text, english
    for latvian in ("Kādā studiju līmenī jūs pašlaik studējat?", "Bakalaura studijas", "Zemi: naudas bieži pietrūka"):
        assert latvian in review, latvian
    assert "Bachelor" not in review
    assert Response.objects.get().language == "lv"


def test_survey_list_home_and_start_pages_show_the_titles_in_the_visitors_language(client, surveys):
    es = client.get("/surveys/siem-staff-survey/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Encuesta SIEM al personal universitario: organizar una movilidad inclusiva" in es
    assert "Para el personal de instituciones de educación superior" in es
    listing = html.unescape(client.get("/surveys/", HTTP_ACCEPT_LANGUAGE="nl").content.decode())
    assert "SIEM-studentenenquête: wie gaat naar het buitenland, en wat houdt studenten tegen" in listing
    assert "inclusieve mobiliteit organiseren" in listing
    assert "SIEM Student Survey" not in listing
    home = html.unescape(client.get("/", HTTP_ACCEPT_LANGUAGE="lv").content.decode())
    assert "SIEM studentu aptauja: kas dodas uz ārzemēm un kas studentus attur" in home


def _old_database():
    """The SIEM surveys as an earlier release loaded them: English and French only, answered already."""
    for raw in SURVEYS:
        spec = copy.deepcopy(raw)
        spec["languages"] = ["en", "fr"]
        for item in [spec, *spec["sections"]]:
            item["translations"] = {"fr": item.get("translations", {}).get("fr", {})}
        survey = demo.survey_create_from_spec(spec=spec)
        Survey.objects.filter(pk=survey.pk).update(status="open")
    student = Survey.objects.get(slug="siem-student-survey")
    Response.objects.create(survey=student, status=ResponseStatus.SUBMITTED)
    return student


def test_loading_again_updates_the_wording_in_place(client):
    student = _old_database()
    version = student.version
    ids = sorted(Question.objects.filter(survey=student).values_list("id", flat=True))
    before = load_definition(student)
    assert before.sections[0].tr("title", "cs") == "Education background"
    out = StringIO()
    call_command("load_siem_surveys", stdout=out)
    assert "siem-student-survey: wording updated" in out.getvalue()
    assert "siem-staff-survey: wording updated" in out.getvalue()
    student.refresh_from_db()
    assert student.version == version  # no new version: answers keep pointing at the same questions
    assert sorted(Question.objects.filter(survey=student).values_list("id", flat=True)) == ids
    assert student.languages == ["en", "fr", "es", "nl", "cs", "lv"]
    assert student.translations["lv"]["title"].startswith("SIEM studentu aptauja")
    assert Response.objects.filter(survey=student).count() == 1
    assert load_definition(student).sections[0].tr("title", "cs") == "Studium"  # the cached definition reloads
    page = client.get("/surveys/siem-student-survey/", HTTP_ACCEPT_LANGUAGE="cs").content.decode()
    assert "Dotazník SIEM pro studenty" in page
    again = StringIO()
    call_command("load_siem_surveys", stdout=again)
    assert again.getvalue().count(": unchanged") == 2


def test_a_survey_restructured_in_the_builder_is_kept_as_it_is():
    demo.load_siem_surveys()
    staff = Survey.objects.get(slug="siem-staff-survey")
    question_add(
        survey=staff,
        section=staff.sections.order_by("order").first(),
        data={"code": "added_later", "type": "short_text", "text": "Added in the builder"},
    )
    Section.objects.filter(survey=staff, order=0).update(translations={"cs": {"title": "Upraveno ručně"}})
    out, err = StringIO(), StringIO()
    call_command("load_siem_surveys", stdout=out, stderr=err)
    assert "siem-staff-survey: kept as it is" in err.getvalue()
    assert "siem-student-survey: unchanged" in out.getvalue()
    assert Section.objects.get(survey=staff, order=0).translations == {"cs": {"title": "Upraveno ručně"}}
    assert Question.objects.filter(survey=staff, code="added_later").exists()


def test_the_six_languages_travel_through_an_xlsform_export_and_import(surveys):
    from surveys.services import survey_to_spec
    from surveys.xlsform import spec_to_xlsform, xlsform_to_spec

    spec = xlsform_to_spec(spec_to_xlsform(survey_to_spec(surveys[0])))
    questions = {q["code"]: q for s in spec["sections"] for q in s["questions"]}
    assert questions["study_level"]["translations"]["cs"]["text"] == "Jaký je váš současný stupeň studia?"
    assert questions["work_hours"]["translations"]["lv"]["help"] == "0, ja nestrādājat."
    labels = {c["code"]: c["translations"]["nl"]["label"] for c in questions["study_mode"]["choices"]}
    assert labels == {"full_time": "Voltijds", "part_time": "Deeltijds"}
    assert spec["sections"][0]["translations"]["es"]["title"] == "Estudios"
