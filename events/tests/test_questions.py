"""Organisers change registration questions; answers already given stay as they were."""

import html

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from events.enums import QuestionKind

from .factories import EventFactory, QuestionFactory, RegistrationFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(client, event_organiser):
    client.force_login(event_organiser)
    return client


@pytest.fixture
def setup(event_organiser):
    """A choice question with one answer, and a yes/no question shown when it is answered “A”."""
    event = EventFactory(organisers=[event_organiser])
    workshop = QuestionFactory(event=event, label="Workshop", kind=QuestionKind.CHOICE, choices=["A", "B"], order=1)
    follow_up = QuestionFactory(
        event=event,
        label="Do you bring a laptop?",
        kind=QuestionKind.YES_NO,
        order=2,
        show_if_question=workshop,
        show_if_value="A",
    )
    registration = RegistrationFactory(event=event, answers={workshop.code: "B", follow_up.code: "yes"})
    return event, workshop, follow_up, registration


def edit_url(question):
    return reverse("events:manage-question", kwargs={"slug": question.event.slug, "pk": question.pk})


def post_data(question, **changes):
    data = {
        "label": question.label,
        "help_text": question.help_text,
        "kind": question.kind,
        "choices_text": "\n".join(question.choices),
        "order": question.order,
        "show_if_question": question.show_if_question_id or "",
        "show_if_value": question.show_if_value,
    }
    if question.required:
        data["required"] = "on"
    data.update(changes)
    return data


def page_text(response):
    return html.unescape(response.content.decode())


def test_edit_text_kind_choices_required_keeps_past_answers(organiser_client, setup):
    event, workshop, follow_up, registration = setup
    text = page_text(organiser_client.get(edit_url(workshop)))
    assert "1 person has answered this question." in text
    assert "Changing the text, the kind or the choices does not rewrite past answers" in text
    assert "A\nB</textarea>" in text  # the choices to edit, one per line
    response = organiser_client.post(
        edit_url(workshop),
        post_data(workshop, label="Which workshop?", choices_text="A\nC\nC", required="on", help_text="Pick one."),
        follow=True,
    )
    text = page_text(response)
    assert "The question is saved." in text
    assert "Which workshop? (One choice, required): A, C" in text
    workshop.refresh_from_db()
    assert (workshop.label, workshop.choices, workshop.required, workshop.help_text) == (
        "Which workshop?",
        ["A", "C"],
        True,
        "Pick one.",
    )
    registration.refresh_from_db()
    assert registration.answers == {workshop.code: "B", follow_up.code: "yes"}  # "B" is no choice any more
    # the kind too: from one choice to multiple choice
    organiser_client.post(edit_url(workshop), post_data(workshop, kind=QuestionKind.MULTIPLE))
    workshop.refresh_from_db()
    assert workshop.kind == QuestionKind.MULTIPLE
    registration.refresh_from_db()
    assert registration.answers[workshop.code] == "B"
    # new registrants see the new text and choices
    assert "Which workshop?" in page_text(organiser_client.get(reverse("events:register", kwargs={"slug": event.slug})))


def test_edit_the_show_only_if_condition(organiser_client, setup):
    event, workshop, follow_up, _registration = setup
    organiser_client.post(edit_url(follow_up), post_data(follow_up, show_if_value="B"))
    follow_up.refresh_from_db()
    assert (follow_up.show_if_question, follow_up.show_if_value) == (workshop, "B")
    text = page_text(organiser_client.get(reverse("events:manage-questions", kwargs={"slug": event.slug})))
    assert "shown when “Workshop” is “B”" in text
    # and unconditional again
    organiser_client.post(edit_url(follow_up), post_data(follow_up, show_if_question="", show_if_value=""))
    follow_up.refresh_from_db()
    assert (follow_up.show_if_question, follow_up.show_if_value) == (None, "")


