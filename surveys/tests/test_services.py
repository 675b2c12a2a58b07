import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from siem_portal.exceptions import ApplicationError, ConflictError
from surveys import services
from surveys.definition import load_definition
from surveys.enums import PREFER_NOT_TO_SAY, ResponseStatus, SurveyStatus
from surveys.models import Answer, Choice, Participation, Question, Response, Survey
from surveys.validation import answer_rows, validate_answers, values_from_rows

from .factories import make_survey, spec

pytestmark = pytest.mark.django_db

GOOD = {
    "went": "yes",
    "months": 5,
    "why": ["money", "other"],
    "why__other": "Friends",
    "support_a": "yes",
    "support_b": "no",
    "comment": "fine",
    "score": 8,
    "when": "2025-03-01",
    "country": "BE",
    "rank": ["b", "a"],
    "ratio": 0.5,
    "income": "low",
}


def test_special_category_question_gets_prefer_not_to_say():
    survey = make_survey()
    codes = list(Choice.objects.filter(question__code="income", question__survey=survey).values_list("code", flat=True))
    assert codes == ["low", "high", PREFER_NOT_TO_SAY]
    yes_no = list(Choice.objects.filter(question__code="went", question__survey=survey).values_list("code", flat=True))
    assert yes_no == ["yes", "no"]


def test_spec_errors_are_reported_per_question_and_nothing_is_created():
    bad = spec()
    bad["sections"][0]["questions"][1]["condition"] = {"all": [{"question": "later", "operator": "equals", "value": 1}]}
    bad["sections"][0]["questions"].append({"code": "went", "type": "short_text", "text": "dup"})
    with pytest.raises(ApplicationError) as exc:
        services.survey_create_from_spec(spec=bad)
    assert set(exc.value.errors) == {"months", "went"}
    assert Survey.objects.count() == 0 and Question.objects.count() == 0


def test_k_never_below_five():
    with pytest.raises(ApplicationError):
        services.survey_create_from_spec(spec=spec(k=3))
    survey = make_survey()
    with pytest.raises(ApplicationError):
        services.survey_update(survey=survey, data={"k": 4})
    assert Survey.objects.get().k == 10


def test_valid_response_is_stored_as_narrow_rows_and_reads_back():
    survey = make_survey()
    response = services.response_create(survey=survey, answers=GOOD, consent=True)
    rows = list(Answer.objects.filter(response=response).select_related("question", "choice"))
    why = sorted(a.choice.code for a in rows if a.question.code == "why")
    assert why == ["money", "other"]
    assert [a.value_text for a in rows if a.question.code == "why" and a.choice.code == "other"] == ["Friends"]
    back = values_from_rows(load_definition(survey), rows)
    assert back["rank"] == ["b", "a"] and back["when"] == "2025-03-01" and back["months"] == 5
    assert response.consent is True and response.consent_version == "v2"


def test_hidden_and_invalid_answers_are_refused_and_nothing_is_saved():
    survey = make_survey()
    answers = {**GOOD, "went": "no"}  # months is now hidden but answered
    with pytest.raises(ApplicationError) as exc:
        services.response_create(survey=survey, answers=answers, consent=True)
    assert list(exc.value.errors) == ["months"]
    bad = {
        **GOOD,
        "months": 99,
        "why": ["money", "family", "other"],
        "support_a": "maybe",
        "comment": "x" * 21,
        "nope": 1,
    }
    with pytest.raises(ApplicationError) as exc:
        services.response_create(survey=survey, answers=bad, consent=True)
    assert set(exc.value.errors) == {"months", "why", "support_a", "comment", "nope"}
    assert Response.objects.count() == 0 and Answer.objects.count() == 0


def test_special_category_answers_need_consent():
    survey = make_survey()
    with pytest.raises(ApplicationError) as exc:
        services.response_create(survey=survey, answers=GOOD, consent=False)
    assert list(exc.value.errors) == ["income"]
    answers = {k: v for k, v in GOOD.items() if k != "income"}
    response = services.response_create(survey=survey, answers=answers, consent=False)
    assert response.consent is False
    assert not Answer.objects.filter(question__special_category=True).exists()


