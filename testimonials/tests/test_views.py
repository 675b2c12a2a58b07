import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import UserFactory
from siem_portal.views import home
from testimonials.enums import StoryStatus
from testimonials.models import AuthorQuestion, Story, StoryBackground, StoryFlag

from .factories import StoryFactory
from .safety import XSS_PAYLOADS, active_content

pytestmark = pytest.mark.django_db


def test_list_shows_published_stories_only(client):
    StoryFactory(title="Published in Ghent")
    StoryFactory(title="Still a draft", status=StoryStatus.DRAFT)
    StoryFactory(title="Waiting", status=StoryStatus.SUBMITTED)
    StoryFactory(title="Hidden by reports", hidden_by_flags=True)
    response = client.get("/stories/")
    assert response.status_code == 200
    titles = re.findall(r'<h3><a href="/stories/[^"]+/">([^<]+)</a></h3>', response.content.decode())
    assert titles == ["Published in Ghent"]


def test_facets_count_and_filter(client):
    StoryFactory.create_batch(2, mobility_type="traineeship", host_country="LV")
    StoryFactory(mobility_type="study", host_country="ES")
    response = client.get("/stories/")
    html = response.content.decode()
    assert re.search(r">Traineeship</a> <span class=\"facet-count\">\(2\)</span>", html)
    assert re.search(r">Latvia</a> <span class=\"facet-count\">\(2\)</span>", html)
    response = client.get("/stories/?mobility=study")
    assert response.context["page"].paginator.count == 1
    response = client.get("/stories/?host=lv&kind=testimonial")
    assert response.context["page"].paginator.count == 2


def test_background_facet_only_counts_consented_stories(client):
    public = StoryFactory(backgrounds_public=True)
    private = StoryFactory(backgrounds_public=False)
    StoryBackground.objects.create(story=public, background="rural")
    StoryBackground.objects.create(story=private, background="rural")
    StoryBackground.objects.create(story=private, background="lgbtqi")
    response = client.get("/stories/")
    html = response.content.decode()
    assert re.search(r">Rural community</a> <span class=\"facet-count\">\(1\)</span>", html)
    assert "LGBTQI+" not in html
    assert [s.pk for s in client.get("/stories/?background=lgbtqi").context["page"]] == []
    assert [s.pk for s in client.get("/stories/?background=rural").context["page"]] == [public.pk]
    detail = client.get(private.get_absolute_url()).content.decode()
    assert "Rural community" not in detail
    assert "Rural community" in client.get(public.get_absolute_url()).content.decode()


def test_search_falls_back_to_substring_on_sqlite(client):
    StoryFactory(title="Snow in Tampere", body="Finnish winters are long.")
    StoryFactory(title="Sun in Seville", body="It was hot.")
    response = client.get("/stories/?q=winters")
    assert [s.title for s in response.context["page"]] == ["Snow in Tampere"]


def test_pagination(client):
    StoryFactory.create_batch(14)
    assert len(client.get("/stories/").context["page"]) == 12
    assert len(client.get("/stories/?page=2").context["page"]) == 2


@pytest.mark.parametrize("count", [5, 50])
def test_list_query_count_does_not_grow(client, django_assert_max_num_queries, count):
    for story in StoryFactory.create_batch(count):
        StoryBackground.objects.create(story=story, background="rural")
    Story.objects.update(backgrounds_public=True)
    with django_assert_max_num_queries(8):
        response = client.get("/stories/")
    assert response.status_code == 200


def test_detail_shows_reading_time_and_related(client):
    story = StoryFactory(body="word " * 450, mobility_type="volunteering")
    related = StoryFactory(mobility_type="volunteering")
    StoryFactory(mobility_type="study", host_country="FR")
    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    assert "3 minutes read" in html
    assert [s.pk for s in response.context["related"]] == [related.pk]


def test_drafts_are_private(client, user, other_user, moderator):
    draft = StoryFactory(author=user, status=StoryStatus.DRAFT, title="My secret draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(other_user)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/stories/{draft.slug}/edit/").status_code == 404
    client.force_login(user)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Not public: Draft." in response.content.decode()
    client.force_login(moderator)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_write_submit_through_the_editor(client, user):
    client.force_login(user)
    assert client.get("/stories/write/").status_code == 200
    form = {
        "kind": "blog_post",
        "title": "Erasmus with a toddler",
        "summary": "Yes, it is possible.",
        "body": "We *did* it.",
        "language": "en",
        "mobility_type": "study",
        "host_country": "BE",
        "display_name": "anonymous",
        "on_account_deletion": "delete",
        "backgrounds": ["other"],
        "action": "submit",
    }
    response = client.post("/stories/write/", form)
    assert response.status_code == 400
    assert "Please agree to the publication of your story" in response.content.decode()
    assert Story.objects.count() == 0
    response = client.post("/stories/write/", {**form, "consent": "on"})
    assert response.status_code == 302
    story = Story.objects.get()
    assert (story.status, story.author, story.display_name) == (StoryStatus.SUBMITTED, user, "anonymous")
    assert list(story.background_tags.values_list("background", flat=True)) == ["other"]


