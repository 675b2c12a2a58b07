import pytest

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
        assert page.get_by_text(f"{member} is invited and was notified.").is_visible()
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
    assert page.get_by_text("3 of 3 respondents have answered.").is_visible()
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
    assert page.locator("#benchmark-table").is_visible()
    assert page.locator("svg.chart-line").is_visible()
    assert axe(page) == []
    page.get_by_role("button", name="Make a share link").click()
    token = Assessment.objects.get(pk=mine.pk).share_token
    page.goto(f"/impact/shared/{token}/")
    assert axe(page) == []
    page.goto("/impact/assessments/personal/new/")
    assert axe(page) == []
