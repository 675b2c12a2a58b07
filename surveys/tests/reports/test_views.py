"""Results pages: who sees what, IRO scoping, free text, filters, the too-few message."""

import re

import pytest
from django.urls import reverse

from surveys.disclosure import published_values
from surveys.reports.models import ReportJob
from surveys.tests.factories import make_survey

from .conftest import fill

pytestmark = pytest.mark.django_db


def manager_url(survey):
    return reverse("survey_reports:manager-results", args=[survey.slug])


def iro_url(survey, institution=None):
    url = reverse("survey_reports:iro-results", args=[survey.slug])
    return url + (f"?institution={institution.slug}" if institution else "")


def count_on_page(html: str) -> int:
    return int(re.search(r'id="response-count">(\d+) responses', html).group(1))


def test_manager_results_page(survey, survey_manager, client):
    client.force_login(survey_manager)
    page = client.get(manager_url(survey))
    html = page.content.decode()
    assert page.status_code == 200
    assert count_on_page(html) == 65
    assert "Counts from 1 to 4 are hidden" in html
    assert "<svg" in html and "went: Did you go abroad?" in html
    assert "A&#x27;s comment" in html or "A's comment" in html  # free text for managers
    assert '<th scope="col">Yes</th>' in html  # the matrix as a table


def test_results_page_refused_to_others(survey, user, officer_a, client):
    url = manager_url(survey)
    assert client.get(url).status_code == 302
    client.force_login(user)
    assert client.get(url).status_code == 403
    client.force_login(officer_a)
    assert client.get(url).status_code == 403
    assert client.get(reverse("survey_reports:iro-index")).status_code == 200
    client.force_login(user)
    assert client.get(reverse("survey_reports:iro-index")).status_code == 403
    assert client.get(iro_url(survey)).status_code == 403


def test_manager_filters_and_breakdown(survey, survey_manager, client):
    client.force_login(survey_manager)
    html = client.get(manager_url(survey), {"language": "fr", "breakdown": "went"}).content.decode()
    assert count_on_page(html) == 25
    assert "Breakdown by Did you go abroad?" in html
    html = client.get(manager_url(survey), {"answer": "went:no"}).content.decode()
    assert "went = no" in html
    bad = client.get(manager_url(survey), {"breakdown": "comment"})
    assert bad.status_code == 400


def test_iro_officer_sees_only_their_institution(survey, officer_a, uni_a, uni_b, client):
    client.force_login(officer_a)
    index = client.get(reverse("survey_reports:iro-index")).content.decode()
    html = client.get(iro_url(survey)).content.decode()
    # protected figures: near 40, and the same on the index as on the results page
    total = count_on_page(html)
    assert total in published_values(40, 5)
    assert "University A" in index and f"<td>{total}</td>" in index
    assert "A&#x27;s comment" not in html and "A's comment" not in html  # no free text for IRO officers
    assert "Free-text answers are shown to survey managers only." in html
    assert client.get(iro_url(survey, uni_b)).status_code == 404
    # the request form offers aggregate formats only
    assert 'value="csv"' not in html and 'value="pdf"' in html


def test_iro_officer_below_k_sees_a_message(uni_a, officer_a, client):
    survey = make_survey(k=5, slug="few")
    fill(survey, institution=uni_a, count=3, seed=9)
    client.force_login(officer_a)
    html = client.get(iro_url(survey)).content.decode()
    assert "Fewer than 5 responses match" in html
    assert "<svg" not in html


def test_draft_survey_is_not_shown_to_iro(uni_a, officer_a, client):
    survey = make_survey(k=5, slug="draft-one", status="draft")
    client.force_login(officer_a)
    assert client.get(iro_url(survey)).status_code == 404


def test_iro_request_makes_a_job_for_their_institution(
    survey, officer_a, uni_a, client, django_capture_on_commit_callbacks
):
    client.force_login(officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("survey_reports:iro-request", args=[survey.slug]) + f"?institution={uni_a.slug}",
            {"format": "pdf", "breakdown": "went"},
        )
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("survey_reports:job", args=[job.pk])
    assert (job.institution, job.format, job.breakdown, job.status) == (uni_a, "pdf", "went", "done")
    refused = client.post(reverse("survey_reports:iro-request", args=[survey.slug]), {"format": "csv"})
    assert refused.status_code == 302
    assert ReportJob.objects.count() == 1


def test_manager_request_with_filters(survey, survey_manager, client, django_capture_on_commit_callbacks):
    client.force_login(survey_manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("survey_reports:manager-request", args=[survey.slug]),
            {"format": "csv", "language": "fr", "answer": "went:yes", "include_special": "on"},
        )
    job = ReportJob.objects.get()
    assert job.filters == {"language": "fr", "choices": {"went": "yes"}}
    assert job.include_special is True
    assert job.status == "done"


@pytest.mark.parametrize("questions", [1, 5])
def test_results_page_query_count_bounded(questions, survey_manager, uni_a, client, django_assert_max_num_queries):
    survey = make_survey(k=5, slug=f"qc-{questions}")
    fill(survey, institution=uni_a, count=questions * 6, seed=questions, comment="x")
    client.force_login(survey_manager)
    client.get(manager_url(survey))
    with django_assert_max_num_queries(25):
        assert client.get(manager_url(survey)).status_code == 200


@pytest.mark.parametrize("surveys", [1, 5])
def test_manager_index_lists_surveys_with_counts(
    surveys, survey_manager, user, uni_a, client, django_assert_max_num_queries
):
    for i in range(surveys):
        s = make_survey(k=5, slug=f"index-{i}", title=f"Index survey {i}")
        fill(s, institution=uni_a, count=i + 1, seed=i)
    url = reverse("survey_reports:manager-index")
    client.force_login(user)
    assert client.get(url).status_code == 403
    client.force_login(survey_manager)
    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()
    assert html.count('href="/manage/surveys/index-') == surveys
    assert f"<td>{surveys}</td>" in html
