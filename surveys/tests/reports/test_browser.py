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


def test_build_the_file_shows_it_is_working_then_the_progress_and_the_ready_file(page, axe, survey, survey_manager):
    from django.utils import timezone

    from accounts.tests.factories import TEST_PASSWORD
    from conftest import browser_login
    from surveys.reports.models import ReportJob, ReportStatus

    browser_login(page, survey_manager.email, TEST_PASSWORD)
    page.goto(f"/manage/surveys/{survey.slug}/results/")
    page.get_by_label("File format").select_option("json")
    # record the button as the page leaves it (sessionStorage outlives the navigation to the job page)
    page.evaluate(
        """window.addEventListener("submit", () => setTimeout(() => {
             const b = document.querySelector("#report-request button[type=submit]");
             const seen = [b.disabled, b.getAttribute("aria-busy"), b.textContent.trim()];
             sessionStorage.setItem("seen", JSON.stringify(seen));
           }, 0));"""
    )
    page.get_by_role("button", name="Build the file").click()
    # eager Celery builds the file at once: the job page is ready and says no more that a notification follows
    page.wait_for_url("**/reports/*/")
    page.get_by_role("link", name="Download").wait_for()
    assert page.evaluate("JSON.parse(sessionStorage.getItem('seen'))") == [True, "true", "Building the file…"]
    assert page.locator("progress").get_attribute("value") == "100"
    assert page.get_by_text("You will also get a notification").count() == 0
    assert axe(page) == []

    # a job a worker is building: the bar follows it live (htmx polling) until the file is ready
    job = ReportJob.objects.create(
        requester=survey_manager, survey=survey, format="csv", params_key="live", status=ReportStatus.RUNNING
    )
    page.goto(f"/reports/{job.pk}/")
    assert page.get_by_text("You will also get a notification when the file is ready.").is_visible()
    assert page.locator("#job-status").get_attribute("aria-busy") == "true"
    assert axe(page) == []
    ReportJob.objects.filter(pk=job.pk).update(progress=55)
    from playwright.sync_api import expect

    expect(page.locator("progress")).to_have_attribute("value", "55")
    assert page.locator(".job-progress-value").inner_text() == "55 %"
    done = ReportJob.objects.get(pk=survey_manager.survey_report_jobs.exclude(pk=job.pk).first().pk)
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportStatus.DONE,
        progress=100,
        file=done.file.name,
        size=done.size,
        finished_at=timezone.now(),
        expires_at=done.expires_at,
    )
    page.get_by_role("link", name="Download").wait_for()
    assert page.get_by_text("You will also get a notification").count() == 0
    assert page.locator("#job-status").get_attribute("aria-busy") is None