def test_unverified_person_sees_how_to_verify(client):
    client.force_login(UserFactory(verified=False))
    response = client.get("/stories/write/")
    assert response.status_code == 403
    assert "Confirm your email address first" in response.content.decode()


def test_anonymous_is_sent_to_login_for_writing(client):
    response = client.get("/stories/write/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_honeypot_refuses_the_form(client, user):
    story = StoryFactory()
    response = client.post(f"/stories/{story.slug}/flag/", {"reason": "spam", "website": "http://spam.example"})
    assert response.status_code == 400
    assert "This form could not be sent." in response.content.decode()
    assert StoryFlag.objects.count() == 0


def test_flag_needs_a_reason_and_is_rate_limited(client):
    stories = StoryFactory.create_batch(11)
    response = client.post(f"/stories/{stories[0].slug}/flag/", {"details": "bad"})
    assert response.status_code == 400
    assert StoryFlag.objects.count() == 0
    for story in stories[1:10]:
        assert client.post(f"/stories/{story.slug}/flag/", {"reason": "spam"}).status_code == 302
    response = client.post(f"/stories/{stories[10].slug}/flag/", {"reason": "spam"})
    assert response.status_code == 429
    assert StoryFlag.objects.count() == 9


def test_three_readers_hide_a_story(client):
    story = StoryFactory()
    for _reader in range(3):
        client.force_login(UserFactory())
        client.post(f"/stories/{story.slug}/flag/", {"reason": "hateful"})
    client.logout()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_withdraw_consent_from_my_stories(client, user):
    story = StoryFactory(author=user)
    client.force_login(user)
    assert client.post(f"/stories/{story.slug}/withdraw/").status_code == 302
    client.logout()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_my_stories_lists_only_mine(client, user, other_user):
    StoryFactory(author=user, title="Mine one")
    StoryFactory(author=other_user, title="Not mine")
    client.force_login(user)
    html = client.get("/stories/mine/").content.decode()
    assert "Mine one" in html and "Not mine" not in html


def test_edit_published_story_keeps_published_text(client, user):
    story = StoryFactory(author=user, title="Online title", kind="testimonial", mobility_type="study")
    client.force_login(user)
    form = {
        "kind": "testimonial",
        "title": "Changed title",
        "summary": story.summary,
        "body": story.body,
        "language": "en",
        "mobility_type": "study",
        "display_name": "first_name_country",
        "on_account_deletion": "delete",
        "action": "submit",
    }
    assert client.post(f"/stories/{story.slug}/edit/", form).status_code == 302
    client.logout()
    assert "Online title" in client.get(story.get_absolute_url()).content.decode()
    assert story.revisions.get().title == "Changed title"


# --- ask the author ----------------------------------------------------------------------------


def test_ask_the_author_relays_without_addresses(client, django_capture_on_commit_callbacks):
    author = UserFactory(email="author.secret@example.com", full_name="Ana Author")
    reader = UserFactory(email="reader.secret@example.com", full_name="Rui Reader")
    story = StoryFactory(author=author, allow_questions=True, display_name="anonymous")
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/stories/{story.slug}/ask/", {"body": "How did you find housing?"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["author.secret@example.com"]
    assert "How did you find housing?" in message.body
    assert "reader.secret" not in message.body + str(message.reply_to) + str(message.extra_headers)
    assert "Rui" not in message.body
    question = AuthorQuestion.objects.get()
    assert question.status == "sent"

    client.force_login(author)
    assert "How did you find housing?" in client.get("/stories/questions/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/stories/questions/{question.pk}/answer/", {"reply": "Through the student office."})
    answer = mail.outbox[1]
    assert answer.to == ["reader.secret@example.com"]
    assert "Through the student office." in answer.body
    assert "author.secret" not in answer.body + str(answer.reply_to) and "Ana" not in answer.body


def test_blocked_sender_is_not_relayed(client, django_capture_on_commit_callbacks):
    author = UserFactory()
    reader = UserFactory()
    story = StoryFactory(author=author, allow_questions=True)
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/stories/{story.slug}/ask/", {"body": "First question"})
    question = AuthorQuestion.objects.get()
    client.force_login(author)
    assert client.post(f"/stories/questions/{question.pk}/block/").status_code == 302
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/stories/{story.slug}/ask/", {"body": "Second question"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert AuthorQuestion.objects.get(body="Second question").status == "blocked"


def test_ask_needs_opt_in_and_sign_in_and_is_rate_limited(client, user):
    closed = StoryFactory(allow_questions=False)
    open_story = StoryFactory(allow_questions=True)
    assert client.get(f"/stories/{open_story.slug}/ask/").status_code == 302  # to login
    client.force_login(user)
    assert client.get(f"/stories/{closed.slug}/ask/").status_code == 403
    for n in range(5):
        assert client.post(f"/stories/{open_story.slug}/ask/", {"body": f"q{n}"}).status_code == 302
    assert client.post(f"/stories/{open_story.slug}/ask/", {"body": "q6"}).status_code == 429
    assert AuthorQuestion.objects.count() == 5


def test_author_cannot_answer_or_block_other_peoples_questions(client, user):
    question = AuthorQuestion.objects.create(
        story=StoryFactory(), sender=UserFactory(), recipient=UserFactory(), body="x", status="sent"
    )
    client.force_login(user)
    assert client.post(f"/stories/questions/{question.pk}/answer/", {"reply": "hi"}).status_code == 404
    assert client.post(f"/stories/questions/{question.pk}/block/").status_code == 404


# --- moderation pages --------------------------------------------------------------------------


def test_manage_pages_are_for_moderators(client, user):
    story = StoryFactory(status=StoryStatus.SUBMITTED)
    assert client.get("/manage/stories/").status_code == 302
    client.force_login(user)
    assert client.get("/manage/stories/").status_code == 403
    assert client.get(f"/manage/stories/{story.slug}/").status_code == 403


def test_moderator_publishes_from_the_queue(client, moderator, django_capture_on_commit_callbacks):
    story = StoryFactory(status=StoryStatus.SUBMITTED, title="Queue story")
    flagged = StoryFactory(title="Reported story")
    StoryFlag.objects.create(story=flagged, reporter_key="k", reason="spam")
    client.force_login(moderator)
    queue = client.get("/manage/stories/")
    assert [s.title for s in queue.context["submitted"]] == ["Queue story"]
    assert [s.title for s in queue.context["flagged"]] == ["Reported story"]
    assert list(queue.context["revisions"]) == []
    page = client.get(f"/manage/stories/{story.slug}/").content.decode()
    assert story.author.email in page
    response = client.post(f"/manage/stories/{story.slug}/", {"form": "decision", "decision": "reject"})
    assert response.status_code == 400
    assert "Please tell the author why" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/manage/stories/{story.slug}/", {"form": "decision", "decision": "publish"})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == StoryStatus.PUBLISHED
    assert mail.outbox[0].subject == "Your story is published: Queue story"


def test_moderator_cannot_decide_own_story_on_the_page(client, moderator):
    story = StoryFactory(author=moderator, status=StoryStatus.SUBMITTED)
    client.force_login(moderator)
    response = client.post(f"/manage/stories/{story.slug}/", {"form": "decision", "decision": "publish"})
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED


def test_moderator_features_a_story(client, moderator):
    story = StoryFactory()
    client.force_login(moderator)
    client.post(f"/manage/stories/{story.slug}/", {"form": "feature", "featured": "1"})
    story.refresh_from_db()
    assert story.featured is True


# --- XSS, identity ------------------------------------------------------------------------------


def test_xss_corpus_is_inert_in_pages(client, user):
    client.force_login(user)
    for n, payload in enumerate(XSS_PAYLOADS):
        StoryFactory(
            slug=f"xss-{n}",
            title=payload[:160],
            summary=payload[:300],
            body=f"Intro\n\n{payload}\n\n{payload}",
            host_institution=payload[:200],
            display_name="pseudonym",
            pseudonym=payload[:60],
            period=payload[:60],
        )
    for path in ["/stories/", "/", *[f"/stories/xss-{n}/" for n in range(len(XSS_PAYLOADS))]]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert active_content(response.content.decode()) == [], path


def test_home_block_shows_latest_three_in_two_queries(rf, django_assert_max_num_queries):
    from django.contrib.auth.models import AnonymousUser

    for n in range(5):
        StoryFactory(title=f"Home story {n}")
    request = rf.get("/")
    request.user = AnonymousUser()
    from testimonials.selectors import home_context

    with django_assert_max_num_queries(2):
        data = home_context()
    assert [s.title for s in data["stories"]] == ["Home story 4", "Home story 3", "Home story 2"]
    html = home(request).content.decode()
    assert "Latest stories" in html and "Home story 4" in html and "Home story 1" not in html


def test_nav_dashboard_and_manage_links(client, user, moderator):
    assert 'href="/stories/"' in client.get("/").content.decode()
    client.force_login(user)
    assert reverse("testimonials:mine") in client.get("/me/").content.decode()
    client.force_login(moderator)
    assert reverse("testimonials:manage") in client.get("/manage/").content.decode()
