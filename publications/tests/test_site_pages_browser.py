"""The privacy notice, the accessibility statement and the record of processing, in Chromium."""

import pytest
from django.contrib.auth.models import Group

from accounts.tests.factories import TEST_PASSWORD, UserFactory
from conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/privacy/", "/accessibility/"])
def test_public_pages_are_accessible_on_a_phone(page, axe, path, tmp_path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(path)
    assert page.get_by_role("heading", level=1).is_visible()
    assert axe(page) == []
    # nothing scrolls sideways on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "page.png"), full_page=True)


def test_footer_link_reaches_the_privacy_notice(page):
    page.goto("/")
    page.locator("footer").get_by_role("link", name="Privacy", exact=True).click()
    page.wait_for_url("**/privacy/")
    assert page.get_by_role("heading", name="Every processing, its purpose, legal basis and retention").is_visible()


def test_dpo_reads_the_record_of_processing(page, axe):
    person = UserFactory(email="dpo@example.org")
    person.groups.add(Group.objects.get_or_create(name="data_protection_officer")[0])
    browser_login(page, "dpo@example.org", TEST_PASSWORD)
    page.goto("/manage/")
    page.get_by_role("link", name="Record of processing activities").click()
    page.wait_for_url("**/manage/processing-record/")
    assert axe(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as XLSX").click()
    assert download.value.suggested_filename == "record-of-processing-activities.xlsx"
