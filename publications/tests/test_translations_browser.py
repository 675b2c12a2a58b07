"""An editor translates a news post in Chromium; a French visitor reads it (issue 14 item 2)."""

import pytest
from django.contrib.auth.models import Group

from conftest import browser_login
from publications.models import NewsPost

from .factories import NewsPostFactory, PublicationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_translates_a_post_and_a_french_visitor_reads_it(page, axe, browser, live_server):
    from accounts.tests.factories import UserFactory

    post = NewsPostFactory(slug="conference", title="Conference announced", summary="Join us.", body="Two days.")
    publication = PublicationFactory(slug="guide", title="Inclusion guide")
    editor = UserFactory()
    editor.groups.add(Group.objects.get_or_create(name="editor")[0])
    browser_login(page, editor.email, "a-long-test-password-2026")
    page.goto(f"/manage/library/news/{post.pk}/")
    page.locator("#main").get_by_role("link", name="français").click()  # not the header's language link
    assert axe(page) == []
    page.get_by_label("Title").fill("Conférence annoncée")
    page.get_by_label("Summary").fill("Rejoignez-nous.")
    page.get_by_role("button", name="Save the translations").click()
    assert page.get_by_text("The translations were saved.").is_visible()
    assert NewsPost.objects.get(pk=post.pk).translations == {
        "fr": {"title": "Conférence annoncée", "summary": "Rejoignez-nous."}
    }
    page.goto(f"/manage/library/publications/{publication.pk}/translations/lv/")
    assert axe(page) == []

    # a visitor whose browser asks for French (the editor's own language choice is kept apart)
    page = browser.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    page.goto("/news/conference/")
    assert page.locator("h1").inner_text() == "Conférence annoncée"
    body = page.locator("article div[lang=en]")
    assert body.inner_text() == "Two days."  # no French text: the original, marked as English
    assert page.locator(".original-language").count() == 1
    assert axe(page) == []
