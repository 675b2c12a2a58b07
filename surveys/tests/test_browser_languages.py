"""The Student Survey taken in Chromium in Czech and in Latvian: the interface speaks the language.

The expected words come from the catalogue through gettext under that language, so the test checks
whatever the Czech and Latvian translators wrote (the survey content may still fall back to English:
then it carries lang="en").
"""

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from accounts.tests.factories import InstitutionFactory
from surveys.demo import load_siem_surveys
from surveys.enums import ResponseStatus
from surveys.models import Response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def words(language: str) -> dict:
    with translation.override(language):
        return {
            "start": gettext("Start the survey"),
            "next": gettext("Next"),
            "review": gettext("Review my answers"),
            "section": gettext("Section %(number)s of %(total)s"),
            "consent": gettext("Yes, I agree"),
            "continue": gettext("Continue"),
            "send": gettext("Send my answers"),
            "thanks": gettext("Thank you!"),
            "required": gettext("required"),
            "sections": ngettext("%(counter)s section", "%(counter)s sections", 7) % {"counter": 7},
        }


def click(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


@pytest.mark.parametrize("language", ["cs", "lv"])
def test_student_survey_in_czech_and_latvian(browser, live_server, language):
    InstitutionFactory(name="Université Test", slug="universite-test")
    load_siem_surveys()
    w = words(language)
    context = browser.new_context(base_url=live_server.url, locale=language)  # Accept-Language
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto("/surveys/siem-student-survey/")
        assert page.locator("html").get_attribute("lang") == language
        expect(page.locator("main")).to_contain_text(w["sections"])
        click(page, w["start"])

        page.wait_for_url("**/page/0/")
        expect(page.locator("label[for=survey-progress]")).to_have_text(w["section"] % {"number": 1, "total": 6})
        expect(page.locator("main")).to_contain_text(f"({w['required']})")
        page.select_option("#q-institution", "universite-test")
        page.select_option("#q-study_country", "BE")
        page.locator("#q-study_level-1").check()
        click(page, w["next"])

        page.wait_for_url("**/page/1/")
        expect(page.locator("label[for=survey-progress]")).to_have_text(w["section"] % {"number": 2, "total": 6})
        page.locator("#q-went_abroad-1").check()
        click(page, w["next"])
        page.wait_for_url("**/page/2/")
        page.locator("input[name=support_info_clear]").first.check()
        page.locator("input[name=support_staff_helpful]").first.check()
        click(page, w["next"])
        # a bachelor who has not been abroad never sees "Graduate experience": 6 sections, not 7
        for number in (3, 4):
            page.wait_for_url(f"**/page/{number}/")
            click(page, w["next"])

        page.wait_for_url("**/consent/?step=6")
        page.get_by_label(w["consent"]).check()
        click(page, w["continue"])
        page.wait_for_url("**/page/6/")
        page.locator("input[name=first_generation]").first.check()
        click(page, w["review"] if page.get_by_role("button", name=w["review"], exact=True).count() else w["next"])

        page.wait_for_url("**/review/")
        click(page, w["send"])
        page.wait_for_url("**/thanks/")
        expect(page.locator("h1")).to_have_text(w["thanks"])
        # content that has no translation in this language is marked as English, never unmarked
        assert page.locator("html").get_attribute("lang") == language
    finally:
        context.close()
    response = Response.objects.get()
    assert response.status == ResponseStatus.SUBMITTED
    assert response.language == language