def test_one_response_per_person_and_closed_survey(user):
    survey = make_survey()
    services.response_create(survey=survey, answers=GOOD, consent=True, user=user)
    with pytest.raises(ConflictError):
        services.response_create(survey=survey, answers=GOOD, consent=True, user=user)
    survey.status = SurveyStatus.CLOSED
    survey.save()
    with pytest.raises(ConflictError):
        services.response_create(survey=survey, answers=GOOD, consent=True)
    assert Response.objects.count() == 1


def test_anonymous_survey_keeps_no_link_and_cannot_stop_being_anonymous(user):
    survey = make_survey(anonymous=True)
    response = services.response_create(survey=survey, answers=GOOD, consent=True, user=user)
    response.refresh_from_db()
    assert response.respondent_id is None and response.invitation_id is None
    participation = Participation.objects.get()
    assert participation.user == user
    assert not any(f.related_model is Response for f in Participation._meta.get_fields() if f.is_relation)
    assert not any(
        "ip" in f.name.lower().split("_")
        for model in (Response, Answer, Participation)
        for f in model._meta.get_fields()
    )
    with pytest.raises(ConflictError):
        services.response_create(survey=survey, answers=GOOD, consent=True, user=user)
    with pytest.raises(ConflictError):
        services.survey_update(survey=survey, data={"anonymous": False})
    assert Survey.objects.get().anonymous is True


def test_posting_60_answers_costs_bounded_queries(django_assert_max_num_queries):
    questions = [{"code": f"q{i}", "type": "integer", "text": f"Q{i}"} for i in range(60)]
    survey = make_survey(sections=[{"title": "All", "questions": questions}])
    load_definition(survey)
    with django_assert_max_num_queries(12):
        services.response_create(survey=survey, answers={f"q{i}": i for i in range(60)})
    assert Answer.objects.count() == 60


def test_structural_change_after_responses_makes_a_new_version_and_wording_does_not():
    survey = make_survey()
    first = services.response_create(
        survey=survey, answers={k: v for k, v in GOOD.items() if k != "income"}, consent=False
    )
    question = Question.objects.get(survey=survey, code="comment")
    services.question_update(question=question, data={"text": "Any comment?"})
    survey.refresh_from_db()
    assert survey.version == 1
    services.question_add(
        survey=survey, section=question.section, data={"code": "extra", "type": "short_text", "text": "Extra"}
    )
    survey.refresh_from_db()
    assert survey.version == 2
    services.question_remove(question=Question.objects.get(survey=survey, code="ratio"))
    survey.refresh_from_db()
    assert survey.version == 3
    assert Question.objects.get(survey=survey, code="ratio").removed_in_version == 3
    assert Answer.objects.filter(response=first, question__code="ratio").count() == 1
    second = services.response_create(survey=survey, answers={"went": "no"}, consent=False)
    assert (first.version, second.version) == (1, 3)
    assert "ratio" not in load_definition(survey).by_code


def test_draft_save_resume_and_submit_drops_hidden_answers():
    survey = make_survey(anonymous=True)
    response, code = services.response_start(survey=survey)
    assert code and response.resume_code_hash and code not in response.resume_code_hash
    services.response_save_step(response=response, step=0, raw={"went": "yes", "months": "3"}, next_step=1)
    assert services.response_by_resume_code(survey=survey, code=code.lower()) == response
    services.response_save_step(response=response, step=0, raw={"went": "no", "months": "3"}, next_step=1)
    assert services.response_values(response) == {"went": "no"}
    services.response_submit(response=response)
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED and response.resume_code_hash == ""
    assert services.response_by_resume_code(survey=survey, code=code) is None


def test_declining_consent_removes_special_answers():
    survey = make_survey()
    response, _code = services.response_start(survey=survey)
    services.response_set_consent(response=response, given=True)
    services.response_save_step(response=response, step=2, raw={"income": "low"}, next_step=3)
    assert Answer.objects.filter(response=response).count() == 1
    services.response_set_consent(response=response, given=False)
    assert Answer.objects.filter(response=response).count() == 0
    assert response.consent_version == "v2" and response.consent_at is not None


