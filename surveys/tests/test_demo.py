import random

import pytest
from django.core.management import call_command

from accounts import demo as accounts_demo
from surveys import demo
from surveys.definition import load_definition
from surveys.enums import QuestionType
from surveys.models import Answer, Choice, Question, Response, Section, Survey
from surveys.validation import validate_answers, values_from_rows

pytestmark = pytest.mark.django_db

SPECIAL = {"first_generation", "income", "rural", "ethnic_minority", "lgbtqi", "disability"}


def test_siem_surveys_are_complete_in_french_with_conditions():
    call_command("load_siem_surveys")
    student = Survey.objects.get(slug="siem-student-survey")
    staff = Survey.objects.get(slug="siem-staff-survey")
    assert list(student.sections.values_list("title", flat=True)) == [
        "Education background",
        "Mobility experience",
        "Mobility support",
        "Barriers to mobility",
        "Enablers of mobility",
        "Graduate experience",
        "Personal characteristics",
    ]
    for survey in (student, staff):
        questions = Question.objects.filter(survey=survey, parent=None)
        assert questions.count() >= 35
        assert questions.exclude(condition=None).count() >= 6
        assert survey.translations["fr"]["title"]
        for section in Section.objects.filter(survey=survey):
            assert section.translations["fr"]["title"]
        for q in Question.objects.filter(survey=survey):
            assert q.translations["fr"]["text"], q.code
            if q.help:
                assert q.translations["fr"]["help"], q.code
        for c in Choice.objects.filter(question__survey=survey):
            assert c.translations["fr"]["label"], (c.question.code, c.code)
    special = set(
        Question.objects.filter(survey=student, special_category=True, parent=None).values_list("code", flat=True)
    )
    assert SPECIAL <= special
    for code in SPECIAL:
        assert Choice.objects.filter(question__survey=student, question__code=code, code="prefer_not_to_say").exists()
    assert Question.objects.filter(survey=student, type=QuestionType.MATRIX).count() == 2
    # loading again changes nothing
    call_command("load_siem_surveys")
    assert Survey.objects.count() == 2


def test_synthetic_responses_are_valid_answers_spread_over_institutions():
    accounts_demo.seed()
    demo.load_siem_surveys()
    student = Survey.objects.get(slug="siem-student-survey")
    demo.add_synthetic_responses(survey=student, count=120)
    definition = load_definition(student)
    rows_by_response = {}
    for a in Answer.objects.filter(response__survey=student):
        rows_by_response.setdefault(a.response_id, []).append(a)
    assert len(rows_by_response) == 120
    for response in Response.objects.filter(survey=student)[:40]:
        values = values_from_rows(definition, rows_by_response[response.pk])
        result = validate_answers(definition, values, consent=response.consent, strict=False)
        assert result.ok, result.errors
    institutions = set(Response.objects.values_list("institution__slug", flat=True))
    assert institutions == {slug for slug, _c, _l in demo.DEMO_INSTITUTIONS}
    # mostly in the institution's language, so a report by language has something in each partner's
    assert set(Response.objects.values_list("language", flat=True)) == {"en", "fr", "es", "cs", "lv"}
    went = Answer.objects.filter(question__code="went_abroad", choice__code="yes").count()
    assert 0 < went < 120


def test_seed_demo_twice_is_idempotent_and_tops_up_to_n(settings):
    call_command("seed_demo")
    call_command("seed_demo")
    student = Survey.objects.get(slug="siem-student-survey")
    assert student.responses.count() == demo.DEFAULT_DEMO_RESPONSES
    call_command("seed_demo", responses=80)
    call_command("seed_demo", responses=80)
    assert student.responses.count() == 80
    assert Survey.objects.count() == 2


def test_synthetic_generator_is_deterministic():
    demo.load_siem_surveys()
    definition = load_definition(Survey.objects.get(slug="siem-student-survey"))
    first = demo.synthetic_values(definition, random.Random(5), demo.DEMO_INSTITUTIONS[0])
    second = demo.synthetic_values(definition, random.Random(5), demo.DEMO_INSTITUTIONS[0])
    assert first == second
