"""The Student Survey completed in Chromium with the keyboard only, and axe on every survey page."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import InstitutionFactory
from surveys.demo import load_siem_surveys
from surveys.enums import ResponseStatus
from surveys.models import Answer, Question, Response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches the selector (what a keyboard user does)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def next_page(page) -> None:
    tab_to(page, 'button[value="next"], form[method="post"] button[type="submit"]:not([value="back"])')
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_student_survey_with_the_keyboard_only_and_axe(page, axe):
    InstitutionFactory(name="Université Test", slug="universite-test")
    load_siem_surveys()
    page.goto("/surveys/siem-student-survey/")
    assert axe(page) == []
    next_page(page)
    page.wait_for_url("**/page/0/")

    # section 1: an error summary first, linked to the fields
    next_page(page)
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert axe(page) == []
    tab_to(page, "#q-institution")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#q-study_country")
    page.keyboard.type("Belgium")
    tab_to(page, 'input[name="study_level"]')
    page.keyboard.press("ArrowDown")  # moves to and picks "Bachelor"
    assert page.locator("#q-study_level-1").is_checked()
    expect(page.locator("#wrap-study_year")).to_be_visible()
    next_page(page)
    page.wait_for_url("**/page/1/")

    # section 2: "no" hides the mobility questions in the page
    tab_to(page, 'input[name="went_abroad"]')
    page.keyboard.press("Space")
    expect(page.locator("#wrap-mobility_type")).to_be_visible()
    page.keyboard.press("ArrowDown")
    assert page.locator("#q-went_abroad-1").is_checked()
    expect(page.locator("#wrap-mobility_type")).to_be_hidden()
    expect(page.locator("#wrap-plan_abroad")).to_be_visible()
    next_page(page)
    assert page.locator(".error-summary").count() == 0, page.locator(".error-summary").inner_text()
    page.wait_for_url("**/page/2/")

    # section 3: the Likert matrix, one tab stop per row, arrows across the scale
    assert axe(page) == []
    tab_to(page, 'input[name="support_info_clear"]')
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.locator('input[name="support_info_clear"][value="neutral"]').is_checked()
    tab_to(page, 'input[name="support_staff_helpful"]')
    page.keyboard.press("Space")
    next_page(page)
    for number in (3, 4):
        page.wait_for_url(f"**/page/{number}/")
        next_page(page)
    # a bachelor who has not been abroad has nothing to answer in "Graduate experience" (page 5): skipped

    # consent before the personal questions
    page.wait_for_url("**/consent/?step=6")
    assert axe(page) == []
    tab_to(page, "#consent-yes")
    page.keyboard.press("Space")
    next_page(page)
    page.wait_for_url("**/page/6/")
    tab_to(page, 'input[name="first_generation"]')
    page.keyboard.press("Space")
    next_page(page)

    page.wait_for_url("**/review/")
    assert axe(page) == []
    assert "Neither agree nor disagree" in page.content()
    next_page(page)
    page.wait_for_url("**/thanks/")
    assert axe(page) == []

    response = Response.objects.get()
    assert response.status == ResponseStatus.SUBMITTED and response.respondent is None and response.consent is True
    answers = dict(
        Answer.objects.filter(response=response, choice__isnull=False).values_list("question__code", "choice__code")
    )
    assert answers["went_abroad"] == "no"
    assert answers["support_info_clear"] == "neutral"
    assert answers["support_staff_helpful"] == "strongly_disagree"
    assert answers["first_generation"] == "yes"
    assert "mobility_type" not in answers
    assert Answer.objects.get(response=response, question__code="study_country").value_text == "BE"


def test_survey_list_and_closed_page_have_no_axe_violations(page, axe):
    load_siem_surveys()
    page.goto("/surveys/")
    assert page.get_by_role(
        "link", name="SIEM Student Survey: who goes abroad, and what holds students back"
    ).is_visible()
    assert axe(page) == []


def test_builder_pages_have_no_axe_violations(page, axe):
    from django.contrib.auth.models import Group

    from accounts.tests.factories import TEST_PASSWORD, UserFactory
    from conftest import browser_login

    manager = UserFactory()
    manager.groups.add(Group.objects.get_or_create(name="survey_manager")[0])
    load_siem_surveys()
    browser_login(page, manager.email, TEST_PASSWORD)
    question = Question.objects.get(survey__slug="siem-student-survey", code="went_abroad")
    for url in (
        "/manage/surveys/",
        "/manage/surveys/siem-student-survey/",
        f"/manage/surveys/siem-student-survey/questions/{question.pk}/",
        "/manage/surveys/siem-student-survey/preview/",
        "/manage/surveys/siem-student-survey/invitations/",
        "/manage/surveys/import/",
        "/manage/surveys/new/",
    ):
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        assert axe(page) == [], url
