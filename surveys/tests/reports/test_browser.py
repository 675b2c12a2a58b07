"""The results pages in Chromium: axe finds nothing, the progress bar follows a job."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_results_pages_have_no_axe_violations(page, axe):
    from django.contrib.auth.models import Group

    from accounts.enums import MembershipRole
    from accounts.tests.factories import TEST_PASSWORD, InstitutionFactory, MembershipFactory, UserFactory
    from conftest import browser_login
    from surveys.demo import add_synthetic_responses, load_siem_surveys
    from surveys.models import Survey

    university = InstitutionFactory(name="Université Libre Demo", slug="universite-libre-demo")
    load_siem_surveys()
    survey = Survey.objects.get(slug="siem-student-survey")
    add_synthetic_responses(survey=survey, count=120)
    manager = UserFactory()
    manager.groups.add(Group.objects.get_or_create(name="survey_manager")[0])
    browser_login(page, manager.email, TEST_PASSWORD)
    for url in (
        "/manage/surveys/siem-student-survey/results/",
        "/manage/surveys/siem-student-survey/results/?breakdown=first_generation&language=en",
    ):
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        assert page.locator("svg.chart").count() > 5
        assert axe(page) == [], url
    page.goto("/manage/survey-results/")
    assert axe(page) == []
    page.get_by_role("link", name=survey.title).click()
    page.get_by_label("File format").select_option("json")
    page.get_by_role("button", name="Build the file").click()
    page.wait_for_url("**/reports/*/")
    page.get_by_role("link", name="Download").wait_for()  # eager Celery: ready at once
    assert page.locator("progress").get_attribute("value") == "100"
    assert axe(page) == []

    officer = UserFactory()
    MembershipFactory(user=officer, organisation=university, role=MembershipRole.IRO_OFFICER)
    page.context.clear_cookies()
    browser_login(page, officer.email, TEST_PASSWORD)
    page.goto("/iro/")
    assert axe(page) == []
    page.get_by_role("link", name=survey.title).click()
    assert page.locator("h1").inner_text().startswith("Results")
    assert axe(page) == []
