"""Taking a survey in Chromium: Enter means Next, and the Likert matrix fits a 390 px phone."""

import pytest

from accounts.tests.factories import InstitutionFactory
from surveys.demo import load_siem_surveys

from .factories import make_survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _start(page, slug):
    page.goto(f"/surveys/{slug}/")
    with page.expect_navigation():
        page.locator('form[action$="/start/"] button[type="submit"]').click()


def test_enter_in_a_text_box_means_next_and_back_still_goes_back(page):
    make_survey(anonymous=True)
    _start(page, "test-survey")
    page.wait_for_url("**/page/0/")
    page.locator("#q-went-1").check()  # "No"
    with page.expect_navigation():
        page.locator("button.button", has_text="Next").click()
    page.wait_for_url("**/page/1/")
    page.locator("#q-comment").fill("fine")
    with page.expect_navigation():
        page.locator("#q-comment").press("Enter")
    # Next was pressed: the answer is saved and the survey goes on (to the consent page), not back
    assert "/page/0/" not in page.url and "/page/1/" not in page.url
    page.goto("/surveys/test-survey/page/1/")
    assert page.locator("#q-comment").input_value() == "fine"
    with page.expect_navigation():
        page.get_by_role("button", name="Back").click()
    page.wait_for_url("**/page/0/")


@pytest.mark.parametrize("step", [2, 3])
def test_likert_matrix_fits_a_phone_without_sideways_scroll(page, axe, step):
    InstitutionFactory(name="Université Test", slug="universite-test")
    load_siem_surveys()
    page.set_viewport_size({"width": 390, "height": 844})
    _start(page, "siem-student-survey")
    page.goto(f"/surveys/siem-student-survey/page/{step}/")
    matrix = page.locator(".survey-matrix").first
    assert matrix.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # each row is a group of its own: its statement above its options, each option with its visible label
    first_row = matrix.locator("tbody tr").first
    label = first_row.locator("label.matrix-choice-label").first
    assert label.is_visible()
    label.click()
    assert first_row.locator('input[type="radio"]').first.is_checked()
    assert axe(page) == []
    # on a wide screen it stays a table with its column headers
    page.set_viewport_size({"width": 1280, "height": 900})
    assert matrix.locator("thead th").first.is_visible()
    assert not label.is_visible()


def test_please_specify_appears_only_with_other(page, axe):
    make_survey(anonymous=True)
    _start(page, "test-survey")
    page.wait_for_url("**/page/0/")
    box = page.locator("#q-why-other")
    assert not box.is_visible()
    assert not page.get_by_text("Only if you chose “Other”.").is_visible()
    page.locator("#q-why-2").check()  # "Other"
    assert box.is_visible()
    assert axe(page) == []
    page.locator("#q-why-2").uncheck()
    assert not box.is_visible()