def test_duplicate_and_status_rules():
    survey = make_survey(status=SurveyStatus.DRAFT)
    copy = services.survey_duplicate(survey=survey, created_by=None)
    assert copy.slug == "test-survey-copy" and copy.status == SurveyStatus.DRAFT
    assert Question.objects.filter(survey=copy).count() == Question.objects.filter(survey=survey).count()
    services.survey_set_status(survey=survey, status=SurveyStatus.OPEN)
    with pytest.raises(ConflictError):
        services.survey_set_status(survey=survey, status=SurveyStatus.DRAFT)


def test_not_yet_open_is_said_politely():
    survey = make_survey(opens_at=(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)).isoformat())
    with pytest.raises(ConflictError, match="not open yet"):
        services.survey_check_can_answer(survey=survey)


answer_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.lists(st.text(max_size=8), max_size=4),
    st.sampled_from(["yes", "no", "money", "other", "a", "b", "BE", "2025-01-01", "low"]),
    st.lists(st.sampled_from(["money", "family", "other", "a", "b", "prefer_not_to_say"]), max_size=4),
)
codes = st.sampled_from(list(GOOD) + ["unknown", "why__other"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.dictionaries(codes, answer_values, max_size=10), consent=st.sampled_from([None, True, False]))
def test_validation_never_crashes_and_valid_values_make_rows(raw, consent):
    survey = Survey.objects.filter(slug="test-survey").first() or make_survey()
    definition = load_definition(survey)
    result = validate_answers(definition, raw, consent=consent)
    for code in result.errors:
        assert code in raw or code in {q.code for q in definition.answerable()}
    if result.ok:
        rows = answer_rows(definition, result.values, 1)
        assert len(rows) >= len([k for k in result.values if not k.endswith("__other")])
        assert set(values_from_rows(definition, rows)) <= set(result.values) | {c + "__other" for c in result.values}


def test_scheduled_reminders_only_for_unfinished_and_due(django_capture_on_commit_callbacks):
    from django.core import mail
    from django.utils import timezone

    from surveys.enums import InvitationStatus
    from surveys.models import Invitation
    from surveys.tasks import task_send_due_reminders

    survey = make_survey(reminder_days=3)
    old = timezone.now() - datetime.timedelta(days=4)
    recent = timezone.now() - datetime.timedelta(days=1)
    Invitation.objects.create(survey=survey, email="due@example.org", status=InvitationStatus.SENT, sent_at=old)
    Invitation.objects.create(survey=survey, email="recent@example.org", status=InvitationStatus.SENT, sent_at=recent)
    Invitation.objects.create(survey=survey, email="done@example.org", status=InvitationStatus.FINISHED, sent_at=old)
    Invitation.objects.create(
        survey=survey, email="enough@example.org", status=InvitationStatus.STARTED, sent_at=old, reminders=3
    )
    assert task_send_due_reminders() == 1
    assert [m.to for m in mail.outbox] == [["due@example.org"]]
    assert Invitation.objects.get(email="due@example.org").reminders == 1
    assert task_send_due_reminders() == 0  # the reminder moved the clock on


def test_reminder_sweep_is_scheduled_for_beat(settings):
    assert settings.CELERY_BEAT_SCHEDULE["surveys.send_due_reminders"]["schedule"] == 3600.0


def test_retention_purge_deletes_responses_of_expired_surveys_only():
    from surveys.tasks import task_purge_expired

    expired = make_survey(retention_until="2020-01-01")
    kept = make_survey(slug="kept", retention_until="2999-01-01")
    services.response_create(survey=expired, answers={"went": "no"})
    services.response_create(survey=kept, answers={"went": "no"})
    assert task_purge_expired() == 1
    assert list(Response.objects.values_list("survey__slug", flat=True)) == ["kept"]
    assert Answer.objects.filter(response__survey=expired).count() == 0