@pytest.mark.parametrize(
    ("target", "changes", "message"),
    [
        ("workshop", {"choices_text": "A"}, "Give at least two choices."),
        ("workshop", {"label": ""}, "This field is required."),
        ("workshop", {"kind": "essay"}, "Select a valid choice."),
        # the follow-up question is shown for “A”: it cannot disappear under it
        (
            "workshop",
            {"choices_text": "B\nC"},
            "“Do you bring a laptop?” is shown when this question is answered “A”: keep that answer",
        ),
        ("workshop", {"kind": QuestionKind.TEXT}, "“Do you bring a laptop?” is shown when this question is answered"),
        ("workshop", {"order": 5}, "“Do you bring a laptop?” depends on this question and must stay after it"),
        ("follow_up", {"show_if_value": "Z"}, "Choose one of the answers to “Workshop”: A, B."),
        ("follow_up", {"show_if_value": ""}, "Say which answer shows this question."),
        ("follow_up", {"order": 0}, "Put this question after “Workshop”, which decides whether it shows"),
        # a loop: the workshop question shown only because of its own follow-up
        (
            "workshop",
            {"show_if_question": "follow_up", "show_if_value": "yes", "order": 3},
            "cannot depend on itself or on a question that is shown because of it",
        ),
        ("follow_up", {"show_if_question": "follow_up"}, "Select a valid choice."),
    ],
)
def test_bad_edits_are_form_errors_and_save_nothing(organiser_client, setup, target, changes, message):
    event, workshop, follow_up, registration = setup
    questions = {"workshop": workshop, "follow_up": follow_up}
    changes = {k: questions[v].pk if v in questions else v for k, v in changes.items()}
    before = list(event.questions.values())
    response = organiser_client.post(edit_url(questions[target]), post_data(questions[target], **changes))
    assert response.status_code == 200
    assert message in page_text(response)
    assert list(event.questions.values()) == before
    registration.refresh_from_db()
    assert registration.answers == {workshop.code: "B", follow_up.code: "yes"}


def test_adding_a_question_follows_the_same_rules(organiser_client, setup):
    event, workshop, _follow_up, _registration = setup
    url = reverse("events:manage-questions", kwargs={"slug": event.slug})
    response = organiser_client.post(
        url, {"label": "Room", "kind": "text", "order": 3, "show_if_question": workshop.pk, "show_if_value": "Z"}
    )
    assert "Choose one of the answers to “Workshop”: A, B." in page_text(response)
    assert event.questions.count() == 2
    organiser_client.post(
        url, {"label": "Room", "kind": "text", "order": 3, "show_if_question": workshop.pk, "show_if_value": "B"}
    )
    assert event.questions.get(label="Room").show_if_value == "B"


def test_question_editor_refused_to_others(client, user, setup):
    event, workshop, _follow_up, _registration = setup
    url = edit_url(workshop)
    other_organiser = EventFactory(organisers=[UserFactory()]).organisers.get()
    other_reviewer = ReviewerFactory().user
    attendee = RegistrationFactory(event=event).user
    for who in (other_organiser, other_reviewer, attendee, user):
        client.force_login(who)
        assert client.get(url).status_code == 404
        assert client.post(url, post_data(workshop, label="Hacked")).status_code == 404
    client.logout()
    assert client.post(url, post_data(workshop, label="Hacked")).status_code == 302
    workshop.refresh_from_db()
    assert workshop.label == "Workshop"


def test_a_question_of_another_event_is_404_under_ones_own(organiser_client, event_organiser, setup):
    event, _workshop, _follow_up, _registration = setup
    foreign = QuestionFactory(event=EventFactory(organisers=[event_organiser]), label="Elsewhere")
    url = reverse("events:manage-question", kwargs={"slug": event.slug, "pk": foreign.pk})
    assert organiser_client.get(url).status_code == 404
    assert organiser_client.post(url, post_data(foreign, label="Moved")).status_code == 404
    foreign.refresh_from_db()
    assert foreign.label == "Elsewhere"


def test_registration_list_shows_answers_as_given_after_an_edit(organiser_client, setup):
    event, workshop, _follow_up, registration = setup
    note = QuestionFactory(event=event, label="Anything else?", kind=QuestionKind.TEXT, order=3)
    registration.answers = {**registration.answers, note.code: "Hello"}
    registration.save()
    organiser_client.post(edit_url(workshop), post_data(workshop, kind=QuestionKind.MULTIPLE, choices_text="A\nC"))
    RegistrationFactory(event=event, answers={workshop.code: ["A", "C"]})
    text = page_text(organiser_client.get(reverse("events:manage-registrations", kwargs={"slug": event.slug})))
    assert "<td>B</td>" in text  # given before the edit, kept as given
    assert "<td>A, C</td>" in text  # given after it
    assert "<td>Hello</td>" in text and "H, e, l" not in text
