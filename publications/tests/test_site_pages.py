"""The privacy notice and the accessibility statement: public pages whose text editors write."""

import datetime
import re

import pytest
from auditlog.models import LogEntry
from django.test import Client, override_settings
from django.utils.html import escape

from publications.models import SitePage
from siem_portal.registry import registry

pytestmark = pytest.mark.django_db


def test_privacy_notice_is_public_and_lists_every_processing(client):
    response = client.get("/privacy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Erasmus Student Network" in html  # the controller
    assert "explicit consent" in html
    assert "/me/privacy/" in html  # how the rights are served
    assert "Belgian Data Protection Authority" in html  # the supervisory authority
    assert "privacy@siem-project.eu" in html  # the contact, from settings
    for activity in registry.processing:
        assert escape(str(activity.name)) in html
        assert escape(str(activity.retention)) in html
    assert "includes special-category data" in html


def test_accessibility_statement_follows_the_directive_model(client):
    response = client.get("/accessibility/")
    assert response.status_code == 200
    html = response.content.decode()
    for part in (
        "Compliance status",
        "Non-accessible content",
        "Preparation of this statement",
        "Enforcement procedure",
    ):
        assert part in html
    assert "2016/2102" in html
    assert "axe-core" in html


def test_footer_links_to_the_three_pages(client):
    html = client.get("/").content.decode()
    footer = html[html.index("<footer") :]
    assert 'href="/privacy/"' in footer
    assert 'href="/accessibility/"' in footer
    assert 'href="/me/privacy/"' in footer


def test_a_page_in_the_visitors_language_else_english_with_a_note(client):
    SitePage.objects.create(
        kind="privacy", language="fr", title="Politique de confidentialité", body="## Qui\n\nTexte.",
        reviewed_on=datetime.date(2026, 12, 1),
    )  # fmt: skip
    french = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Politique de confidentialité" in french
    assert '<article lang="fr"' in french
    spanish = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Privacy notice" in spanish
    assert '<article lang="en"' in spanish  # the English text is marked as English for screen readers


def test_the_page_is_never_empty_even_without_rows(client):
    SitePage.objects.all().delete()
    response = client.get("/accessibility/")
    assert response.status_code == 200
    assert "Accessibility statement" in response.content.decode()


def test_markdown_of_the_page_is_sanitised(client, editor):
    SitePage.objects.filter(kind="privacy", language="en").update(
        body="Hi <script>alert(1)</script> [x](javascript:alert(1))"
    )
    html = client.get("/privacy/").content.decode()
    assert "<script>alert" not in html
    assert 'href="javascript:' not in html


def test_editor_edits_a_page_and_the_change_is_logged(client, editor):
    client.force_login(editor)
    listing = client.get("/manage/library/pages/")
    assert listing.status_code == 200
    assert "/manage/library/pages/privacy/fr/" in listing.content.decode()
    form = client.get("/manage/library/pages/privacy/fr/")
    assert form.status_code == 200
    # a new language starts from the English text
    assert "Erasmus Student Network" in form.content.decode()
    response = client.post(
        "/manage/library/pages/privacy/fr/",
        {"title": "Politique de confidentialité", "body": "## Responsable\n\nESN.", "reviewed_on": "2026-12-05"},
    )
    assert response.status_code == 302
    page = SitePage.objects.get(kind="privacy", language="fr")
    assert page.title == "Politique de confidentialité"
    assert LogEntry.objects.get_for_object(page).filter(actor=editor).exists()
    # a French reader (the signed-in editor sees the portal in their own saved language)
    assert "Politique de confidentialité" in Client().get("/privacy/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_a_missing_field_is_explained_and_nothing_changes(client, editor):
    client.force_login(editor)
    before = SitePage.objects.get(kind="accessibility", language="en").body
    response = client.post("/manage/library/pages/accessibility/en/", {"title": "", "body": "", "reviewed_on": "soon"})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert SitePage.objects.get(kind="accessibility", language="en").body == before


@pytest.mark.parametrize("path", ["/manage/library/pages/", "/manage/library/pages/privacy/en/"])
def test_only_editors_manage_pages(client, user, moderator, path):
    assert client.get(path).status_code == 302  # to the login page
    for person in (user, moderator):
        client.force_login(person)
        assert client.get(path).status_code == 403
        assert client.post(path, {"title": "x", "body": "y", "reviewed_on": "2026-12-01"}).status_code == 403
    assert SitePage.objects.filter(title="x").count() == 0


def test_unknown_page_or_language_is_a_404(client, editor):
    client.force_login(editor)
    assert client.get("/manage/library/pages/cookies/en/").status_code == 404
    assert client.get("/manage/library/pages/privacy/xx/").status_code == 404


@override_settings(SIEM_PRIVACY_CONTACT_EMAIL="dpo@example.eu")
def test_contact_comes_from_settings(client):
    html = client.get("/privacy/").content.decode()
    assert re.search(r'href="mailto:dpo@example.eu"', html)
