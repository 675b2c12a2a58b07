import pytest
from playwright.sync_api import expect

from accounts.tests.factories import TEST_PASSWORD
from conftest import browser_login
from impact.models import Assessment

from .factories import closed_assessment, framework_make, member_of, organisation_with_admin, rate_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_runs_an_assessment_with_two_respondents_and_sees_the_radar(page, axe):
    framework = framework_make(dimensions=3, indicators=2)
    organisation, admin = organisation_with_admin(name="Chromium Youth")
    first, second = member_of(organisation), member_of(organisation)
    browser_login(page, admin.email, TEST_PASSWORD)

    page.goto("/impact/")
    assert axe(page) == []
    page.get_by_role("link", name="Start an organisation assessment").click()
    assert axe(page) == []
    page.get_by_label("Framework").select_option(str(framework.pk))
    page.get_by_label("Title").fill("Chromium spring check")
    page.get_by_label("Number of participants").fill("24")
    page.get_by_role("button", name="Start the assessment").click()
    page.wait_for_url("**/impact/assessments/*/")
    assessment = Assessment.objects.get()

    for member, role in ((first, "Volunteer"), (second, "Participant")):
        page.get_by_label("Member").select_option(str(member.pk))
        page.get_by_label(role).check()
        page.get_by_role("button", name="Invite").click()
        expect(page.get_by_text(f"{member} is invited and was notified.")).to_be_visible()
    assert axe(page) == []

    # each respondent rates alone
    rate_all(assessment, first, 4)
    rate_all(assessment, second, 2)

    page.get_by_role("link", name="Start rating").click()
    assert axe(page) == []
    for step in range(3):
        groups = page.locator("fieldset.rating-group")
        for i in range(groups.count()):
            groups.nth(i).get_by_label("3: level 3").check()
        if step == 0:
            # saved as you go (htmx), before any button is pressed
            page.wait_for_function("document.getElementById('save-status').textContent.startsWith('Saved at')")
        page.wait_for_load_state("networkidle")
        if step < 2:
            page.get_by_role("button", name="Save and continue").click()
        else:
            page.get_by_role("button", name="Save and go back").click()
    page.wait_for_url(f"**/impact/assessments/{assessment.pk}/")
    expect(page.get_by_text("3 of 3 respondents have answered.")).to_be_visible()
    page.get_by_role("link", name="Close and see the results").click()
    expect(page.get_by_text("3 of 3 invited people have answered.")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("button", name="Close and see the results").click()
    page.wait_for_selector("svg.chart-radar")
    assert page.get_by_role("heading", level=1).inner_text() == "Results: Chromium spring check"
    assert page.locator("svg.chart-radar polygon").count() == 5 + 1  # five rings and the scores
    # (4 + 2 + 3) / 3 respondents in every dimension
    assert page.locator("#dimension-table tbody tr").first.inner_text().split("\t")[:2] == ["Dimension 0", "3.00"]
    assert axe(page) == []


def test_results_with_benchmark_trend_and_shared_view_pass_axe(page, axe):
    framework = framework_make(dimensions=6, indicators=1)
    mine = closed_assessment(framework=framework, score=1)
    mine = closed_assessment(framework=framework, organisation=mine.organisation, score=3)
    for score in range(5):
        closed_assessment(framework=framework, score=score)
    browser_login(page, mine.created_by.email, TEST_PASSWORD)
    page.goto(f"/impact/assessments/{mine.pk}/")
    expect(page.locator("#benchmark-table")).to_be_visible()
    expect(page.locator("svg.chart-line")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("button", name="Make a share link").click()
    token = Assessment.objects.get(pk=mine.pk).share_token
    page.goto(f"/impact/shared/{token}/")
    assert axe(page) == []
    page.goto("/impact/assessments/personal/new/")
    assert axe(page) == []


def test_survey_manager_builds_a_framework_in_the_management_pages(page, axe):
    from conftest import role_user
    from impact.models import Framework

    manager = role_user("survey_manager")
    browser_login(page, manager.email, TEST_PASSWORD)
    page.goto("/manage/impact/")
    assert axe(page) == []
    page.get_by_role("link", name="New framework").click()
    assert axe(page) == []
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert axe(page) == []
    page.get_by_label("Title").fill("Chromium belonging")
    page.get_by_label("Student", exact=True).check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/manage/impact/frameworks/*/")
    framework = Framework.objects.get(title="Chromium belonging")
    assert axe(page) == []

    page.get_by_role("link", name="Add a dimension").click()
    assert axe(page) == []
    page.get_by_label("Title:", exact=True).fill("Belonging")
    page.get_by_label("Short title").fill("Belonging")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add a statement to Belonging").click()
    page.get_by_label("Statement").fill("I feel at home here.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert axe(page) == []
    for level in range(6):
        label = "Level 0 (not yet):" if level == 0 else f"Level {level}:"
        page.get_by_label(label, exact=True).fill(f"Level text {level}")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/manage/impact/frameworks/{framework.pk}/")
    expect(page.get_by_text("The statement was added.")).to_be_visible()
    page.get_by_text("I feel at home here.").click()  # opens the statement's details
    assert axe(page) == []

    page.get_by_role("link", name="Edit the dimension Belonging").click()
    assert axe(page) == []
    page.get_by_role("link", name="Chromium belonging").click()
    page.get_by_role("link", name="Remove the dimension Belonging").click()
    expect(page.get_by_text("Its 1 statement and its recommendations are removed with it.")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("The framework was updated.")).to_be_visible()
    framework.refresh_from_db()
    assert framework.is_published is True
    assert framework.indicators.get().levels == [f"Level text {n}" for n in range(6)]
    assert axe(page) == []


def test_survey_manager_translates_a_published_framework_and_the_page_passes_axe(page, axe):
    from conftest import role_user
    from impact.models import Dimension, Indicator

    framework = framework_make(dimensions=1, indicators=1)
    indicator = Indicator.objects.get(framework=framework)
    manager = role_user("survey_manager")
    browser_login(page, manager.email, TEST_PASSWORD)
    page.goto(f"/manage/impact/frameworks/{framework.pk}/")
    page.locator("#main").get_by_role("link", name="latviešu").click()  # not the header's language link
    page.wait_for_url(f"**/manage/impact/frameworks/{framework.pk}/translations/lv/")
    assert axe(page) == []
    page.get_by_label("Short title").fill("x" * 41)  # the browser stops at 40 characters
    page.get_by_label("Statement:", exact=True).fill("Apgalvojums latviski")
    page.get_by_role("button", name="Save the translations").click()
    expect(page.get_by_text("The translations were saved.")).to_be_visible()
    assert axe(page) == []
    indicator.refresh_from_db()
    assert indicator.translations["lv"]["statement"] == "Apgalvojums latviski"
    assert len(Dimension.objects.get(framework=framework).translations["lv"]["short_title"]) == 40


def test_results_on_a_phone_keep_every_column_in_a_focusable_region_and_pass_axe(page, axe):
    framework = framework_make(dimensions=6, indicators=2)
    mine = closed_assessment(framework=framework, score=2, respondents=2)
    for score in range(5):
        closed_assessment(framework=framework, score=score)
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, mine.created_by.email, TEST_PASSWORD)
    page.goto(f"/impact/assessments/{mine.pk}/")
    expect(page.locator("#benchmark-table")).to_be_visible()

    # the page itself does not scroll sideways; the dimension table scrolls inside its region
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    region = page.get_by_role("region", name="Dimension scores (0 to 5)")
    assert region.get_attribute("tabindex") == "0"
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    expect(region.locator("th", has_text="Strong disagreement")).to_have_count(1)
    region.focus()
    page.keyboard.press("ArrowRight")
    for _ in range(30):  # the keyboard scrolls the focused region (smoothly)
        if region.evaluate("el => el.scrollLeft") > 0:
            break
        page.wait_for_timeout(100)
    assert region.evaluate("el => el.scrollLeft") > 0
    assert axe(page) == []

    # Add to my plan, from a priority, and back to the results with the plan's table
    page.get_by_role("button", name="Add to my plan").first.click()
    expect(page.get_by_text("The statement was added to your plan.")).to_be_visible()
    assert page.get_by_label("Target level").input_value() == "3"
    assert axe(page) == []
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("region", name="Actions", exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe(page) == []
