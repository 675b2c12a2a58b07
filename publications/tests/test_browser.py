import re

import pytest
from django.contrib.auth.models import Group

from conftest import browser_login
from publications import services
from publications.models import Publication

from .factories import NewsPostFactory, PublicationFactory, pdf_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def library():
    rural = PublicationFactory(
        slug="factsheet-rural-students",
        title="Factsheet: rural students",
        featured=True,
        topics=["rural"],
        summary="Students from rural communities in mobility.",
        doi="10.5281/zenodo.10581326",
    )
    other = PublicationFactory(
        slug="inclusive-communication-manual", title="Inclusive Communication Manual", kind="manual"
    )
    # eager Celery with a real commit: the text and thumbnail are made right after each upload
    services.version_upload(publication=rural, language="en", file=pdf_file("Long bus journeys to campus"))
    services.version_upload(publication=rural, language="fr", file=pdf_file("De longs trajets en bus"))
    services.version_upload(publication=other, language="en", file=pdf_file("Plain words"))
    NewsPostFactory(title="Conference announced", slug="conference", body="## Agenda\n\n- day one\n- day two")
    return rural


@pytest.fixture
def desktop_page(browser, live_server):
    """Headless Chromium calls itself HeadlessChrome, a robot for COUNTER: pose as a desktop browser."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        user_agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def test_headless_browser_download_is_not_counted(page, library):
    page.goto("/library/factsheet-rural-students/")
    with page.expect_download():
        page.get_by_role("link", name=re.compile(r"^Download PDF ?: .*English$")).click()
    assert Publication.objects.get(slug="factsheet-rural-students").download_count == 0


def test_find_a_factsheet_by_searching_and_download_it(desktop_page, library):
    page = desktop_page
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Library").click()
    page.get_by_label("Search titles, summaries and the full text").fill("bus journeys")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/library/?q=bus+journeys*")
    results = page.locator(".results h3 a")
    assert results.all_inner_texts() == ["Factsheet: rural students"]
    assert page.locator(".snippet mark").first.inner_text().lower() == "bus"
    results.first.click()
    page.wait_for_url("**/library/factsheet-rural-students/")
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"^Download PDF ?: Factsheet: rural students, English$")).click()
    download = info.value
    assert download.suggested_filename == "factsheet-rural-students-en.pdf"
    with open(download.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    assert Publication.objects.get(slug="factsheet-rural-students").download_count == 1
    page.reload()
    assert page.locator("#download-count").inner_text() == "1"


def test_filter_by_facet(page, library):
    page.goto("/library/")
    page.get_by_label("Manual (1)").check()
    page.get_by_role("button", name="Apply filters").click()
    assert page.locator(".results h3 a").all_inner_texts() == ["Inclusive Communication Manual"]


def test_public_pages_have_no_accessibility_violations(page, axe, library):
    for path in (
        "/",
        "/about/",
        "/library/",
        "/library/?q=bus",
        "/library/factsheet-rural-students/",
        "/news/",
        "/news/conference/",
    ):
        page.goto(path)
        assert axe(page) == [], path


def test_manage_pages_have_no_accessibility_violations(page, axe, library):
    from accounts.tests.factories import UserFactory

    # a transactional test starts from an empty database: the role's group is made here
    editor = UserFactory()
    editor.groups.add(Group.objects.get_or_create(name="editor")[0])
    browser_login(page, editor.email, "a-long-test-password-2026")
    for path in ("/manage/library/", f"/manage/library/publications/{library.pk}/", "/manage/library/news/new/"):
        page.goto(path)
        assert axe(page) == [], path
