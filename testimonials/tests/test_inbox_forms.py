"""The author's answer and block forms: honeypot and a per-author rate limit, like every public form."""

import pytest

from accounts.tests.factories import UserFactory
from testimonials.models import AuthorBlock, AuthorQuestion

from .factories import StoryFactory

pytestmark = pytest.mark.django_db


def _questions(author, n):
    story = StoryFactory(author=author, allow_questions=True)
    return [
        AuthorQuestion.objects.create(story=story, sender=UserFactory(), recipient=author, body=f"q{i}", status="sent")
        for i in range(n)
    ]


def test_inbox_forms_carry_the_hidden_honeypot(client, user):
    _questions(user, 1)
    client.force_login(user)
    html = client.get("/stories/questions/").content.decode()
    assert html.count('class="hp-input"') == 2
    assert "testimonials/stories.css" in html  # the stylesheet that hides it


def test_filled_honeypot_stores_no_answer(client, user):
    (question,) = _questions(user, 1)
    client.force_login(user)
    response = client.post(
        f"/stories/questions/{question.pk}/answer/", {"reply": "Buy cheap pills", "website": "http://spam.example"}
    )
    assert response.status_code == 400
    assert "This form could not be sent." in response.content.decode()
    question.refresh_from_db()
    assert (question.reply, question.reply_status) == ("", "")


def test_filled_honeypot_blocks_no_one(client, user):
    (question,) = _questions(user, 1)
    client.force_login(user)
    response = client.post(f"/stories/questions/{question.pk}/block/", {"website": "x"})
    assert response.status_code == 400
    assert "This form could not be sent." in response.content.decode()
    assert not AuthorBlock.objects.exists()


def test_answers_over_the_limit_are_refused_with_a_message(client, user):
    questions = _questions(user, 21)
    client.force_login(user)
    for question in questions[:20]:
        response = client.post(f"/stories/questions/{question.pk}/answer/", {"reply": "Thanks!", "website": ""})
        assert response.status_code == 302
    response = client.post(f"/stories/questions/{questions[20].pk}/answer/", {"reply": "One more"})
    assert response.status_code == 429
    assert "You have sent many answers in a short time; please try again later." in response.content.decode()
    questions[20].refresh_from_db()
    assert questions[20].reply == ""
    assert AuthorQuestion.objects.exclude(reply="").count() == 20


def test_the_answer_limit_is_per_author(client, user, other_user):
    for question in _questions(other_user, 20):
        client.force_login(other_user)
        assert client.post(f"/stories/questions/{question.pk}/answer/", {"reply": "ok"}).status_code == 302
    (mine,) = _questions(user, 1)
    client.force_login(user)
    assert client.post(f"/stories/questions/{mine.pk}/answer/", {"reply": "mine"}).status_code == 302
    mine.refresh_from_db()
    assert mine.reply == "mine"


def test_blocks_over_the_limit_are_refused_with_a_message(client, user):
    questions = _questions(user, 21)
    client.force_login(user)
    for question in questions[:20]:
        assert client.post(f"/stories/questions/{question.pk}/block/").status_code == 302
    response = client.post(f"/stories/questions/{questions[20].pk}/block/")
    assert response.status_code == 429
    assert "You have blocked many people in a short time; please try again later." in response.content.decode()
    assert AuthorBlock.objects.count() == 20
    assert not AuthorBlock.objects.filter(blocked=questions[20].sender).exists()
